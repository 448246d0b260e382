"""Across the years: roll a case into the next tax year, and the depreciation ledger of each home.

`roll_forward(case_dict, result)` builds next year's case dict from this year's case and its Result:

* stable facts are copied (homes, spaces, basis, land, first business use, improvements, businesses,
  eligibility, filing status); amounts are copied too, as a starting point ("the same facts"), and the
  caller decides which of them to ask again;
* Form 8829 lines 43/44 of every home become next year's carryover in (lines 25/31) of the home that
  continues — carryovers follow the taxpayer, not the home (Pub 587). In a simplified-method year the
  engine already reports the frozen amounts (SMW 6a/6b) as the carryover, so they pass through unchanged
  and are released in the next actual-expense year;
* depreciation advances: first business use is kept, so compute() gives year 2 onward 2.564 % (Table
  A-7a); a simplified-method year is appended to `simplified_years` (depreciation deemed zero) and every
  year to `history` (method, business percentage, depreciation deducted). After a simplified year the
  engine follows RULES.md §4's reading (decision 0012) and carries a review note; so does the Rollover.

`home_ledger(case, result, home_id)` lists depreciation allowable vs allowed for each year since first
business use (reusing depreciation.depreciation_ledger), what was computed but not deducted (carried on
line 44), and the basis reduction a sale would recapture (unrecaptured §1250 gain, Pub 523;
depreciation.sale_estimate).

Pure Python, Decimal only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

from .actual import home_part1
from .depreciation import (
    REVIEW_AFTER_SIMPLIFIED,
    SaleEstimate,
    depreciation_ledger,
    recovery_year,
    sale_estimate,
    table_rate,
)
from .errors import InputError, UnsupportedYear
from .facts import Case
from .money import ZERO, floor_zero, fraction_to_percent, round_money
from .params import load_params, supported_years
from .result import HomeResult, Result

REVIEW_CARRIED_DEPRECIATION = (
    "Depreciation computed but carried over on line 44 (not yet deducted) is counted here as allowable, so "
    "the §1250 estimate may be high; whether it reduces basis before it is deducted is an open question "
    "(Pub 587, Depreciating Your Home; Pub 523). Have this reviewed."
)
REVIEW_PRE_1997 = (
    "Business use began before May 7, 1997: only depreciation after May 6, 1997 is unrecaptured §1250 gain "
    "that cannot be excluded (Pub 523); this estimate counts all of it. Have this reviewed."
)


def _d(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _s(value: Decimal) -> str:
    return format(value, "f")


def depreciation_deducted(values: dict) -> Decimal:
    """Depreciation deducted this year on a Form 8829: line 33 less its excess-casualty part (tier 3 allows
    excess casualty losses first and depreciation, with its carryover, last). The same reading as
    compare.py's depreciation figure, but it also counts carried-over depreciation released this year."""
    line33 = values.get("33") or ZERO
    return floor_zero(line33 - min(values.get("29") or ZERO, line33))


@dataclass(frozen=True)
class Rollover:
    from_year: int
    to_year: int
    case: dict  # next year's case dict (docs/case-format.md); amounts copied as a starting point
    home: str  # id of the home that continues into next year
    carryover: dict  # {"operating", "excess_casualty_and_depreciation": Decimal, "frozen": bool}
    depreciation_deducted: Decimal  # this year's depreciation deducted on the continuing home
    method: str  # this year's method of the continuing home ("actual" | "simplified" | "none")
    notes: tuple[str, ...]
    review: tuple[str, ...]


def _ends_on_dec_31(home: dict, year: int) -> bool:
    end = (home.get("business_use") or {}).get("end")
    return end is None or end == f"{year}-12-31"


def _continuing_home(homes: list[dict], year: int) -> tuple[dict, bool]:
    """The home used for business at the end of the year (periods of homes never overlap)."""
    for home in homes:
        if _ends_on_dec_31(home, year):
            return home, True
    last = max(homes, key=lambda h: (h.get("business_use") or {}).get("end", ""))
    return last, False


def roll_forward(case_dict: dict, result: Result) -> Rollover:
    """Next year's case from this year's case dict and its Result (see the module docstring).

    Raises UnsupportedYear when next year has no parameters, InputError when the Result is not this case's."""
    year = case_dict.get("tax_year")
    if result.tax_year != year:
        raise InputError("tax_year", f"the result is for {result.tax_year}, the case for {year}")
    to_year = year + 1
    if to_year not in supported_years():
        raise UnsupportedYear(to_year, supported_years())

    nxt = copy.deepcopy(case_dict)
    nxt["tax_year"] = to_year
    notes: list[str] = []
    review: list[str] = []
    if nxt.get("method", "auto") != "auto":
        notes.append(f"The method is chosen again each year: {to_year} starts from “auto” (both computed).")
    nxt["method"] = "auto"
    nxt.pop("simplified_home", None)

    homes = nxt["homes"]
    home, year_end = _continuing_home(homes, year)
    if len(homes) > 1:
        notes.append(
            f"You used {len(homes)} homes in {year}; {to_year} starts with the home “{home.get('id')}”, used at "
            "the end of the year. Carryovers from every home move to it (they follow you, not the home)."
        )
    if not year_end:
        review.append(
            f"Business use of the last home ended before December 31, {year}; {to_year} assumes it continues."
        )
    if home.pop("business_use", None) is not None:
        notes.append(f"Dates of business use reset to the whole of {to_year}.")
    home.pop("expenses_cover", None)
    for space in home.get("spaces", []):
        periods = space.pop("periods", None)
        if periods:
            # The area in use at the end of the year continues (an area changed mid-year keeps the new one).
            last = max(periods, key=lambda p: str(p.get("end", "")))
            if last.get("area") is not None:
                space["area"] = last["area"]
            notes.append(f"Periods of use of space “{space.get('id', '')}” reset to the whole year.")

    by_id: dict[str, HomeResult] = {h.home: h for h in result.homes}
    if result.computed:
        op = sum((h.carryover_next_year.operating for h in result.homes), ZERO)
        ex = sum((h.carryover_next_year.excess_casualty_and_depreciation for h in result.homes), ZERO)
        frozen = any(h.carryover_frozen for h in result.homes)
    else:
        # No Form 8829 this year: the last one's carryovers stay as they were.
        op = ex = ZERO
        for h in case_dict["homes"]:
            c = h.get("carryover_in") or {}
            op += _d(c.get("operating", "0"))
            ex += _d(c.get("excess_casualty_and_depreciation", "0"))
        frozen = False
        notes.append(f"No deduction was computed for {year}: the carryovers in are carried on unchanged.")
    for h in homes:
        h.pop("carryover_in", None)
    if op or ex:
        home["carryover_in"] = {"operating": _s(op), "excess_casualty_and_depreciation": _s(ex)}
    nxt["homes"] = [home]
    for b in nxt.get("businesses", []):
        b.pop("income_by_home", None)

    hr = by_id.get(home.get("id")) if result.computed else None
    method = hr.method if hr else "none"
    deducted = ZERO
    dep = home.get("depreciation")
    if dep is not None:
        if dep.pop("business_use_ended", None) is not None:
            review.append(
                f"Business use of this home ended in {year}; it should not continue into {to_year}."
            )
        if hr is not None and hr.actual is not None and method == "actual":
            deducted = depreciation_deducted(hr.actual.values)
        history = [h for h in dep.get("history") or [] if h.get("year") != year]
        row: dict = {"year": year, "method": method}
        if hr is not None and hr.actual is not None:
            row["business_percentage"] = _s(fraction_to_percent(hr.actual.values["7"]))
        row["depreciation_claimed"] = _s(deducted)
        history.append(row)
        dep["history"] = sorted(history, key=lambda h: h["year"])
        if method == "simplified":
            dep["simplified_years"] = sorted({*dep.get("simplified_years", ()), year})
        if dep.get("depreciation_claimed") is not None:
            dep["depreciation_claimed"] = _s(_d(dep["depreciation_claimed"]) + deducted)
        if dep.get("simplified_years"):
            review.append(REVIEW_AFTER_SIMPLIFIED)
    carry = {"operating": op, "excess_casualty_and_depreciation": ex, "frozen": frozen}
    if frozen and (op or ex):
        notes.append(
            f"The carryovers were frozen in {year} (simplified method); they are released the next year you use "
            "actual expenses (Form 8829 lines 25 and 31)."
        )
    return Rollover(year, to_year, nxt, home.get("id"), carry, deducted, method, tuple(notes), tuple(review))


# ------------------------------------------------------------------------------------------------- ledger


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    year: int
    recovery_year: int
    method: str  # "actual" | "simplified" | "none"
    business_basis: Decimal
    rate: Decimal  # percent
    allowable: Decimal  # Table A-7a amount (zero in a simplified year: deemed zero)
    allowed: Decimal | None  # deducted that year; None: not known year by year (see opening_allowed)
    not_deducted: Decimal | None  # running total of allowable not (yet) deducted: carried on line 44

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "recovery_year": self.recovery_year,
            "method": self.method,
            "business_basis": _s(self.business_basis),
            "rate": _s(self.rate),
            "allowable": _s(self.allowable),
            "allowed": None if self.allowed is None else _s(self.allowed),
            "not_deducted": None if self.not_deducted is None else _s(self.not_deducted),
        }


@dataclass(frozen=True)
class HomeLedger:
    home: str
    first_business_use: str
    through_year: int
    rows: tuple[LedgerEntry, ...]
    opening_allowed: Decimal | None  # claimed before the year-by-year rows, as entered (another preparer)
    total_allowable: Decimal
    total_allowed: Decimal
    basis_reduction: Decimal  # allowed or allowable: the larger of the two totals
    review: tuple[str, ...]
    # Issue #13: every remaining year through recovery year 40 at this year's business basis (Table A-7a:
    # 2.564 % in years 2-39, the mid-month final-year percentage in year 40), and whether "allowed" was
    # entered or assumed (allowed-or-allowable rule).
    projection: tuple[LedgerEntry, ...] = ()
    business_basis: Decimal | None = None
    projected_total: Decimal | None = None
    assumed_years: tuple[int, ...] = ()  # earlier years whose "allowed" is the allowable amount, assumed
    allowed_note: str = ""

    def sale(self, gain: Decimal, *, exclusion_limit: Decimal | None = None) -> SaleEstimate:
        """Pub 523: of a gain on sale, depreciation after May 6, 1997 is unrecaptured §1250 gain (not
        excludable under §121); the rest may be excluded."""
        return sale_estimate(gain, self.basis_reduction, exclusion_limit=exclusion_limit)

    def to_dict(self) -> dict:
        return {
            "home": self.home,
            "first_business_use": self.first_business_use,
            "through_year": self.through_year,
            "rows": [r.to_dict() for r in self.rows],
            "opening_allowed": None if self.opening_allowed is None else _s(self.opening_allowed),
            "total_allowable": _s(self.total_allowable),
            "total_allowed": _s(self.total_allowed),
            "basis_reduction": _s(self.basis_reduction),
            "unrecaptured_1250_if_sold_at_gain": _s(self.basis_reduction),
            "review": list(self.review),
            "projection": [r.to_dict() for r in self.projection],
            "business_basis": None if self.business_basis is None else _s(self.business_basis),
            "projected_total": None if self.projected_total is None else _s(self.projected_total),
            "assumed_years": list(self.assumed_years),
            "allowed_note": self.allowed_note,
        }


def home_ledger(case: Case, result: Result, home_id: str) -> HomeLedger | None:
    """Depreciation ledger of one owned home through the case's year (None when it has no depreciation)."""
    home = next((h for h in case.homes if h.id == home_id), None)
    if home is None or home.depreciation is None:
        return None
    facts = home.depreciation
    hr = next((h for h in result.homes if h.home == home_id), None) if result.computed else None
    params = load_params(case.tax_year)
    this_year_method = hr.method if hr else "none"
    # Earlier years without a recorded business percentage take this year's line 7; when nothing was
    # computed this year (the use did not qualify), the home's Part I still gives it, not zero.
    line7 = hr.actual.values["7"] if hr and hr.actual else home_part1(home, params, case.tax_year).line7
    base = depreciation_ledger(facts, params, case.tax_year, line7)
    history = {h.year: h for h in facts.history}
    known = {y for y, h in history.items() if h.depreciation_claimed is not None}
    opening = None
    if facts.depreciation_claimed is not None:
        opening = floor_zero(
            facts.depreciation_claimed - sum((history[y].depreciation_claimed for y in known), ZERO)
        )
    rows: list[LedgerEntry] = []
    not_deducted = ZERO
    unknown_before = False
    assumed: list[int] = []
    for r in base:
        method, allowable, allowed = r.method, r.allowable, r.allowed
        if r.year == case.tax_year:
            method = this_year_method
            if method != "actual":
                allowable = ZERO
            allowed = depreciation_deducted(hr.actual.values) if method == "actual" and hr.actual else ZERO
        elif r.year not in known and method == "actual":
            if opening is not None:
                allowed = None  # covered by the opening amount
            else:
                assumed.append(r.year)  # nothing entered: the allowable amount is assumed
            unknown_before = True
        if allowed is None or (unknown_before and opening is not None):
            running = None
        else:
            not_deducted = floor_zero(not_deducted + allowable - allowed)
            running = not_deducted
        rows.append(
            LedgerEntry(
                r.year, r.recovery_year, method, r.business_basis, r.rate, allowable, allowed, running
            )
        )
    total_allowable = sum((r.allowable for r in rows), ZERO)
    total_allowed = sum((r.allowed for r in rows if r.allowed is not None), ZERO) + (opening or ZERO)
    review = []
    if facts.simplified_years:
        review.append(REVIEW_AFTER_SIMPLIFIED)
    if total_allowable > total_allowed:
        review.append(REVIEW_CARRIED_DEPRECIATION)
    if (facts.first_business_use.year, facts.first_business_use.month) < (1997, 5):
        review.append(REVIEW_PRE_1997)
    projection, basis_now, projected_total = _projection(facts, params, case.tax_year, rows)
    if assumed:
        years = ", ".join(str(y) for y in assumed)
        note = (
            f"You did not enter the depreciation claimed for {years}: the ledger assumes the allowable amount "
            "was claimed. Your home's basis falls by the depreciation allowed or allowable, whichever is more, "
            "even if you did not claim it (allowed-or-allowable rule, Pub 587 and Pub 946). If you claimed "
            "less, enter it; if you claimed none, Form 3115 may let you catch up."
        )
    elif opening is not None:
        note = "Depreciation claimed before the year-by-year rows: as you entered it."
    else:
        note = "Depreciation allowed each earlier year: as you entered it."
    return HomeLedger(
        home=home_id,
        first_business_use=str(facts.first_business_use),
        through_year=case.tax_year,
        rows=tuple(rows),
        opening_allowed=opening,
        total_allowable=total_allowable,
        total_allowed=total_allowed,
        basis_reduction=max(total_allowable, total_allowed),
        review=tuple(review),
        projection=projection,
        business_basis=basis_now,
        projected_total=projected_total,
        assumed_years=tuple(assumed),
        allowed_note=note,
    )


def _projection(facts, params, tax_year: int, rows: list[LedgerEntry]):
    """The rest of the recovery period at this year's business basis (the building only: improvements have
    schedules of their own). When every year so far used the same basis with actual expenses, the final
    year takes what is left of the basis, so the total equals the business basis (each year is rounded to
    whole dollars); the table's final-year percentage is shown beside it."""
    if not rows or facts.business_use_ended is not None or facts.improvements:
        return (), None, None
    basis = rows[-1].business_basis
    last = facts.first_business_use.year + 39  # recovery year 40
    uniform = all(r.business_basis == basis and r.method == "actual" for r in rows)
    total = sum((r.allowable for r in rows), ZERO)
    out = []
    for year in range(tax_year + 1, last + 1):
        rate = table_rate(params, facts.first_business_use, year)
        amount = round_money(basis * rate / 100)
        if year == last and uniform:
            amount = floor_zero(basis - total)
        total += amount
        out.append(
            LedgerEntry(
                year,
                recovery_year(facts.first_business_use, year),
                "projected",
                basis,
                rate,
                amount,
                None,
                None,
            )
        )
    return tuple(out), basis, total


def ledgers(case: Case, result: Result) -> list[HomeLedger]:
    """The ledger of every owned home with depreciation facts."""
    out = []
    for home in case.homes:
        ledger = home_ledger(case, result, home.id)
        if ledger is not None:
            out.append(ledger)
    return out

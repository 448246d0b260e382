"""Typed, frozen inputs of the engine, and their parser from the documented case format (docs/case-format.md).

Every parse error is an InputError carrying the dotted path of the offending field ("homes[0].spaces[1].area").
Amounts are Decimal; percentages given as percent in the case file ("40") are stored as fractions (0.4).
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import InputError
from .money import HUNDRED, ZERO, parse_money, parse_number, parse_percent

SCHEMA_VERSION = 1
FILING_STATUSES = (
    "single",
    "married_joint",
    "married_separate",
    "head_of_household",
    "qualifying_surviving_spouse",
)
DEDUCTIONS = ("itemize", "standard")
METHODS = ("auto", "actual", "simplified")
ROUNDINGS = ("dollars", "cents")
SCHEDULES = ("C", "F", "partner")  # Schedule C -> Form 8829; Schedule F and partners -> Pub 587 worksheet
OWNERSHIPS = ("own", "rent")
SPACE_USES = ("regular_exclusive", "daycare", "daycare_exclusive", "inventory_storage")
EXPENSE_CATEGORIES = ("casualty_losses", "insurance", "rent", "repairs", "utilities", "other")
EXPENSES_COVER = ("business_period", "full_year")


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive date range; `area` overrides the space's area for this period (area changes mid-year)."""

    start: date
    end: date
    area: Decimal | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Space:
    id: str
    area: Decimal  # square feet used by this taxpayer's business (before sharing)
    use: str  # one of SPACE_USES
    business_shares: tuple[tuple[str, Decimal], ...]  # (business id, fraction); fractions sum to 1
    periods: tuple[Period, ...] = ()  # empty: the home's whole business-use period
    shared_area: Decimal = ZERO  # part of `area` also used by another person's qualifying business
    shared_fraction: Decimal = Decimal("0.5")  # this taxpayer's share of the shared area

    @property
    def own_area(self) -> Decimal:
        """Area this taxpayer may count: unshared part + own share of the shared part (Pub 587 Kristin/Lindsey)."""
        return self.area - self.shared_area + self.shared_area * self.shared_fraction

    def own_area_of(self, area: Decimal) -> Decimal:
        shared = min(self.shared_area, area)
        return area - shared + shared * self.shared_fraction


@dataclass(frozen=True, slots=True)
class ExpenseItem:
    """One Form 8829 expense line. direct = column (a); indirect = column (b) (whole-home amount);
    direct_daycare = direct expenses of an area used for daycare but not exclusively (engine applies line 6);
    partial = indirect items whose business share differs from line 7, as (amount, fraction) (i8829: the
    business part goes to column (a))."""

    direct: Decimal = ZERO
    indirect: Decimal = ZERO
    direct_daycare: Decimal = ZERO
    partial: tuple[tuple[Decimal, Decimal], ...] = ()


EMPTY_EXPENSE = ExpenseItem()


@dataclass(frozen=True, slots=True)
class Expenses:
    casualty_losses: ExpenseItem = EMPTY_EXPENSE  # line 9 (only the part deductible on Schedule A anyway)
    insurance: ExpenseItem = EMPTY_EXPENSE  # line 18
    rent: ExpenseItem = EMPTY_EXPENSE  # line 19
    repairs: ExpenseItem = EMPTY_EXPENSE  # line 20
    utilities: ExpenseItem = EMPTY_EXPENSE  # line 21
    other: ExpenseItem = EMPTY_EXPENSE  # line 22
    excess_casualty_losses: Decimal = ZERO  # line 29, business part


@dataclass(frozen=True, slots=True)
class MortgageInterest:
    paid: Decimal = ZERO  # home mortgage interest paid on this home for the period (whole home)
    deductible_if_itemizing: Decimal | None = None  # part deductible on Schedule A after Pub 936 limits
    # Average acquisition-debt balance (Pub 936 Table 1): above the year's limit only part of the interest
    # is "deductible mortgage interest"; the business part of the rest goes on line 16 (issue #13).
    loan_balance: Decimal | None = None
    grandfathered: bool = False  # debt incurred on or before Dec 15, 2017: the $1,000,000 limit


@dataclass(frozen=True, slots=True)
class Daycare:
    hours_used: Decimal  # line 4: days used x hours per day
    days_available: int | None = None  # part-year: line 5 = 24 x days; None = the home's business-use period


@dataclass(frozen=True, slots=True)
class Improvement:
    description: str
    cost: Decimal
    placed_in_service: YearMonth
    business_fraction: Decimal | None = None  # None: this year's line 7


@dataclass(frozen=True, slots=True)
class HistoryYear:
    year: int
    method: str  # "actual" | "simplified" | "none"
    business_fraction: Decimal | None = None
    depreciation_claimed: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DepreciationFacts:
    first_business_use: YearMonth
    adjusted_basis: Decimal  # incl. land, on the date of first business use
    fair_market_value: Decimal  # incl. land, same date
    land_value: Decimal  # land basis, or land FMV on that date if less
    improvements: tuple[Improvement, ...] = ()
    simplified_years: tuple[int, ...] = ()
    depreciation_claimed: Decimal | None = None  # total allowed in earlier years, if known
    history: tuple[HistoryYear, ...] = ()
    business_use_ended: YearMonth | None = None


@dataclass(frozen=True, slots=True)
class Carryover:
    operating: Decimal = ZERO  # prior Form 8829 line 43 (line 42 before 2018) -> line 25
    excess_casualty_and_depreciation: Decimal = ZERO  # prior line 44 (43 before 2018) -> line 31


NO_CARRYOVER = Carryover()


@dataclass(frozen=True, slots=True)
class Home:
    id: str
    ownership: str
    total_area: Decimal
    business_use: Period  # dates this home was used for business in the tax year
    spaces: tuple[Space, ...]
    expenses: Expenses = Expenses()
    expenses_cover: str = "business_period"
    mortgage_interest: MortgageInterest = MortgageInterest()
    real_estate_taxes: Decimal = ZERO  # whole-home real estate taxes for the period
    daycare: Daycare | None = None
    depreciation: DepreciationFacts | None = None
    carryover_in: Carryover = NO_CARRYOVER
    line36_allocation: tuple[tuple[str, Decimal], ...] = ()  # (business id, fraction); empty = by area


@dataclass(frozen=True, slots=True)
class Business:
    id: str
    name: str
    schedule: str
    gross_income: Decimal
    expenses_not_from_home: Decimal = ZERO
    tentative_profit: Decimal | None = None  # Schedule C line 29, if the filer has it
    gain_from_home_use: Decimal = ZERO
    loss_not_from_home: Decimal = ZERO
    income_by_home: tuple[tuple[str, Decimal], ...] = ()  # gross income earned while using each home
    # Several businesses in one space: this business's own use, tested separately (Pub 587, More Than One
    # Trade or Business). None: the case's eligibility covers it.
    eligibility: object | None = None


@dataclass(frozen=True, slots=True)
class Salt:
    """Facts the Line 11 Worksheet needs (itemizers)."""

    state_local_income_or_sales_tax: Decimal = ZERO
    other_real_estate_taxes: Decimal = ZERO
    personal_property_taxes: Decimal = ZERO
    magi: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TaxFacts:
    """Optional answers that sharpen the tax-saved estimate (issue #13); never used on Form 8829."""

    other_income: Decimal | None = None  # income in AGI besides these businesses (wages, interest, spouse)
    w2_wages: Decimal | None = None  # Social Security wages (Form W-2 box 3), for the SE wage base
    other_itemized: Decimal | None = None  # itemized deductions besides home taxes, interest and casualty


NO_TAX_FACTS = TaxFacts()


@dataclass(frozen=True, slots=True)
class UseShare:
    """Internet service or a second phone line: cost and business-use share."""

    annual_cost: Decimal
    business_fraction: Decimal
    business: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    tax_year: int
    filing_status: str
    deduction: str
    method: str
    eligibility: object  # eligibility.EligibilityFacts
    businesses: tuple[Business, ...]
    homes: tuple[Home, ...]
    salt: Salt = Salt()
    tax: TaxFacts = NO_TAX_FACTS
    internet: UseShare | None = None
    second_phone_line: UseShare | None = None
    simplified_home: str | None = None
    rounding: str = "dollars"
    raw: dict | None = None  # the validated input dict
    input_sha256: str = ""  # SHA-256 of the canonical input, computed once at validation (PDF cache key)

    def business(self, business_id: str) -> Business:
        for b in self.businesses:
            if b.id == business_id:
                return b
        raise KeyError(business_id)


# --------------------------------------------------------------------------------------------------- parsing


def _obj(d, path: str) -> dict:
    if not isinstance(d, dict):
        raise InputError(path, "must be an object")
    return d


def _check_keys(d: dict, allowed: tuple[str, ...], path: str) -> None:
    for key in d:
        if key not in allowed:
            raise InputError(f"{path}.{key}" if path else key, "unknown field")


def _choice(d: dict, key: str, choices, path: str, default=None):
    value = d.get(key, default)
    if value is None and default is None:
        raise InputError(f"{path}.{key}", "is required")
    if value not in choices:
        raise InputError(f"{path}.{key}", f"must be one of {', '.join(map(str, choices))}")
    return value


def _str(d: dict, key: str, path: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if value is None:
        raise InputError(f"{path}.{key}", "is required")
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise InputError(f"{path}.{key}", "must be a non-empty text of at most 200 characters")
    return value


def _money(d: dict, key: str, path: str, *, required: bool = False, allow_negative: bool = False):
    if key not in d or d[key] is None:
        if required:
            raise InputError(f"{path}.{key}", "is required")
        return ZERO
    return parse_money(d[key], f"{path}.{key}", allow_negative=allow_negative)


def _opt_money(d: dict, key: str, path: str, *, allow_negative: bool = False):
    if d.get(key) is None:
        return None
    return parse_money(d[key], f"{path}.{key}", allow_negative=allow_negative)


def _int(value, path: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(path, "must be a whole number")
    if not lo <= value <= hi:
        raise InputError(path, f"must be between {lo} and {hi}")
    return value


def _date(value, path: str) -> date:
    if not isinstance(value, str):
        raise InputError(path, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(path, f"{value!r} is not a date written YYYY-MM-DD") from None


def parse_year_month(value, path: str) -> YearMonth:
    if not isinstance(value, str) or len(value) != 7 or value[4] != "-":
        raise InputError(path, "must be a month written YYYY-MM")
    try:
        year, month = int(value[:4]), int(value[5:])
    except ValueError:
        raise InputError(path, f"{value!r} is not a month written YYYY-MM") from None
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise InputError(path, f"{value!r} is not a valid month")
    return YearMonth(year, month)


def _period(d, path: str, tax_year: int, *, with_area: bool) -> Period:
    d = _obj(d, path)
    _check_keys(d, ("start", "end", "area") if with_area else ("start", "end"), path)
    start = _date(d.get("start", f"{tax_year}-01-01"), f"{path}.start")
    end = _date(d.get("end", f"{tax_year}-12-31"), f"{path}.end")
    if start.year != tax_year:
        raise InputError(f"{path}.start", f"must be in the tax year {tax_year}")
    if end.year != tax_year:
        raise InputError(f"{path}.end", f"must be in the tax year {tax_year}")
    if end < start:
        raise InputError(f"{path}.end", "must not be before start")
    area = None
    if with_area and d.get("area") is not None:
        area = parse_number(d["area"], f"{path}.area")
    return Period(start, end, area)


def _shares(d, path: str, known: set[str] | None) -> tuple[tuple[str, Decimal], ...]:
    """{"id": "60", "id2": "40"} percent shares summing to 100 -> ((id, 0.6), (id2, 0.4))."""
    d = _obj(d, path)
    if not d:
        raise InputError(path, "must name at least one business")
    out = []
    for key, value in d.items():
        if known is not None and key not in known:
            raise InputError(f"{path}.{key}", "is not the id of a business in this case")
        out.append((key, parse_percent(value, f"{path}.{key}")))
    if sum(f for _, f in out) != 1:
        raise InputError(path, "percentages must add up to 100")
    return tuple(out)


def _expense_item(value, path: str) -> ExpenseItem:
    if not isinstance(value, dict):
        # A bare amount is the whole-home (indirect) amount, the common case.
        return ExpenseItem(indirect=parse_money(value, path))
    _check_keys(value, ("direct", "indirect", "direct_daycare", "partial"), path)
    partial = []
    for i, item in enumerate(value.get("partial") or ()):
        p = f"{path}.partial[{i}]"
        item = _obj(item, p)
        _check_keys(item, ("amount", "business_percentage", "description"), p)
        partial.append(
            (
                _money(item, "amount", p, required=True),
                parse_percent(item.get("business_percentage"), f"{p}.business_percentage"),
            )
        )
    return ExpenseItem(
        direct=_money(value, "direct", path),
        indirect=_money(value, "indirect", path),
        direct_daycare=_money(value, "direct_daycare", path),
        partial=tuple(partial),
    )


def _expenses(d, path: str) -> Expenses:
    d = _obj(d, path)
    _check_keys(d, (*EXPENSE_CATEGORIES, "excess_casualty_losses"), path)
    kwargs = {
        cat: _expense_item(d[cat], f"{path}.{cat}") for cat in EXPENSE_CATEGORIES if d.get(cat) is not None
    }
    return Expenses(excess_casualty_losses=_money(d, "excess_casualty_losses", path), **kwargs)


def _space(d, path: str, tax_year: int, businesses: set[str]) -> Space:
    d = _obj(d, path)
    _check_keys(
        d,
        ("id", "area", "use", "business", "businesses", "periods", "shared_area", "shared_percentage"),
        path,
    )
    area = parse_number(d.get("area"), f"{path}.area") if "area" in d else None
    if area is None:
        raise InputError(f"{path}.area", "is required")
    if "businesses" in d:
        shares = _shares(d["businesses"], f"{path}.businesses", businesses)
    else:
        if len(businesses) != 1 and "business" not in d:
            raise InputError(f"{path}.business", "is required when the case has several businesses")
        bid = d.get("business") or next(iter(businesses))
        if bid not in businesses:
            raise InputError(f"{path}.business", f"{bid!r} is not the id of a business in this case")
        shares = ((bid, Decimal(1)),)
    periods = tuple(
        _period(p, f"{path}.periods[{i}]", tax_year, with_area=True)
        for i, p in enumerate(d.get("periods") or ())
    )
    ordered = sorted(periods, key=lambda p: p.start)
    for a, b in itertools.pairwise(ordered):
        if b.start <= a.end:
            raise InputError(f"{path}.periods", "periods must not overlap")
    shared_area = parse_number(d["shared_area"], f"{path}.shared_area") if d.get("shared_area") else ZERO
    if shared_area > area:
        raise InputError(f"{path}.shared_area", "must not exceed area")
    shared_fraction = (
        parse_percent(d["shared_percentage"], f"{path}.shared_percentage")
        if d.get("shared_percentage") is not None
        else Decimal("0.5")
    )
    return Space(
        id=_str(d, "id", path, default=path),
        area=area,
        use=_choice(d, "use", SPACE_USES, path, default="regular_exclusive"),
        business_shares=shares,
        periods=periods,
        shared_area=shared_area,
        shared_fraction=shared_fraction,
    )


def _daycare(d, path: str, tax_year: int) -> Daycare:
    d = _obj(d, path)
    _check_keys(d, ("hours_used", "schedule", "days_available"), path)
    if d.get("hours_used") is not None:
        hours = parse_number(d["hours_used"], f"{path}.hours_used")
    elif d.get("schedule"):
        hours = ZERO
        for i, row in enumerate(d["schedule"]):
            p = f"{path}.schedule[{i}]"
            row = _obj(row, p)
            _check_keys(row, ("days", "hours_per_day"), p)
            days = _int(row.get("days"), f"{p}.days", 0, 366)
            per_day = parse_number(row.get("hours_per_day"), f"{p}.hours_per_day", maximum=Decimal(24))
            hours += days * per_day
    else:
        raise InputError(f"{path}.hours_used", "give hours_used or a schedule of days and hours per day")
    days_in_year = 366 if calendar.isleap(tax_year) else 365
    days_available = None
    if d.get("days_available") is not None:
        days_available = _int(d["days_available"], f"{path}.days_available", 1, days_in_year)
    limit = 24 * (days_available or days_in_year)
    if hours > limit:
        raise InputError(f"{path}.hours_used", f"exceeds the {limit} hours available")
    return Daycare(hours_used=hours, days_available=days_available)


def earliest_39_year_month(tax_year: int) -> YearMonth:
    """The first whole month of 39-year property: the month after `macrs_39_earliest_first_use` (May 13, 1993)
    unless that date is the 1st. A case gives months only, and May 1993 mixes 31.5-year days (1-12) with
    39-year days (13-31), so May 1993 itself cannot be placed (issue #13)."""
    from .params import load_params

    text = load_params(tax_year)["macrs_39_earliest_first_use"]
    year, month, day = (int(x) for x in text.split("-"))
    if day == 1:
        return YearMonth(year, month)
    return YearMonth(year + month // 12, month % 12 + 1)


def check_39_year_first_use(first: YearMonth, tax_year: int, path: str) -> None:
    earliest = earliest_39_year_month(tax_year)
    if first < earliest:
        # Before May 13, 1993 the home is 31.5-year property (Pub 946); the engine does not compute it.
        raise InputError(
            path,
            f"must be {earliest} or later: the 39-year rate applies to a first business use after May 12, "
            "1993 (Form 8829 line 41); an earlier first use, or one in May 1993, is not supported (see Pub 946)",
        )


def _depreciation(d, path: str, tax_year: int) -> DepreciationFacts:
    d = _obj(d, path)
    _check_keys(
        d,
        (
            "first_business_use",
            "adjusted_basis",
            "fair_market_value",
            "land_value",
            "improvements",
            "simplified_years",
            "depreciation_claimed",
            "history",
            "business_use_ended",
        ),
        path,
    )
    first = parse_year_month(d.get("first_business_use"), f"{path}.first_business_use")
    if first.year > tax_year:
        raise InputError(f"{path}.first_business_use", f"is after the tax year {tax_year}")
    check_39_year_first_use(first, tax_year, f"{path}.first_business_use")
    basis = _money(d, "adjusted_basis", path, required=True)
    fmv = _money(d, "fair_market_value", path, required=True)
    land = _money(d, "land_value", path, required=True)
    if land > min(basis, fmv):
        raise InputError(
            f"{path}.land_value", "must not exceed the smaller of adjusted basis and fair market value"
        )
    improvements = []
    for i, imp in enumerate(d.get("improvements") or ()):
        p = f"{path}.improvements[{i}]"
        imp = _obj(imp, p)
        _check_keys(imp, ("description", "cost", "placed_in_service", "business_percentage"), p)
        placed = parse_year_month(imp.get("placed_in_service"), f"{p}.placed_in_service")
        if placed <= first:
            raise InputError(
                f"{p}.placed_in_service",
                "improvements made before business use began belong in adjusted_basis, not here",
            )
        if placed.year > tax_year:
            raise InputError(f"{p}.placed_in_service", f"is after the tax year {tax_year}")
        frac = None
        if imp.get("business_percentage") is not None:
            frac = parse_percent(imp["business_percentage"], f"{p}.business_percentage")
        improvements.append(
            Improvement(
                description=_str(imp, "description", p, default="Improvement"),
                cost=_money(imp, "cost", p, required=True),
                placed_in_service=placed,
                business_fraction=frac,
            )
        )
    simplified_years = []
    for i, y in enumerate(d.get("simplified_years") or ()):
        y = _int(y, f"{path}.simplified_years[{i}]", first.year, tax_year - 1)
        simplified_years.append(y)
    history = []
    for i, h in enumerate(d.get("history") or ()):
        p = f"{path}.history[{i}]"
        h = _obj(h, p)
        _check_keys(h, ("year", "method", "business_percentage", "depreciation_claimed"), p)
        year = _int(h.get("year"), f"{p}.year", first.year, tax_year - 1)
        method = _choice(h, "method", ("actual", "simplified", "none"), p, default="actual")
        frac = (
            parse_percent(h["business_percentage"], f"{p}.business_percentage")
            if "business_percentage" in h
            else None
        )
        history.append(HistoryYear(year, method, frac, _opt_money(h, "depreciation_claimed", p)))
        if method == "simplified" and year not in simplified_years:
            simplified_years.append(year)
    ended = None
    if d.get("business_use_ended") is not None:
        ended = parse_year_month(d["business_use_ended"], f"{path}.business_use_ended")
        if ended.year != tax_year or ended < first:
            raise InputError(
                f"{path}.business_use_ended", "must be a month of the tax year after first business use"
            )
    return DepreciationFacts(
        first_business_use=first,
        adjusted_basis=basis,
        fair_market_value=fmv,
        land_value=land,
        improvements=tuple(improvements),
        simplified_years=tuple(sorted(set(simplified_years))),
        depreciation_claimed=_opt_money(d, "depreciation_claimed", path),
        history=tuple(sorted(history, key=lambda h: h.year)),
        business_use_ended=ended,
    )


def _home(d, path: str, tax_year: int, businesses: set[str]) -> Home:
    d = _obj(d, path)
    _check_keys(
        d,
        (
            "id",
            "ownership",
            "total_area",
            "business_use",
            "spaces",
            "expenses",
            "expenses_cover",
            "mortgage_interest",
            "real_estate_taxes",
            "daycare",
            "depreciation",
            "carryover_in",
            "line36_allocation",
        ),
        path,
    )
    total_area = parse_number(d.get("total_area"), f"{path}.total_area") if "total_area" in d else None
    if total_area is None:
        raise InputError(f"{path}.total_area", "is required")
    if total_area <= 0:
        raise InputError(f"{path}.total_area", "must be more than 0")
    business_use = _period(d.get("business_use") or {}, f"{path}.business_use", tax_year, with_area=False)
    raw_spaces = d.get("spaces")
    if not isinstance(raw_spaces, list) or not raw_spaces:
        raise InputError(f"{path}.spaces", "must list at least one space used for business")
    spaces = tuple(_space(s, f"{path}.spaces[{i}]", tax_year, businesses) for i, s in enumerate(raw_spaces))
    ids = [s.id for s in spaces]
    if len(set(ids)) != len(ids):
        raise InputError(f"{path}.spaces", "space ids must be unique")
    for i, s in enumerate(spaces):
        for j, p in enumerate(s.periods):
            if p.start < business_use.start or p.end > business_use.end:
                raise InputError(
                    f"{path}.spaces[{i}].periods[{j}]", "must lie inside the home's business_use period"
                )
    if sum(s.area for s in spaces) > total_area:
        raise InputError(f"{path}.spaces", "business areas add up to more than total_area")
    ownership = _choice(d, "ownership", OWNERSHIPS, path)
    mortgage = MortgageInterest()
    if d.get("mortgage_interest") is not None:
        m = d["mortgage_interest"]
        mp = f"{path}.mortgage_interest"
        if isinstance(m, dict):
            _check_keys(m, ("paid", "deductible_if_itemizing", "loan_balance", "grandfathered"), mp)
            paid = _money(m, "paid", mp)
            deductible = _opt_money(m, "deductible_if_itemizing", mp)
            if deductible is not None and deductible > paid:
                raise InputError(f"{mp}.deductible_if_itemizing", "must not exceed paid")
            balance = _opt_money(m, "loan_balance", mp)
            grandfathered = m.get("grandfathered", False)
            if not isinstance(grandfathered, bool):
                raise InputError(f"{mp}.grandfathered", "must be true or false")
            mortgage = MortgageInterest(paid, deductible, balance, grandfathered)
        else:
            mortgage = MortgageInterest(parse_money(m, mp))
    daycare = _daycare(d["daycare"], f"{path}.daycare", tax_year) if d.get("daycare") is not None else None
    if any(s.use == "daycare" for s in spaces) and daycare is None:
        raise InputError(
            f"{path}.daycare", "is required when a space is used for daycare but not exclusively"
        )
    depreciation = None
    if d.get("depreciation") is not None:
        if ownership != "own":
            raise InputError(f"{path}.depreciation", "only an owner depreciates the home")
        depreciation = _depreciation(d["depreciation"], f"{path}.depreciation", tax_year)
        if depreciation.business_use_ended is None and business_use.end < date(tax_year, 12, 31):
            # The home's business use stopped before the year ended (moved, sold, stopped): no depreciation
            # for the months after it (Pub 587, part-year use); the final month counts half (mid-month).
            depreciation = dataclasses.replace(
                depreciation, business_use_ended=YearMonth(business_use.end.year, business_use.end.month)
            )
    carry = NO_CARRYOVER
    if d.get("carryover_in") is not None:
        cp = f"{path}.carryover_in"
        c = _obj(d["carryover_in"], cp)
        _check_keys(c, ("operating", "excess_casualty_and_depreciation"), cp)
        carry = Carryover(_money(c, "operating", cp), _money(c, "excess_casualty_and_depreciation", cp))
    allocation = ()
    if d.get("line36_allocation") is not None:
        allocation = _shares(d["line36_allocation"], f"{path}.line36_allocation", businesses)
    return Home(
        id=_str(d, "id", path, default=path),
        ownership=ownership,
        total_area=total_area,
        business_use=business_use,
        spaces=spaces,
        expenses=_expenses(d.get("expenses") or {}, f"{path}.expenses"),
        expenses_cover=_choice(d, "expenses_cover", EXPENSES_COVER, path, default="business_period"),
        mortgage_interest=mortgage,
        real_estate_taxes=_money(d, "real_estate_taxes", path),
        daycare=daycare,
        depreciation=depreciation,
        carryover_in=carry,
        line36_allocation=allocation,
    )


def _business(d, path: str, home_ids: set[str] | None) -> Business:
    d = _obj(d, path)
    _check_keys(
        d,
        (
            "id",
            "name",
            "schedule",
            "gross_income",
            "expenses_not_from_home",
            "tentative_profit",
            "gain_from_home_use",
            "loss_not_from_home",
            "income_by_home",
            "eligibility",
        ),
        path,
    )
    income_by_home = ()
    if d.get("income_by_home") is not None:
        ip = f"{path}.income_by_home"
        ib = _obj(d["income_by_home"], ip)
        income_by_home = tuple((k, parse_money(v, f"{ip}.{k}")) for k, v in ib.items())
    return Business(
        id=_str(d, "id", path),
        name=_str(d, "name", path, default=d.get("id") or "Business"),
        schedule=_choice(d, "schedule", SCHEDULES, path, default="C"),
        gross_income=_money(d, "gross_income", path, required=True),
        expenses_not_from_home=_money(d, "expenses_not_from_home", path),
        tentative_profit=_opt_money(d, "tentative_profit", path, allow_negative=True),
        gain_from_home_use=_money(d, "gain_from_home_use", path),
        loss_not_from_home=_money(d, "loss_not_from_home", path),
        income_by_home=income_by_home,
    )


def _use_share(d, path: str, businesses: set[str]) -> UseShare:
    d = _obj(d, path)
    _check_keys(d, ("annual_cost", "business_use_percentage", "business"), path)
    business = d.get("business")
    if business is not None and business not in businesses:
        raise InputError(f"{path}.business", f"{business!r} is not the id of a business in this case")
    return UseShare(
        annual_cost=_money(d, "annual_cost", path, required=True),
        business_fraction=parse_percent(d.get("business_use_percentage"), f"{path}.business_use_percentage"),
        business=business,
    )


CASE_KEYS = (
    "schema_version",
    "tax_year",
    "filing_status",
    "deduction",
    "method",
    "simplified_home",
    "rounding",
    "eligibility",
    "businesses",
    "homes",
    "salt",
    "tax",
    "internet",
    "second_phone_line",
)


def parse_case(d: dict, eligibility_parser, supported_years) -> Case:
    """Validate a case dict; `eligibility_parser(dict, path)` builds the eligibility facts."""
    d = _obj(d, "case")
    _check_keys(d, CASE_KEYS, "")
    version = d.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise InputError("schema_version", f"must be {SCHEMA_VERSION}")
    tax_year = d.get("tax_year")
    if isinstance(tax_year, bool) or not isinstance(tax_year, int):
        raise InputError("tax_year", "is required and must be a whole number, e.g. 2025")
    if tax_year not in supported_years:
        raise InputError(
            "tax_year", f"{tax_year} is not supported; choose one of {', '.join(map(str, supported_years))}"
        )
    filing_status = _choice(d, "filing_status", FILING_STATUSES, "", default="single")
    deduction = _choice(d, "deduction", DEDUCTIONS, "", default="standard")
    method = _choice(d, "method", METHODS, "", default="auto")
    rounding = _choice(d, "rounding", ROUNDINGS, "", default="dollars")
    if "eligibility" not in d:
        raise InputError("eligibility", "is required")
    eligibility = eligibility_parser(d["eligibility"], "eligibility")

    raw_businesses = d.get("businesses")
    if not isinstance(raw_businesses, list) or not raw_businesses:
        raise InputError("businesses", "must list at least one business")
    businesses = tuple(_business(b, f"businesses[{i}]", None) for i, b in enumerate(raw_businesses))
    businesses = tuple(
        dataclasses.replace(
            b, eligibility=eligibility_parser(raw["eligibility"], f"businesses[{i}].eligibility")
        )
        if isinstance(raw, dict) and raw.get("eligibility") is not None
        else b
        for i, (b, raw) in enumerate(zip(businesses, raw_businesses, strict=True))
    )
    bids = [b.id for b in businesses]
    if len(set(bids)) != len(bids):
        raise InputError("businesses", "business ids must be unique")
    bset = set(bids)

    raw_homes = d.get("homes")
    if not isinstance(raw_homes, list) or not raw_homes:
        raise InputError("homes", "must list at least one home")
    homes = tuple(_home(h, f"homes[{i}]", tax_year, bset) for i, h in enumerate(raw_homes))
    hids = [h.id for h in homes]
    if len(set(hids)) != len(hids):
        raise InputError("homes", "home ids must be unique")
    ordered = sorted(homes, key=lambda h: h.business_use.start)
    for a, b in itertools.pairwise(ordered):
        if b.business_use.start <= a.business_use.end:
            raise InputError("homes", "business-use periods of different homes must not overlap")
    for i, b in enumerate(businesses):
        for hid, _ in b.income_by_home:
            if hid not in hids:
                raise InputError(
                    f"businesses[{i}].income_by_home.{hid}", "is not the id of a home in this case"
                )

    simplified_home = d.get("simplified_home")
    if simplified_home is not None and simplified_home not in hids:
        raise InputError("simplified_home", f"{simplified_home!r} is not the id of a home in this case")

    salt = Salt()
    if d.get("salt") is not None:
        s = _obj(d["salt"], "salt")
        _check_keys(
            s,
            ("state_local_income_or_sales_tax", "other_real_estate_taxes", "personal_property_taxes", "magi"),
            "salt",
        )
        salt = Salt(
            _money(s, "state_local_income_or_sales_tax", "salt"),
            _money(s, "other_real_estate_taxes", "salt"),
            _money(s, "personal_property_taxes", "salt"),
            _opt_money(s, "magi", "salt", allow_negative=True),
        )
    if deduction == "itemize" and tax_year >= 2025 and salt.magi is None:
        # From 2025 the SALT cap behind the Line 11 Worksheet phases down above $500,000 of MAGI; without it
        # the full cap would be assumed silently.
        raise InputError(
            "salt.magi",
            "is required when itemizing in 2025 and later (the SALT cap phases down above $500,000 of MAGI)",
        )
    tax = NO_TAX_FACTS
    if d.get("tax") is not None:
        t = _obj(d["tax"], "tax")
        _check_keys(t, ("other_income", "w2_wages", "other_itemized"), "tax")
        tax = TaxFacts(
            _opt_money(t, "other_income", "tax", allow_negative=True),
            _opt_money(t, "w2_wages", "tax"),
            _opt_money(t, "other_itemized", "tax"),
        )
    internet = _use_share(d["internet"], "internet", bset) if d.get("internet") is not None else None
    phone = (
        _use_share(d["second_phone_line"], "second_phone_line", bset) if d.get("second_phone_line") else None
    )
    return Case(
        tax_year=tax_year,
        filing_status=filing_status,
        deduction=deduction,
        method=method,
        eligibility=eligibility,
        businesses=businesses,
        homes=homes,
        salt=salt,
        tax=tax,
        internet=internet,
        second_phone_line=phone,
        simplified_home=simplified_home,
        rounding=rounding,
        raw=d,
        input_sha256=canonical_hash(d),
    )


def _canonical_default(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_hash(raw: dict) -> str:
    """SHA-256 of the canonical JSON of the input (sorted keys, no spaces, decimals as plain strings)."""
    text = json.dumps(
        raw, sort_keys=True, separators=(",", ":"), default=_canonical_default, ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def percent_text(fraction: Decimal) -> str:
    return format((fraction * HUNDRED).normalize(), "f")

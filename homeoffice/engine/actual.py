"""Form 8829 (2018+ layout) Parts I, II and IV, the Line 11 Worksheet, and the Pub 587 worksheet variant
for partners and Schedule F filers.

The gross-income limit follows §280A(c)(5) in the statute's order: tier 1 (casualty losses, deductible
mortgage interest, real estate taxes) in full; tier 2 (operating expenses, incl. carryover) up to line 15;
tier 3 (excess casualty losses, then depreciation, incl. carryover) up to what is left (RULES.md §1.1).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .area import actual_area, business_fraction
from .depreciation import Part3, home_part3, part3, rate_for_year
from .errors import InputError
from .facts import (
    EMPTY_EXPENSE,
    Carryover,
    Case,
    Home,
    Period,
    check_39_year_first_use,
    parse_year_month,
)
from .fastinit import quick_init
from .form8829_text import ALL_LINES, LINE_TEXT
from .money import (
    DOLLAR,
    HUNDRED,
    ONE,
    ZERO,
    floor_zero,
    format_money,
    fraction_to_percent,
    parse_money,
    parse_number,
    round_fraction,
    round_money,
)
from .params import Params
from .worksheet import DECIMAL, HOURS, MONEY, PERCENT, SQFT, Line, Worksheet

# ------------------------------------------------------------------------------------------------- Part I


@dataclass(frozen=True, slots=True)
class Part1:
    line1: Decimal
    line2: Decimal
    line3: Decimal  # fraction, rounded to 4 decimals
    line4: Decimal | None
    line5: Decimal | None
    line6: Decimal | None  # decimal, 4 places
    line7: Decimal  # fraction, rounded to 4 decimals
    special: str = ""  # text of the attached computation when line 7 is not line 6 x line 3


def part1(
    line1: Decimal,
    line2: Decimal,
    line4: Decimal | None,
    line5: Decimal | None,
    *,
    nonexclusive_daycare_area: Decimal | None = None,
) -> Part1:
    """Lines 1-7. `nonexclusive_daycare_area`: when only part of line 1 is daycare used non-exclusively and
    the rest is used exclusively, line 7 is the special computation (exclusive % + daycare % x line 6)."""
    if line2 <= 0:
        raise InputError("2", "total area must be more than 0")
    if line1 > line2:
        raise InputError("1", "business area must not exceed the total area on line 2")
    line3 = business_fraction(line1, line2)
    if line4 is None:  # not a daycare used non-exclusively (0 hours is daycare that was not used: line 6 = 0)
        return Part1(line1, line2, line3, None, None, None, line3)
    if not line5 or line5 <= 0:
        raise InputError("5", "hours available must be more than 0 when line 4 is used")
    if line4 > line5:
        raise InputError("4", "daycare hours must not exceed the hours available on line 5")
    line6 = round_fraction(line4 / line5)
    if nonexclusive_daycare_area is not None and nonexclusive_daycare_area < line1:
        exclusive = business_fraction(line1 - nonexclusive_daycare_area, line2)
        partly = business_fraction(nonexclusive_daycare_area, line2)
        line7 = round_fraction(exclusive + partly * line6)
        # Lines 1-6 stay blank on the form; this statement is attached to line 7 (i8829 line 7, issue #13).
        special = (
            f"See attached computation: area used exclusively {line1 - nonexclusive_daycare_area:,} of "
            f"{line2:,} sq ft = {fraction_to_percent(exclusive)}%; area used regularly for daycare "
            f"{nonexclusive_daycare_area:,} of {line2:,} sq ft = {fraction_to_percent(partly)}% x daycare hours "
            f"{line4:,} of {line5:,} available ({line6}) ; {fraction_to_percent(exclusive)}% + "
            f"{fraction_to_percent(partly)}% x {line6} = {fraction_to_percent(line7)}% "
            "(Pub 587, Daycare Facility; i8829 line 7: lines 1-6 left blank)"
        )
        return Part1(line1, line2, line3, line4, line5, line6, line7, special)
    return Part1(line1, line2, line3, line4, line5, line6, round_fraction(line6 * line3))


# ------------------------------------------------------------------------------------------- Parts II, IV


_TIER1 = tuple((f"{n}a", f"{n}b") for n in (9, 10, 11))
_OPERATING = tuple((f"{n}a", f"{n}b") for n in range(16, 23))
_PART3_BLANK = dict.fromkeys(("37", "38", "39", "40", "41", "42"))


def parts2_4(p1: Part1, entries: dict[str, Decimal], p3: Part3 | None, quantum: Decimal = DOLLAR) -> dict:
    """Every line value (Decimal, or None for a blank line) from Part I, the entry lines and Part III.
    Entry lines missing from `entries` are zero.

    Hot path (once per home per compute(), more while the SALT phase-down iterates): rounding, min() and
    floor_zero() are written inline as the same Decimal operations (`x.quantize(quantum, ROUND_HALF_UP)` is
    round_money; `a if a <= b else b` is min(a, b), which also returns the first of two equal values)."""
    e = entries.get
    line7 = p1.line7
    v: dict[str, Decimal | None] = {
        "1": p1.line1,
        "2": p1.line2,
        "3": p1.line3,
        "4": p1.line4,
        "5": p1.line5,
        "6": p1.line6,
        "7": line7,
        "8": e("8", ZERO),
    }
    a12 = b12 = a23 = b23 = ZERO
    for ka, kb in _TIER1:
        va, vb = e(ka, ZERO), e(kb, ZERO)
        v[ka], v[kb] = va, vb
        a12 += va
        b12 += vb
    for ka, kb in _OPERATING:
        va, vb = e(ka, ZERO), e(kb, ZERO)
        v[ka], v[kb] = va, vb
        a23 += va
        b23 += vb
    v["12a"], v["12b"], v["23a"], v["23b"] = a12, b12, a23, b23
    line13 = (b12 * line7).quantize(quantum, ROUND_HALF_UP)
    line14 = a12 + line13  # tier 1: allowed in full, even above line 8
    line15 = v["8"] - line14
    if not line15 > ZERO:
        line15 = ZERO
    line24 = (b23 * line7).quantize(quantum, ROUND_HALF_UP)
    line25 = e("25", ZERO)
    line26 = a23 + line24 + line25
    line27 = line15 if line15 <= line26 else line26  # tier 2
    line28 = line15 - line27
    if p3 is not None:
        v["37"], v["38"], v["39"], v["40"], v["41"], v["42"] = (
            p3.line37,
            p3.line38,
            p3.line39,
            p3.line40,
            p3.line41,
            p3.line42,
        )
        line30 = p3.line42
    else:
        v.update(_PART3_BLANK)
        line30 = ZERO
    line29 = e("29", ZERO)
    line31 = e("31", ZERO)
    line32 = line29 + line30 + line31
    line33 = line28 if line28 <= line32 else line32  # tier 3: excess casualty losses first, depreciation last
    line34 = line14 + line27 + line33
    casualty_14 = v["9a"] + (v["9b"] * line7).quantize(quantum, ROUND_HALF_UP)
    line35 = casualty_14 + (line29 if line29 <= line33 else line33)
    v.update(
        {
            "13": line13,
            "14": line14,
            "15": line15,
            "24": line24,
            "25": line25,
            "26": line26,
            "27": line27,
            "28": line28,
            "29": line29,
            "30": line30,
            "31": line31,
            "32": line32,
            "33": line33,
            "34": line34,
            "35": line35,
            "36": line34 - line35,
            "43": floor_zero(line26 - line27),
            "44": floor_zero(line32 - line33),
        }
    )
    return v


_KINDS = {
    "1": SQFT,
    "2": SQFT,
    "3": PERCENT,
    "4": HOURS,
    "5": HOURS,
    "6": DECIMAL,
    "7": PERCENT,
    "41": PERCENT,
}


_SPECIAL_BLANK = frozenset(("1", "2", "3", "4", "5", "6"))


def _display(line: str, value):
    kind = _KINDS.get(line, MONEY)
    if value is not None and line in ("3", "7"):
        value = fraction_to_percent(value)
    return value, kind


def worksheet_from_values(
    tax_year: int, values: dict, *, prefix: str = "8829", notes=(), meta=None, special: str = "", title=None
) -> Worksheet:
    lines = []
    get = values.get
    for line in ALL_LINES:
        if special and line in _SPECIAL_BLANK:
            # The daycare special computation: lines 1-6 are left blank and the computation is attached to
            # line 7 (Form 8829 instructions, line 7; issue #13). The values are kept for the engine's use.
            amount, kind = None, _KINDS[line]
        else:
            amount, kind = _display(line, get(line))
        label, src = LINE_TEXT[line]
        lines.append(Line(f"{prefix}.{line}", label, amount, kind, src, special if line == "7" else ""))
    return Worksheet(
        id="form8829",
        title=title or f"Form 8829 — Expenses for Business Use of Your Home ({tax_year})",
        lines=tuple(lines),
        notes=tuple(notes),
        meta=dict(meta or {}, tax_year=tax_year, carryover_to=tax_year + 1),
    )


def line_values_as_form(values: dict) -> dict[str, str]:
    """Line-level output of the CLI: percentages as percent, line 6 as decimal, dollars as given."""
    out = {}
    for line in ALL_LINES:
        amount, _ = _display(line, values.get(line))
        out[line] = "0" if amount is None else format(amount, "f")
    return out


# ----------------------------------------------------------------------------- line-level calculator (CLI)

_LINE_INPUT_KEYS = {
    "1",
    "2",
    "4",
    "5",
    "8",
    *(f"{n}{c}" for n in (9, 10, 11, *range(16, 23)) for c in "ab"),
    "25",
    "29",
    "31",
    "37",
    "38",
    "41",
    "first_business_use",
}


def form8829_values(tax_year: int, lines: dict, params: Params, quantum: Decimal = DOLLAR) -> dict:
    """Form 8829 from its entry lines (see ENTRY_LINES). Raises InputError naming the offending key."""
    if not isinstance(lines, dict):
        raise InputError("lines", "must be an object keyed by line number")
    for key in lines:
        if key not in _LINE_INPUT_KEYS:
            raise InputError(key, "is not an entry line of Form 8829 (or first_business_use)")
    entries: dict[str, Decimal] = {}
    for key, raw in lines.items():
        if key in ("first_business_use", "41"):
            continue
        if key in ("1", "2", "4", "5"):
            entries[key] = parse_number(raw, key)
        else:
            # Line 8 may be negative (a Schedule C loss); all expense lines are amounts >= 0.
            entries[key] = round_money(parse_money(raw, key, allow_negative=key == "8"), quantum)
    for key in ("1", "2"):
        if key not in entries:
            raise InputError(key, "is required")
    line4 = entries.get("4") or None  # the line-level calculator reads line 4 = 0 as a blank line 4
    line5 = entries.get("5")
    if line4 and line5 is None:
        line5 = params["hours_in_year"]
    p1 = part1(entries["1"], entries["2"], line4, line5)
    p3 = None
    has_basis = entries.get("37", ZERO) > 0
    if "41" in lines and "first_business_use" in lines:
        raise InputError("41", "give either line 41 or first_business_use, not both")
    if "41" in lines:
        rate = parse_number(lines["41"], "41", maximum=HUNDRED)
    elif "first_business_use" in lines:
        first = parse_year_month(lines["first_business_use"], "first_business_use")
        if first.year > tax_year:
            raise InputError("first_business_use", f"is after the tax year {tax_year}")
        check_39_year_first_use(first, tax_year, "first_business_use")
        rate = rate_for_year(params, first, tax_year, None)
    elif has_basis:
        raise InputError("41", "give line 41 or first_business_use when line 37 is entered")
    else:
        rate = None
    if entries.get("38", ZERO) > entries.get("37", ZERO):
        raise InputError("38", "land value must not exceed line 37")
    if rate is not None or has_basis:
        p3 = part3(entries.get("37", ZERO), entries.get("38", ZERO), p1.line7, rate or ZERO, quantum=quantum)
    return parts2_4(p1, entries, p3, quantum)


# ------------------------------------------------------------------------------------ Line 11 Worksheet


@quick_init  # built for every case: see fastinit.py
@dataclass(frozen=True)
class Line11:
    line11a: Decimal
    line11b: Decimal
    line17a: Decimal
    limit: Decimal | None  # the SALT limit used (None: no cap that year)
    tax_year: int = 0
    lines: tuple = ()  # (line, value) of the worksheet when it was needed; empty otherwise

    @functools.cached_property
    def worksheet(self) -> Worksheet | None:
        if not self.lines:
            return None
        src = f"Form 8829 instructions ({self.tax_year}), Line 11 Worksheet"
        return Worksheet(
            id="line11",
            title=f"Line 11 Worksheet — real estate taxes ({self.tax_year})",
            lines=tuple(Line(f"l11ws.{n}", L11_CAPTIONS[n], v, MONEY, src) for n, v in self.lines),
        )


L11_CAPTIONS = {
    "1": "State and local income taxes (or general sales taxes) you paid",
    "2": "Real estate taxes paid on the home used for business",
    "3": "Other real estate taxes you paid",
    "4": "Personal property taxes you paid",
    "5": "Add lines 1 through 4",
    "6": "Multiply line 2 by Form 8829, line 7",
    "7a": "Subtract line 6 from line 5",
    "8": "State and local tax limit for your filing status (after the MAGI phase-down, if any; IRC §164(b)(6)-(7))",
    "9": "Subtract line 7a from line 8. If zero or less, enter -0-",
    "10": "Enter the smaller of line 6 or line 9. Enter here and on Form 8829, line 11, column (a)",
    "11": "Subtract line 10 from line 6. Enter here and on Form 8829, line 17, column (a)",
}


def salt_limit(params: Params, filing_status: str, magi: Decimal | None) -> tuple[Decimal | None, bool]:
    """The SALT cap for the year, after the MAGI phase-down (2025+). Returns (limit, phase_down_applied)."""
    mfs = filing_status == "married_separate"
    cap = params["salt_cap_mfs" if mfs else "salt_cap"]
    if cap is None:
        return None, False
    threshold = params["salt_phase_down_threshold_mfs" if mfs else "salt_phase_down_threshold"]
    if threshold is None or magi is None or magi <= threshold:
        return cap, False
    floor = params["salt_floor_mfs" if mfs else "salt_floor"]
    reduced = cap - params["salt_phase_down_rate"] * (magi - threshold)
    return round_money(max(floor, reduced)), True


def _worksheet_threshold(params: Params, filing_status: str, limit: Decimal) -> Decimal:
    """Total SALT at or below which the instructions skip the Line 11 Worksheet (all real estate taxes on line
    11(b)): $10,000 ($5,000 married filing separately) in every year 2018 on — the flat cap through 2024, the
    floor of the phased cap from 2025 (RULES.md, Form 8829 line 11). Above it the worksheet is used even when
    the 2025+ cap is not reached: its line 10 goes on 11(a)."""
    floor = params["salt_floor_mfs" if filing_status == "married_separate" else "salt_floor"]
    return limit if floor is None else min(floor, limit)


def line11_worksheet(
    *,
    tax_year: int,
    params: Params,
    filing_status: str,
    income_or_sales_tax: Decimal,
    re_taxes_home: Decimal,
    other_re_taxes: Decimal,
    personal_property_taxes: Decimal,
    line7: Decimal,
    magi: Decimal | None,
    quantum: Decimal = DOLLAR,
) -> Line11:
    """Itemizers: real estate taxes of this home between line 11 (within the SALT cap) and line 17 (above it)."""
    limit, _ = salt_limit(params, filing_status, magi)
    total = income_or_sales_tax + re_taxes_home + other_re_taxes + personal_property_taxes
    if limit is None or total <= _worksheet_threshold(params, filing_status, limit):
        return Line11(ZERO, re_taxes_home, ZERO, limit, tax_year)
    w6 = round_money(re_taxes_home * line7, quantum)
    w7a = total - w6
    w9 = floor_zero(limit - w7a)
    w10 = min(w6, w9)
    w11 = w6 - w10
    lines = (
        ("1", income_or_sales_tax),
        ("2", re_taxes_home),
        ("3", other_re_taxes),
        ("4", personal_property_taxes),
        ("5", total),
        ("6", w6),
        ("7a", w7a),
        ("8", limit),
        ("9", w9),
        ("10", w10),
        ("11", w11),
    )
    return Line11(w10, ZERO, w11, limit, tax_year, lines)


# --------------------------------------------------------------------------------------- home (case path)


def mortgage_debt_limit(params: Params, filing_status: str, grandfathered: bool) -> Decimal:
    """IRC §163(h)(3)(F): $750,000 ($375,000 MFS); debt from on or before Dec 15, 2017: $1,000,000, and
    half of it ($500,000) married filing separately (§163(h)(3)(B)(ii))."""
    mfs = filing_status == "married_separate"
    if grandfathered:
        limit = params["mortgage_grandfathered_debt_limit"]
        return limit / 2 if mfs else limit
    return params["mortgage_acquisition_debt_limit_mfs" if mfs else "mortgage_acquisition_debt_limit"]


def deductible_mortgage_interest(mortgage, params: Params, filing_status: str) -> Decimal | None:
    """The Schedule A-deductible part of the interest paid, or None when all of it is. Given outright
    (deductible_if_itemizing) or from the average loan balance: Pub 936 Table 1, lines 11-15 — the limit over
    the balance as a decimal rounded to three places, times the interest paid (issue #13)."""
    if mortgage.deductible_if_itemizing is not None:
        return mortgage.deductible_if_itemizing
    balance = mortgage.loan_balance
    if balance is None or balance <= 0:
        return None
    limit = mortgage_debt_limit(params, filing_status, mortgage.grandfathered)
    if balance <= limit:
        return None
    share = (limit / balance).quantize(Decimal("0.001"), ROUND_HALF_UP)
    return mortgage.paid * share


CATEGORY_LINE = {
    "casualty_losses": 9,
    "insurance": 18,
    "rent": 19,
    "repairs": 20,
    "utilities": 21,
    "other": 22,
}
_CATEGORY_KEYS = tuple((cat, f"{n}a", f"{n}b") for cat, n in CATEGORY_LINE.items())
_ZERO_ENTRIES = tuple(f"{n}{c}" for n in (9, 10, 11, *range(16, 23)) for c in "ab")


@quick_init  # built for every case: see fastinit.py
@dataclass(frozen=True)
class HomeActual:
    """The numbers of one home's Form 8829; the Worksheet objects are built on first access (presentation
    only — every number is already in `values`), which keeps compute() fast for batch use."""

    home_id: str
    form: str  # "8829" or "p587"
    tax_year: int
    values: dict
    deduction: Decimal  # line 36 (Pub 587 worksheet: its allowable line)
    carryover_out: Carryover
    notes: tuple[str, ...]
    review: tuple[str, ...]
    special: str
    line11_result: Line11 | None
    part3: Part3 | None
    quantum: Decimal
    p587_income: tuple[Decimal, Decimal]

    @functools.cached_property
    def worksheet(self) -> Worksheet:
        meta = {"home": self.home_id, "form": self.form}
        if self.form == "p587":
            gross, non_home = self.p587_income
            return p587_worksheet(
                self.tax_year, self.values, dict(meta, gross_income=gross, expenses_not_from_home=non_home)
            )
        return worksheet_from_values(
            self.tax_year, self.values, notes=self.notes, meta=meta, special=self.special
        )

    @functools.cached_property
    def line11(self) -> Worksheet | None:
        return self.line11_result.worksheet if self.line11_result else None

    @functools.cached_property
    def improvements(self) -> Worksheet | None:
        return improvements_worksheet(self.part3, self.tax_year, self.quantum) if self.part3 else None


def home_days_in_year(tax_year: int) -> int:
    return 366 if calendar.isleap(tax_year) else 365


def _daycare_hours_available(home: Home, params: Params, tax_year: int) -> Decimal:
    days_in_year = home_days_in_year(tax_year)
    days = home.daycare.days_available if home.daycare.days_available else home.business_use.days
    return params["hours_in_year"] if days == days_in_year else Decimal(24 * days)


def _space_span(home: Home) -> Period:
    """The days the home was actually used for business: from the first to the last day any space was used
    (the home's business-use period unless every space has periods of its own)."""
    if not home.spaces or not all(s.periods for s in home.spaces):
        return home.business_use
    start = min(p.start for s in home.spaces for p in s.periods)
    end = max(p.end for s in home.spaces for p in s.periods)
    return Period(start, end)


def home_part1(home: Home, params: Params, tax_year: int) -> Part1:
    span = _space_span(home)
    if span != home.business_use:
        # Line 7 is the business percentage while the home was used for business (Pub 587, George Miller);
        # expenses are cut to those days instead (home_entries), so the table's first-year rate is not
        # applied to an already day-weighted percentage.
        home = dataclasses.replace(home, business_use=span)
    line1 = actual_area(home)
    nonexclusive = [s for s in home.spaces if s.use == "daycare"]
    if not nonexclusive:
        return part1(line1, home.total_area, None, None)
    daycare_area = actual_area(home, tuple(nonexclusive))
    return part1(
        line1,
        home.total_area,
        home.daycare.hours_used,
        _daycare_hours_available(home, params, tax_year),
        nonexclusive_daycare_area=daycare_area,
    )


def home_entries(
    case: Case, home: Home, params: Params, p1: Part1, line8: Decimal, magi: Decimal | None, quantum: Decimal
) -> tuple[dict[str, Decimal], Line11 | None, list[str]]:
    notes: list[str] = []
    # ONE (not a new Decimal(1)) so the usual no-proration case can skip the multiplications below: x * 1 is
    # x with the same digits and exponent, so skipping it changes nothing.
    prorate = ONE
    covered = (
        home_days_in_year(case.tax_year) if home.expenses_cover == "full_year" else home.business_use.days
    )
    used = _space_span(home).days
    if used != covered:
        prorate = Decimal(used) / covered
        notes.append(
            f"Indirect expenses, mortgage interest and real estate taxes were prorated to the {used} "
            "days of business use (Pub 587: figure only the expenses for the part of the year you used the home)."
        )
    prorated = prorate is not ONE
    entries: dict[str, Decimal] = dict.fromkeys(_ZERO_ENTRIES, ZERO)
    entries["8"] = line8
    # Carryovers are dollar lines like any other (rounding policy), even when typed with cents.
    entries["25"] = home.carryover_in.operating.quantize(quantum, ROUND_HALF_UP)
    entries["31"] = home.carryover_in.excess_casualty_and_depreciation.quantize(quantum, ROUND_HALF_UP)
    line6 = p1.line6 or ZERO
    expenses = home.expenses
    for category, ka, kb in _CATEGORY_KEYS:
        item = getattr(expenses, category)
        if item is EMPTY_EXPENSE:
            continue
        # A casualty is an event, not a bill that accrues by the day: it counts in full if it happened while
        # the home was used for business (the case says so by entering it), never a share by days.
        share = prorated and category != "casualty_losses"
        if prorated and not share:
            notes.append(
                "Casualty losses were not prorated by days: enter a casualty loss only if it happened while "
                "you used the home for business (Pub 587, Casualty Losses)."
            )
        direct = item.direct
        if item.direct_daycare:
            direct += round_money(item.direct_daycare * line6, quantum)
        for amount, fraction in item.partial:
            # An indirect item with its own business percentage: prorated like column (b) (part-year use).
            direct += round_money((amount * prorate if share else amount) * fraction, quantum)
        entries[ka] = direct.quantize(quantum, ROUND_HALF_UP)
        indirect = item.indirect * prorate if share else item.indirect
        entries[kb] = indirect.quantize(quantum, ROUND_HALF_UP)
    entries["29"] = expenses.excess_casualty_losses.quantize(quantum, ROUND_HALF_UP)
    itemizer = case.deduction == "itemize"
    if not itemizer and (entries["9a"] or entries["9b"]):
        # Without itemizing, a personal casualty loss is not deductible anyway: not a tier-1 item.
        moved = entries["9a"] + round_money(entries["9b"] * p1.line7, quantum)
        entries["29"] += moved
        entries["9a"] = entries["9b"] = ZERO
        notes.append(
            f"Casualty losses moved to line 29 (business part {format_money(moved)}): you take the standard deduction."
        )
    mortgage = home.mortgage_interest
    paid = (mortgage.paid * prorate if prorated else mortgage.paid).quantize(quantum, ROUND_HALF_UP)
    deductible = deductible_mortgage_interest(mortgage, params, case.filing_status)
    deductible = paid if deductible is None else min(paid, round_money(deductible * prorate, quantum))
    re_taxes = home.real_estate_taxes * prorate if prorated else home.real_estate_taxes
    re_taxes = re_taxes.quantize(quantum, ROUND_HALF_UP)
    line11 = None
    if itemizer:
        entries["10b"] = deductible
        entries["16b"] += paid - deductible
        other_re_taxes = case.salt.other_real_estate_taxes
        # Another home of this case (moved during the year) is "other real estate taxes you paid" on this
        # home's worksheet (line 3): the SALT total is one for the return, whatever the number of Forms 8829.
        for other in case.homes:
            if other.id != home.id:
                other_re_taxes += other.real_estate_taxes.quantize(quantum, ROUND_HALF_UP)
        if prorated:
            # The taxes on this home for the days without business use are personal taxes paid in the year:
            # they count toward the SALT cap (Line 11 Worksheet line 3), or line 11 would exceed the cap.
            other_re_taxes += home.real_estate_taxes.quantize(quantum, ROUND_HALF_UP) - re_taxes
        line11 = line11_worksheet(
            tax_year=case.tax_year,
            params=params,
            filing_status=case.filing_status,
            income_or_sales_tax=case.salt.state_local_income_or_sales_tax,
            re_taxes_home=re_taxes,
            other_re_taxes=other_re_taxes,
            personal_property_taxes=case.salt.personal_property_taxes,
            line7=p1.line7,
            magi=magi,
            quantum=quantum,
        )
        entries["11a"] += line11.line11a
        entries["11b"] += line11.line11b
        entries["17a"] += line11.line17a
    else:
        entries["16b"] += paid
        entries["17b"] += re_taxes
    return entries, line11, notes


def improvements_worksheet(p3: Part3, tax_year: int, quantum: Decimal) -> Worksheet | None:
    if not p3.improvements:
        return None
    lines = []
    src = "Form 8829 line 42 instructions (attach statement); Pub 587, Depreciating Your Home — improvements"
    for i, item in enumerate(p3.improvements, 1):
        imp = item.improvement
        lines += [
            Line(
                f"imp.{i}.basis",
                f"{imp.description} (placed in service {imp.placed_in_service}): business basis",
                item.business_basis,
                MONEY,
                src,
            ),
            Line(f"imp.{i}.rate", f"{imp.description}: depreciation percentage", item.rate, PERCENT, src),
            Line(
                f"imp.{i}.amount",
                f"{imp.description}: depreciation",
                round_money(item.amount, quantum),
                MONEY,
                src,
            ),
        ]
    return Worksheet(
        id="improvements",
        title=f"Statement for Form 8829 line 42 — depreciation of improvements ({tax_year})",
        lines=tuple(lines),
        notes=(
            "Included in line 42 ('See attached'); report on Form 4562 line 19j in the year placed in service.",
        ),
    )


def compute_home(
    case: Case,
    home: Home,
    params: Params,
    line8: Decimal,
    *,
    quantum: Decimal = DOLLAR,
    form: str = "8829",
    p587_income: tuple[Decimal, Decimal] = (ZERO, ZERO),
) -> HomeActual:
    """Form 8829 (or the Pub 587 worksheet) for one home. With itemized deductions in a phase-down year the
    SALT limit depends on MAGI, which the home office deduction itself lowers: iterate to a fixed point."""
    p1 = home_part1(home, params, case.tax_year)
    p3 = (
        home_part3(home.depreciation, params, case.tax_year, p1.line7, quantum) if home.depreciation else None
    )
    magi = case.salt.magi
    phased = False
    if case.deduction == "itemize" and magi is not None:
        _, phased = salt_limit(params, case.filing_status, magi)
    entries, line11, notes = home_entries(case, home, params, p1, line8, magi, quantum)
    values = parts2_4(p1, entries, p3, quantum)
    deduction = values["36"]
    # Iterate only where the MAGI phase-down can move the SALT limit.
    for _ in range(25 if phased else 0):
        entries, line11, notes = home_entries(case, home, params, p1, line8, magi - deduction, quantum)
        values = parts2_4(p1, entries, p3, quantum)
        if values["36"] == deduction:
            break
        deduction = values["36"]
    review = list(p3.review) if p3 else []
    if phased:
        review.append(
            "Your MAGI is above the SALT phase-down threshold: the engine lowered MAGI by the home office "
            "deduction and iterated the Line 11 Worksheet; the small effect on the deductible part of "
            "self-employment tax is not modelled. Have this reviewed."
        )
    if p1.special:
        notes.append(p1.special)
    next_year = case.tax_year + 1
    return HomeActual(
        home_id=home.id,
        form=form,
        tax_year=case.tax_year,
        values=values,
        deduction=values["36"],
        carryover_out=Carryover(values["43"], values["44"]),
        notes=(*notes, f"Carry lines 43 and 44 to your {next_year} Form 8829, lines 25 and 31."),
        review=tuple(review),
        special=p1.special,
        line11_result=line11,
        part3=p3,
        quantum=quantum,
        p587_income=p587_income,
    )


# --------------------------------------------------------------------------- Pub 587 worksheet (p587.N)

# Pub 587 worksheet for partners and Schedule F filers, numbered as the 2013 edition (RULES.md §2; lines
# 19-41 reconstructed) with the 2018+ "excess real estate taxes" shown as 14x. Same arithmetic as Form 8829:
# line 4 is GROSS income and non-home expenses are subtracted on line 11 (line 13 = Form 8829 line 15).
P587_MAP: tuple[tuple[str, str | None, str], ...] = (
    ("1", "1", "Area of home used for business"),
    ("2", "2", "Total area of home"),
    ("3", "7", "Percentage of home used for business (daycare: times the hours fraction)"),
    ("4", None, "Gross income from business (see instructions)"),
    ("5a", "9a", "Casualty losses — (a) Direct expenses"),
    ("5b", "9b", "Casualty losses — (b) Indirect expenses"),
    ("6a", "10a", "Deductible mortgage interest — (a) Direct expenses"),
    ("6b", "10b", "Deductible mortgage interest — (b) Indirect expenses"),
    ("7a", "11a", "Real estate taxes — (a) Direct expenses"),
    ("7b", "11b", "Real estate taxes — (b) Indirect expenses"),
    ("8a", "12a", "Total of lines 5 through 7 — (a)"),
    ("8b", "12b", "Total of lines 5 through 7 — (b)"),
    ("9", "13", "Multiply line 8, column (b), by line 3"),
    ("10", "14", "Add line 8, column (a), and line 9"),
    ("11", None, "Business expenses not from business use of home (see instructions)"),
    ("12", None, "Add lines 10 and 11"),
    ("13", "15", "Deduction limit. Subtract line 12 from line 4"),
    ("14a", "16a", "Excess mortgage interest — (a)"),
    ("14b", "16b", "Excess mortgage interest — (b)"),
    ("14xa", "17a", "Excess real estate taxes — (a)"),
    ("14xb", "17b", "Excess real estate taxes — (b)"),
    ("15a", "18a", "Insurance — (a)"),
    ("15b", "18b", "Insurance — (b)"),
    ("16a", "19a", "Rent — (a)"),
    ("16b", "19b", "Rent — (b)"),
    ("17a", "20a", "Repairs and maintenance — (a)"),
    ("17b", "20b", "Repairs and maintenance — (b)"),
    ("18a", "21a", "Utilities — (a)"),
    ("18b", "21b", "Utilities — (b)"),
    ("19a", "22a", "Other expenses — (a)"),
    ("19b", "22b", "Other expenses — (b)"),
    ("20a", "23a", "Add lines 14 through 19 — (a)"),
    ("20b", "23b", "Add lines 14 through 19 — (b)"),
    ("21", "24", "Multiply line 20, column (b), by line 3"),
    ("22", "25", "Carryover of operating expenses from prior year"),
    ("23", "26", "Add line 20, column (a), line 21, and line 22"),
    ("24", "27", "Allowable operating expenses. Enter the smaller of line 13 or line 23"),
    ("25", "28", "Limit on excess casualty losses and depreciation. Subtract line 24 from line 13"),
    ("26", "29", "Excess casualty losses"),
    ("27", "30", "Depreciation of your home from line 39 below"),
    ("28", "31", "Carryover of excess casualty losses and depreciation from prior year"),
    ("29", "32", "Add lines 26 through 28"),
    (
        "30",
        "33",
        "Allowable excess casualty losses and depreciation. Enter the smaller of line 25 or line 29",
    ),
    ("31", "34", "Add lines 10, 24, and 30"),
    ("32", "35", "Casualty losses included on lines 10 and 30"),
    ("33", "36", "Allowable expenses for business use of your home. Subtract line 32 from line 31"),
    ("34", "37", "Enter the smaller of adjusted basis or fair market value of home"),
    ("35", "38", "Basis of land"),
    ("36", "39", "Basis of building. Subtract line 35 from line 34"),
    ("37", "40", "Business basis of building. Multiply line 36 by line 3"),
    ("38", "41", "Depreciation percentage"),
    ("39", "42", "Depreciation allowable. Multiply line 37 by line 38"),
    (
        "40",
        "43",
        "Carryover of unallowed expenses to next year: operating expenses. Subtract line 24 from line 23",
    ),
    (
        "41",
        "44",
        "Carryover of unallowed expenses to next year: excess casualty losses and depreciation. Subtract line 30 from line 29",
    ),
)
P587_REVIEW = (
    "Pub 587 worksheet line numbers follow the 2013 edition (lines 19-41 reconstructed, 2018+ excess real "
    "estate taxes shown as line 14x); verify against the current Pub 587 before filing."
)


def p587_worksheet(tax_year: int, values: dict, meta: dict) -> Worksheet:
    """Pub 587 worksheet from Form 8829 values; meta must carry gross_income and expenses_not_from_home."""
    gross = meta["gross_income"]
    non_home = meta["expenses_not_from_home"]
    src = "Pub 587, Worksheet To Figure the Deduction for Business Use of Your Home"
    lines = []
    for key, form_line, label in P587_MAP:
        if form_line is None:
            amount = {"4": gross, "11": non_home, "12": values["14"] + non_home}[key]
        else:
            amount = values.get(form_line)
        display, kind = _display(form_line or "8", amount)
        lines.append(Line(f"p587.{key}", label, display, kind, f"{src}, line {key}"))
    return Worksheet(
        id="p587",
        title=f"Pub 587 Worksheet To Figure the Deduction for Business Use of Your Home ({tax_year})",
        lines=tuple(lines),
        notes=(P587_REVIEW,),
        meta=dict(meta, gross_income=str(gross), expenses_not_from_home=str(non_home), tax_year=tax_year),
    )

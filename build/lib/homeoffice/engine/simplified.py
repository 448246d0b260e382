"""Simplified (safe-harbor) method: Rev. Proc. 2013-13; Pub 587 Simplified Method Worksheet (smw.1-6b),
Daycare Facility Worksheet (dcws.1-3) and the monthly allowable area (Area Adjustment Worksheet)."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from decimal import Decimal

from .area import average_monthly
from .facts import NO_CARRYOVER, Carryover
from .fastinit import quick_init
from .money import DOLLAR, ONE, ZERO, floor_zero, round_cents, round_fraction, round_money
from .params import Params
from .worksheet import DECIMAL, HOURS, MONEY, RATE, SQFT, Line, Worksheet

SMW = "Schedule C instructions / Pub 587, Simplified Method Worksheet"
DCWS = "Schedule C instructions / Pub 587, Daycare Facility Worksheet"
AAW = "Pub 587, Area Adjustment Worksheet (part-year use or area changes)"
PUB = "Pub 587, Using the Simplified Method"


def daycare_worksheet(hours_used: Decimal, hours_available: Decimal, tax_year: int) -> Worksheet:
    decimal = round_fraction(hours_used / hours_available) if hours_available > 0 else ZERO
    return Worksheet(
        id="daycare",
        title=f"Daycare Facility Worksheet (simplified method) ({tax_year})",
        lines=(
            Line(
                "dcws.1",
                "Multiply days used for daycare during year by hours used per day",
                hours_used,
                HOURS,
                f"{DCWS} line 1",
            ),
            Line(
                "dcws.2",
                "Total hours available for use during the year (365 days (366 in a leap year) x 24 hours; prorate if you started or stopped)",
                hours_available,
                HOURS,
                f"{DCWS} line 2",
            ),
            Line(
                "dcws.3",
                "Divide line 1 by line 2. Enter the result as a decimal amount",
                decimal,
                DECIMAL,
                f"{DCWS} line 3",
            ),
        ),
    )


_AAW_LINES = tuple(
    (
        f"aaw.{m:02d}",
        f"Allowable square feet for {calendar.month_name[m]} (0 if used fewer than 15 days; at most 300)",
    )
    for m in range(1, 13)
)


def area_worksheet(
    tax_year: int, monthly: list[Decimal], average: Decimal, business_id: str, home_id: str
) -> Worksheet:
    lines = [Line(key, label, monthly[i], SQFT, AAW) for i, (key, label) in enumerate(_AAW_LINES)]
    lines.append(
        Line("aaw.avg", "Average monthly allowable square footage (total divided by 12)", average, SQFT, AAW)
    )
    return Worksheet(
        id="area",
        title=f"Allowable area by month ({tax_year})",
        lines=tuple(lines),
        meta={"home": home_id, "business": business_id, "tax_year": tax_year},
    )


@quick_init  # built for every case: see fastinit.py
@dataclass(frozen=True)
class SimplifiedUse:
    """The simplified method for one qualified business use of one home. Numbers are computed at once;
    the Worksheet objects are built on first access (presentation only)."""

    tax_year: int
    home: str
    business: str
    where: str
    values: dict  # "smw.1" ... "smw.6b" -> Decimal
    monthly: tuple[Decimal, ...]
    average: Decimal
    daycare_hours: tuple[Decimal, Decimal] | None  # (hours used, hours available)
    income_limited: bool

    @property
    def amount(self) -> Decimal:
        return self.values["smw.5"]

    @functools.cached_property
    def worksheet(self) -> Worksheet:
        return simplified_worksheet(self)

    @functools.cached_property
    def area(self) -> Worksheet:
        return area_worksheet(self.tax_year, list(self.monthly), self.average, self.business, self.home)

    @functools.cached_property
    def daycare(self) -> Worksheet | None:
        if self.daycare_hours is None:
            return None
        return daycare_worksheet(*self.daycare_hours, self.tax_year)


def simplified_method(
    *,
    tax_year: int,
    params: Params,
    gross_income_limit: Decimal,
    monthly: list[Decimal],
    daycare_hours: tuple[Decimal, Decimal] | None,
    frozen: Carryover | None,
    home_id: str,
    business_id: str,
    where: str,
    quantum: Decimal = DOLLAR,
) -> SimplifiedUse:
    """Simplified Method Worksheet for one qualified business use of one home.

    No carryover of any amount over the income limit; actual-method carryovers from earlier years cannot be
    used this year and are reported unchanged on lines 6a/6b for the next actual-expense year (Pub 587)."""
    average = average_monthly(monthly)
    rate = params["simplified_rate"]
    max_area = params["simplified_max_area"]
    line2 = average if average <= max_area else max_area  # min(), inline (same result, also on a tie)
    if daycare_hours is None:
        line3b = ONE
    else:
        used, available = daycare_hours
        line3b = round_fraction(used / available) if available > 0 else ZERO
    line3c = round_cents(rate * line3b)
    line4 = round_money(line2 * line3c, quantum)
    line5 = floor_zero(gross_income_limit if gross_income_limit <= line4 else line4)
    frozen = frozen or NO_CARRYOVER
    values = {
        "smw.1": gross_income_limit,
        "smw.2": line2,
        "smw.3a": rate,
        "smw.3b": line3b,
        "smw.3c": line3c,
        "smw.4": line4,
        "smw.5": line5,
        "smw.6a": frozen.operating,
        "smw.6b": frozen.excess_casualty_and_depreciation,
    }
    return SimplifiedUse(
        tax_year,
        home_id,
        business_id,
        where,
        values,
        tuple(monthly),
        average,
        daycare_hours,
        gross_income_limit < line4,
    )


def simplified_worksheet(use: SimplifiedUse) -> Worksheet:
    v = use.values
    lines = (
        Line(
            "smw.1",
            "Enter the amount of the gross income limitation (see instructions)",
            v["smw.1"],
            MONEY,
            f"{SMW} line 1; {PUB}, Gross income limitation",
        ),
        Line(
            "smw.2",
            "Allowable square footage for the qualified business use of the home (not more than 300 square feet)",
            v["smw.2"],
            SQFT,
            f"{SMW} line 2; {PUB}, Allowable area",
        ),
        Line(
            "smw.3a",
            "Simplified method amount",
            v["smw.3a"],
            RATE,
            f"{SMW} line 3a; Rev. Proc. 2013-13 §4.02",
        ),
        Line(
            "smw.3b",
            "Daycare facility: decimal from the Daycare Facility Worksheet (otherwise 1.0)",
            v["smw.3b"],
            DECIMAL,
            f"{SMW} line 3b; {DCWS}",
        ),
        Line(
            "smw.3c",
            "Multiply line 3a by line 3b (to two decimal places)",
            v["smw.3c"],
            RATE,
            f"{SMW} line 3c",
        ),
        Line("smw.4", "Multiply line 2 by line 3c", v["smw.4"], MONEY, f"{SMW} line 4"),
        Line(
            "smw.5",
            f"Allowable expenses using the simplified method. Enter the smaller of line 1 or line 4 (not less than zero). Enter here and on {use.where}",
            v["smw.5"],
            MONEY,
            f"{SMW} line 5; {PUB}",
        ),
        Line(
            "smw.6a",
            "Carryover of unallowed expenses to next year: operating expenses (from your last Form 8829, line 43)",
            v["smw.6a"],
            MONEY,
            f"{SMW} line 6a; Pub 587, carryovers frozen in a simplified-method year",
        ),
        Line(
            "smw.6b",
            "Carryover of unallowed expenses to next year: excess casualty losses and depreciation (from your last Form 8829, line 44)",
            v["smw.6b"],
            MONEY,
            f"{SMW} line 6b; Pub 587, carryovers frozen in a simplified-method year",
        ),
    )
    notes = []
    if use.income_limited:
        notes.append(
            "The gross income limit reduced the deduction; under the simplified method the excess is lost (no carryover)."
        )
    return Worksheet(
        id="smw",
        title=f"Simplified Method Worksheet ({use.tax_year})",
        lines=lines,
        notes=tuple(notes),
        meta={"home": use.home, "business": use.business, "tax_year": use.tax_year},
    )

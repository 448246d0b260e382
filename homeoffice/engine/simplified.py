"""Simplified (safe-harbor) method: Rev. Proc. 2013-13; Pub 587 Simplified Method Worksheet (smw.1-6b),
Daycare Facility Worksheet (dcws.1-3) and the monthly allowable area (Area Adjustment Worksheet)."""

from __future__ import annotations

import calendar
from decimal import Decimal

from .facts import Carryover
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


def area_worksheet(
    tax_year: int, monthly: list[Decimal], average: Decimal, business_id: str, home_id: str
) -> Worksheet:
    lines = [
        Line(
            f"aaw.{m:02d}",
            f"Allowable square feet for {calendar.month_name[m]} (0 if used fewer than 15 days; at most 300)",
            monthly[m - 1],
            SQFT,
            AAW,
        )
        for m in range(1, 13)
    ]
    lines.append(
        Line("aaw.avg", "Average monthly allowable square footage (total divided by 12)", average, SQFT, AAW)
    )
    return Worksheet(
        id="area",
        title=f"Allowable area by month ({tax_year})",
        lines=tuple(lines),
        meta={"home": home_id, "business": business_id, "tax_year": tax_year},
    )


def simplified_worksheet(
    *,
    tax_year: int,
    params: Params,
    gross_income_limit: Decimal,
    allowable_area: Decimal,
    daycare_decimal: Decimal | None,
    frozen: Carryover | None,
    home_id: str,
    business_id: str,
    where: str,
    quantum: Decimal = DOLLAR,
) -> Worksheet:
    """One Simplified Method Worksheet for one qualified business use of one home.

    No carryover of any amount over the income limit; actual-method carryovers from earlier years cannot be
    used this year and are reported unchanged on lines 6a/6b for the next actual-expense year (Pub 587)."""
    rate = params["simplified_rate"]
    line2 = min(allowable_area, params["simplified_max_area"])
    line3b = ONE if daycare_decimal is None else daycare_decimal
    line3c = round_cents(rate * line3b)
    line4 = round_money(line2 * line3c, quantum)
    line5 = floor_zero(min(gross_income_limit, line4))
    frozen = frozen or Carryover()
    lines = (
        Line(
            "smw.1",
            "Enter the amount of the gross income limitation (see instructions)",
            gross_income_limit,
            MONEY,
            f"{SMW} line 1; {PUB}, Gross income limitation",
        ),
        Line(
            "smw.2",
            "Allowable square footage for the qualified business use of the home (not more than 300 square feet)",
            line2,
            SQFT,
            f"{SMW} line 2; {PUB}, Allowable area",
        ),
        Line("smw.3a", "Simplified method amount", rate, RATE, f"{SMW} line 3a; Rev. Proc. 2013-13 §4.02"),
        Line(
            "smw.3b",
            "Daycare facility: decimal from the Daycare Facility Worksheet (otherwise 1.0)",
            line3b,
            DECIMAL,
            f"{SMW} line 3b; {DCWS}",
        ),
        Line("smw.3c", "Multiply line 3a by line 3b (to two decimal places)", line3c, RATE, f"{SMW} line 3c"),
        Line("smw.4", "Multiply line 2 by line 3c", line4, MONEY, f"{SMW} line 4"),
        Line(
            "smw.5",
            f"Allowable expenses using the simplified method. Enter the smaller of line 1 or line 4 (not less than zero). Enter here and on {where}",
            line5,
            MONEY,
            f"{SMW} line 5; {PUB}",
        ),
        Line(
            "smw.6a",
            "Carryover of unallowed expenses to next year: operating expenses (from your last Form 8829, line 43)",
            frozen.operating,
            MONEY,
            f"{SMW} line 6a; Pub 587, carryovers frozen in a simplified-method year",
        ),
        Line(
            "smw.6b",
            "Carryover of unallowed expenses to next year: excess casualty losses and depreciation (from your last Form 8829, line 44)",
            frozen.excess_casualty_and_depreciation,
            MONEY,
            f"{SMW} line 6b; Pub 587, carryovers frozen in a simplified-method year",
        ),
    )
    notes = []
    if gross_income_limit < line4:
        notes.append(
            "The gross income limit reduced the deduction; under the simplified method the excess is lost (no carryover)."
        )
    return Worksheet(
        id="smw",
        title=f"Simplified Method Worksheet ({tax_year})",
        lines=lines,
        notes=tuple(notes),
        meta={"home": home_id, "business": business_id, "tax_year": tax_year},
    )

"""Areas: the Form 8829 business percentage and the simplified method's allowable area by month."""

from __future__ import annotations

import calendar
import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .facts import Home, Period, Space
from .money import CENT, ONE, ZERO, round_fraction


@functools.cache
def _months(tax_year: int) -> tuple[tuple[date, date], ...]:
    return tuple(
        (date(tax_year, m, 1), date(tax_year, m, calendar.monthrange(tax_year, m)[1])) for m in range(1, 13)
    )


def business_fraction(area: Decimal, total_area: Decimal) -> Decimal:
    """Line 3: area / total area, rounded to four decimals of a fraction (two of a percent)."""
    if total_area <= 0:
        return ZERO
    return round_fraction(area / total_area)


def _periods(space: Space, home: Home) -> tuple[Period, ...]:
    return space.periods or (home.business_use,)


def _overlap_days(p: Period, start: date, end: date) -> int:
    lo = max(p.start, start)
    hi = min(p.end, end)
    return (hi - lo).days + 1 if hi >= lo else 0


def business_share(space: Space, business_id: str | None) -> Decimal:
    if business_id is None:
        return ONE
    for bid, fraction in space.business_shares:
        if bid == business_id:
            return fraction
    return ZERO


def actual_area(home: Home, spaces: tuple[Space, ...] | None = None) -> Decimal:
    """Form 8829 line 1: the spaces' own area (after sharing with another person). A space whose area changed
    during the year counts its day-weighted average over the home's business-use period."""
    total = ZERO
    for space in home.spaces if spaces is None else spaces:
        if not space.periods:
            total += space.own_area
            continue
        weighted = ZERO
        for p in space.periods:
            area = space.area if p.area is None else p.area
            weighted += space.own_area_of(area) * p.days
        total += weighted / Decimal(home.business_use.days)  # built only here: most spaces have no periods
    total = total.quantize(CENT, rounding=ROUND_HALF_UP)
    # Whole square feet print as such (200, not 200.00).
    return total.quantize(ONE) if total == total.to_integral_value() else total


def _whole_year_area(space: Space, home: Home) -> Decimal | None:
    """Own area of a space used all year with one area (the common case: no date arithmetic needed), else
    None."""
    periods = _periods(space, home)
    if len(periods) == 1:
        p = periods[0]
        if p.start.month == 1 and p.start.day == 1 and p.end.month == 12 and p.end.day == 31:
            return space.own_area_of(space.area if p.area is None else p.area)
    return None


def _space_months(space: Space, home: Home, tax_year: int, min_days: int) -> list[Decimal]:
    """Own area of one space in each month: the largest area used on at least `min_days` days, else 0. An
    area counts as used on every day the space had at least that area, whichever period the day is in (the
    periods of a space never overlap): 14 days at 100 sq ft and 14 at 200 in February are 28 days of at least
    100 sq ft, and a break mid-month still leaves the days on both sides."""
    whole_year = _whole_year_area(space, home)
    if whole_year is not None:
        return [whole_year] * 12
    periods = _periods(space, home)
    months = []
    for start, end in _months(tax_year):
        used = [
            (space.own_area_of(space.area if p.area is None else p.area), _overlap_days(p, start, end))
            for p in periods
        ]
        best = ZERO
        for area, days in used:
            if days and area > best and sum(d for a, d in used if a >= area) >= min_days:
                best = area
        months.append(best)
    return months


def monthly_area(
    home: Home,
    tax_year: int,
    business_id: str | None,
    *,
    min_days: int,
    spaces: tuple[Space, ...] | None = None,
) -> list[Decimal]:
    """Area used by one business in each month (not yet capped). A month counts only with qualified use on at
    least `min_days` days; when the area changed within a month, the largest area used on at least
    `min_days` days that month counts (Pub 587, Amy). Each space is judged on its own (_space_months)."""
    months = [ZERO] * 12
    # While every space so far was used all year, the twelve months hold one and the same value: the sum is
    # then computed once instead of twelve times (the same Decimal operations, so the same result).
    same = ZERO
    for space in home.spaces if spaces is None else spaces:
        share = business_share(space, business_id)
        if share == 0:
            continue
        whole_year = _whole_year_area(space, home) if same is not None else None
        if whole_year is not None:
            same = same + whole_year * share
            months = [same] * 12
            continue
        same = None
        per_month = _space_months(space, home, tax_year, min_days)
        months = [m + a * share for m, a in zip(months, per_month, strict=True)]
    return months


def allowable_by_business(
    home: Home, tax_year: int, business_ids: list[str], *, max_area: Decimal, min_days: int
) -> dict[str, list[Decimal]]:
    """Monthly allowable square feet per business. All qualified uses of one home share the `max_area` cap;
    when together they exceed it in a month, the cap is divided in proportion to the area each used (a
    reasonable method; Pub 587 never lets a use claim more than it used)."""
    raw = {bid: monthly_area(home, tax_year, bid, min_days=min_days) for bid in business_ids}
    if len(business_ids) == 1:
        (bid,) = business_ids
        return {bid: [m if m <= max_area else max_area for m in raw[bid]]}
    out = {bid: [] for bid in business_ids}
    for m in range(12):
        total = sum((raw[bid][m] for bid in business_ids), ZERO)
        for bid in business_ids:
            used = raw[bid][m]
            if total > max_area:
                used = (used * max_area / total).quantize(CENT, rounding=ROUND_HALF_UP)
            out[bid].append(used)
    return out


def average_monthly(allowable: list[Decimal]) -> Decimal:
    """Simplified Method Worksheet line 2: the sum of the monthly allowable area divided by 12."""
    return (sum(allowable, ZERO) / 12).quantize(CENT, rounding=ROUND_HALF_UP)

"""Method advisor: both methods this year and, with the same facts rolled forward, next year.

For each method this year (actual expenses; the simplified method for the best home) the advisor computes
this year's deduction, rolls the case forward (rollover.roll_forward: carryovers, frozen or not, and the
depreciation history) and computes next year with both methods. The trade-offs are written in plain words:
a larger deduction now; carryovers frozen under the simplified method (not lost); depreciation that lowers
basis and is taxed as unrecaptured §1250 gain on a sale. Next year is an estimate with this year's figures.
The advisor never changes the engine's recommendation for this year; it explains it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

from .errors import UnsupportedYear
from .explain import dollars
from .money import ZERO
from .result import Result, compute
from .rollover import depreciation_deducted, roll_forward

METHODS = ("actual", "simplified")
NAMES = {"actual": "actual expenses", "simplified": "the simplified method"}


@dataclass(frozen=True)
class Scenario:
    method: str  # this year's method
    this_year: Decimal
    depreciation: Decimal  # depreciation deducted this year under this method
    carryover_out: Decimal  # lines 43 + 44 carried to next year (frozen under the simplified method)
    frozen: bool
    next_year_actual: Decimal | None  # None: next year cannot be computed (no parameters yet)
    next_year_simplified: Decimal | None
    next_year_best_method: str | None

    @property
    def next_year_best(self) -> Decimal | None:
        if self.next_year_actual is None:
            return None
        return max(self.next_year_actual, self.next_year_simplified)

    @property
    def two_years(self) -> Decimal | None:
        best = self.next_year_best
        return None if best is None else self.this_year + best

    def to_dict(self) -> dict:
        def s(v):
            return None if v is None else format(v, "f")

        return {
            "method": self.method,
            "this_year": s(self.this_year),
            "depreciation": s(self.depreciation),
            "carryover_out": s(self.carryover_out),
            "frozen": self.frozen,
            "next_year_actual": s(self.next_year_actual),
            "next_year_simplified": s(self.next_year_simplified),
            "next_year_best_method": self.next_year_best_method,
            "next_year_best": s(self.next_year_best),
            "two_years": s(self.two_years),
        }


@dataclass(frozen=True)
class Advice:
    tax_year: int
    next_year: int
    computed: bool
    recommended: str | None  # the engine's recommendation for this year ("actual" | "simplified")
    scenarios: tuple[Scenario, ...]  # actual, simplified
    next_year_available: bool
    points: tuple[str, ...]
    review: tuple[str, ...]

    def scenario(self, method: str) -> Scenario:
        return next(s for s in self.scenarios if s.method == method)

    def to_dict(self) -> dict:
        return {
            "tax_year": self.tax_year,
            "next_year": self.next_year,
            "computed": self.computed,
            "recommended": self.recommended,
            "scenarios": [s.to_dict() for s in self.scenarios],
            "next_year_available": self.next_year_available,
            "points": list(self.points),
            "review": list(self.review),
        }


def _compute(case_dict: dict) -> Result:
    from . import case_from_dict

    return compute(case_from_dict(case_dict))


def _scenario(case_dict: dict, method: str) -> tuple[Scenario, Result, tuple[str, ...]]:
    d = copy.deepcopy(case_dict)
    d["method"] = method
    result = _compute(d)
    chosen = {h.home: h for h in result.homes}
    dep = sum(
        (
            depreciation_deducted(h.actual.values)
            for h in chosen.values()
            if h.method == "actual" and h.actual
        ),
        ZERO,
    )
    carry = sum(
        (
            h.carryover_next_year.operating + h.carryover_next_year.excess_casualty_and_depreciation
            for h in chosen.values()
        ),
        ZERO,
    )
    frozen = any(h.carryover_frozen for h in chosen.values())
    nxt_actual = nxt_simplified = nxt_method = None
    review: tuple[str, ...] = ()
    try:
        roll = roll_forward(d, result)
    except UnsupportedYear:
        roll = None
    if roll is not None:
        nxt = _compute(roll.case)
        if nxt.computed and nxt.comparison is not None:
            nxt_actual = nxt.comparison.actual_total
            nxt_simplified = nxt.comparison.simplified_total
            nxt_method = "actual" if nxt.comparison.recommended.simplified_home is None else "simplified"
        review = roll.review
    scenario = Scenario(
        method, result.total_deduction, dep, carry, frozen, nxt_actual, nxt_simplified, nxt_method
    )
    return scenario, result, review


def advise(case_dict: dict) -> Advice:
    """Both methods this year and next year (same facts). `case_dict` is a case in the documented format."""
    year = case_dict["tax_year"]
    base = _compute(case_dict)
    if not base.computed or base.comparison is None:
        return Advice(year, year + 1, False, None, (), False, (), ())
    recommended = "actual" if base.comparison.recommended.simplified_home is None else "simplified"
    actual, _, review_a = _scenario(case_dict, "actual")
    simplified, _, review_s = _scenario(case_dict, "simplified")
    carried_in = _carried_in(case_dict)
    available = actual.next_year_actual is not None and simplified.next_year_actual is not None
    points = _points(year, recommended, actual, simplified, carried_in, available)
    review = tuple(dict.fromkeys((*review_a, *review_s)))
    return Advice(year, year + 1, True, recommended, (actual, simplified), available, points, review)


def _carried_in(case_dict: dict) -> Decimal:
    total = ZERO
    for h in case_dict.get("homes", []):
        c = h.get("carryover_in") or {}
        total += Decimal(str(c.get("operating", "0"))) + Decimal(
            str(c.get("excess_casualty_and_depreciation", "0"))
        )
    return total


def _points(
    year: int, recommended: str, a: Scenario, s: Scenario, carried_in: Decimal, available: bool
) -> tuple[str, ...]:
    out = [
        f"This year ({year}): actual expenses {dollars(a.this_year)}, simplified method {dollars(s.this_year)}."
    ]
    if a.this_year > s.this_year:
        out.append(f"Larger deduction now: actual expenses, by {dollars(a.this_year - s.this_year)}.")
    elif s.this_year > a.this_year:
        out.append(f"Larger deduction now: the simplified method, by {dollars(s.this_year - a.this_year)}.")
    else:
        out.append(
            "Both methods give the same deduction now; the simplified method needs no expense records."
        )
    if carried_in > 0:
        out.append(
            f"You bring {dollars(carried_in)} of unallowed expenses from earlier years. Under the simplified method "
            "they are frozen this year — not lost — and released the next year you use actual expenses."
        )
    if a.carryover_out > 0:
        out.append(
            f"With actual expenses, {dollars(a.carryover_out)} does not fit under this year's income limit and "
            "carries to next year; under the simplified method anything over the limit is lost."
        )
    if a.depreciation > 0:
        out.append(
            f"Actual expenses deduct {dollars(a.depreciation)} of depreciation this year. It lowers your home's "
            "basis and, when you sell, is taxed as unrecaptured section 1250 gain (up to 25%) even if the rest of "
            "the gain is excluded. The simplified method deducts none, so there is less to recapture later."
        )
    if available:
        out.append(
            f"Next year ({year + 1}) with the same facts: after actual expenses this year, the better method gives "
            f"{dollars(a.next_year_best)} ({NAMES[a.next_year_best_method]}); after the simplified method this "
            f"year, {dollars(s.next_year_best)} ({NAMES[s.next_year_best_method]})."
        )
        if a.two_years != s.two_years:
            better = "actual expenses" if a.two_years > s.two_years else "the simplified method"
            out.append(
                f"Over the two years: {dollars(a.two_years)} starting with actual expenses, {dollars(s.two_years)} "
                f"starting with the simplified method — {better} this year comes out ahead."
            )
        else:
            out.append(f"Over the two years both starts give {dollars(a.two_years)}.")
    else:
        out.append(f"Next year ({year + 1}) cannot be estimated yet: its tax parameters are not available.")
    out.append(f"This year's recommendation: {NAMES[recommended]} (the larger deduction now).")
    return tuple(out)

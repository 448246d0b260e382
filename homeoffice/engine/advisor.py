"""Method advisor: both methods this year and, with the same facts rolled forward, next year.

For each method this year (actual expenses; the simplified method for the best home) the advisor computes
this year's deduction, rolls the case forward (rollover.roll_forward: carryovers, frozen or not, and the
depreciation history) and computes next year with both methods. The trade-offs are written in plain words:
a larger deduction now; carryovers frozen under the simplified method (not lost); depreciation that lowers
basis and is taxed as unrecaptured §1250 gain on a sale. Next year is an estimate with this year's figures.

The recommendation (issue #13) is the method that saves more federal tax over this year and next
(taxsaved.py: Schedule A, self-employment tax, income tax, §199A), never a bare comparison of line 36. When
the tax cannot be estimated (no rate parameters) it falls back to the larger deduction and says so. A
projection that lacks an answer (e.g. MAGI for a 2025 return projected from 2024) names the answer it
needs and never fails. `decide(case_dict)` computes the case with the recommended method (an "auto" case).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError, UnsupportedYear
from .explain import dollars
from .money import ZERO, round_money
from .result import Result, compute
from .rollover import depreciation_deducted, roll_forward
from .schedule_a import standard_note
from .taxsaved import SHARPEN_TEXT

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
    tax_saved: Decimal | None = None  # federal tax this method saves this year (None: not estimated)
    next_year_tax_saved: Decimal | None = None  # next year, with the better method then
    next_year_tax_method: str | None = None
    next_year_needs: str | None = None  # the answer a projection lacks (an input path), if any
    estimate: object | None = None  # this year's taxsaved.TaxEstimate (same for both scenarios)

    @property
    def two_years_tax_saved(self) -> Decimal | None:
        if self.tax_saved is None or self.next_year_tax_saved is None:
            return None
        return self.tax_saved + self.next_year_tax_saved

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
            "tax_saved": s(self.tax_saved),
            "next_year_tax_saved": s(self.next_year_tax_saved),
            "next_year_tax_method": self.next_year_tax_method,
            "two_years_tax_saved": s(self.two_years_tax_saved),
            "next_year_needs": self.next_year_needs,
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
    recommended_by: str = "deduction"  # "tax_two_years" | "tax_this_year" | "deduction"
    estimate: dict | None = None  # this year's tax estimate (taxsaved.TaxEstimate.to_dict())
    schedule_a: dict | None = None  # this year's Schedule A side (Result.schedule_a_dict())
    needs: tuple[str, ...] = ()  # answers that would sharpen the estimate or let next year be projected

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
            "recommended_by": self.recommended_by,
            "tax_estimate": self.estimate,
            "schedule_a": self.schedule_a,
            "needs": [{"answer": n, "text": SHARPEN_TEXT.get(n, n)} for n in self.needs],
        }


def _compute(case_dict: dict) -> Result:
    from . import case_from_dict

    return compute(case_from_dict(case_dict))


def _tax_saved(result: Result, method: str):
    est = result.tax_estimate
    if not est.available:
        return None, est
    return est.saved(method), est


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
    nxt_saved = nxt_tax_method = needs = None
    review: tuple[str, ...] = ()
    try:
        roll = roll_forward(d, result)
    except UnsupportedYear:
        roll = None
    if roll is not None:
        review = roll.review
        try:
            nxt = _compute(roll.case)
        except InputError as exc:
            # The projection lacks an answer this year's interview never asked (e.g. MAGI, needed from 2025
            # when itemizing): say which, never fail the page (issue #13).
            nxt, needs = None, exc.field
        if nxt is not None and nxt.computed and nxt.comparison is not None:
            nxt_actual = nxt.comparison.actual_total
            nxt_simplified = nxt.comparison.simplified_total
            nxt_method = "actual" if nxt.comparison.recommended.simplified_home is None else "simplified"
            est = nxt.tax_estimate
            if est.available:
                by_method = {m: est.saved(m) for m in METHODS}
                nxt_tax_method = max(METHODS, key=lambda m: (by_method[m], m == nxt_method))
                nxt_saved = by_method[nxt_tax_method]
    saved, est = _tax_saved(result, method)
    scenario = Scenario(
        method,
        result.total_deduction,
        dep,
        carry,
        frozen,
        nxt_actual,
        nxt_simplified,
        nxt_method,
        saved,
        nxt_saved,
        nxt_tax_method,
        needs,
        est,
    )
    return scenario, result, review


def advise(case_dict: dict) -> Advice:
    """Both methods this year and next year (same facts). `case_dict` is a case in the documented format."""
    year = case_dict["tax_year"]
    base = _compute(case_dict)
    if not base.computed or base.comparison is None:
        return Advice(year, year + 1, False, None, (), False, (), ())
    by_deduction = "actual" if base.comparison.recommended.simplified_home is None else "simplified"
    actual, actual_result, review_a = _scenario(case_dict, "actual")
    simplified, _, review_s = _scenario(case_dict, "simplified")
    carried_in = _carried_in(case_dict)
    available = actual.next_year_actual is not None and simplified.next_year_actual is not None
    if actual.two_years_tax_saved is not None and simplified.two_years_tax_saved is not None:
        recommended_by = "tax_two_years"
        key = {m: s.two_years_tax_saved for m, s in (("actual", actual), ("simplified", simplified))}
    elif actual.tax_saved is not None and simplified.tax_saved is not None:
        recommended_by = "tax_this_year"
        key = {"actual": actual.tax_saved, "simplified": simplified.tax_saved}
    else:
        recommended_by = "deduction"
        key = {"actual": actual.this_year, "simplified": simplified.this_year}
    # A tie goes to the larger deduction's method (the engine's own preference, which avoids freezing
    # carryovers and prefers no depreciation on an exact tie).
    recommended = max(METHODS, key=lambda m: (key[m], m == by_deduction))
    est = actual.estimate
    needs = list(est.sharpen) if est is not None and est.available else []
    for s in (actual, simplified):
        if s.next_year_needs and s.next_year_needs not in needs:
            needs.append(s.next_year_needs)
    points = _points(year, recommended, recommended_by, actual, simplified, carried_in, available)
    points = _standard_point(actual_result) + points
    review = tuple(dict.fromkeys((*review_a, *review_s)))
    return Advice(
        year,
        year + 1,
        True,
        recommended,
        (actual, simplified),
        available,
        points,
        review,
        recommended_by,
        est.to_dict() if est is not None and est.available else None,
        actual_result.schedule_a_dict(),
        tuple(needs),
    )


def decide(case_dict: dict) -> tuple[Result, Advice | None]:
    """The case computed with the recommended method (a case with "method": "auto"; a case that asks for a
    method keeps it), and the advice. Only the interview and the CLIs call this: compute() alone keeps the
    larger-deduction choice, so batch use stays fast."""
    result = _compute(case_dict)
    if not result.computed or result.comparison is None:
        return result, None
    advice = advise(case_dict)
    if case_dict.get("method", "auto") != "auto" or case_dict.get("simplified_home"):
        return result, advice
    chosen = "actual" if result.comparison.chosen.simplified_home is None else "simplified"
    if advice.recommended and advice.recommended != chosen:
        d = copy.deepcopy(case_dict)
        d["method"] = advice.recommended
        result = _compute(d)
    return result, advice


def _carried_in(case_dict: dict) -> Decimal:
    total = ZERO
    for h in case_dict.get("homes", []):
        c = h.get("carryover_in") or {}
        total += Decimal(str(c.get("operating", "0"))) + Decimal(
            str(c.get("excess_casualty_and_depreciation", "0"))
        )
    return total


def _standard_point(result: Result) -> tuple[str, ...]:
    """A standard-deduction filer: the personal part is not deductible; say when itemizing would be larger."""
    sa = result.schedule_a
    if not sa or sa["itemize"] or sa.get("if_itemized") is None:
        return ()
    text = standard_note(sa["if_itemized"], sa.get("standard_deduction"))
    return (text,) if text else ()


def _next_deduction(s: Scenario) -> Decimal:
    return s.next_year_actual if s.next_year_tax_method == "actual" else s.next_year_simplified


def _whole(value: Decimal) -> str:
    """An estimate in whole dollars: cents would claim a precision the estimate does not have."""
    return dollars(round_money(value))


def _points(
    year: int,
    recommended: str,
    recommended_by: str,
    a: Scenario,
    s: Scenario,
    carried_in: Decimal,
    available: bool,
) -> tuple[str, ...]:
    out = [
        f"This year ({year}) on the business form: actual expenses {dollars(a.this_year)}, simplified method "
        f"{dollars(s.this_year)}."
    ]
    est = a.estimate
    if est is not None and est.available:
        ma, ms = est.method("actual"), est.method("simplified")
        if ma.schedule_a is not None:
            kept = ms.schedule_a.home_total - ma.schedule_a.home_total
            if kept > 0:
                out.append(
                    f"The simplified method keeps {dollars(kept)} more of your mortgage interest and real estate "
                    f"taxes on Schedule A. Counting both, your deductions are {dollars(a.this_year + ma.schedule_a.home_total)} "
                    f"with actual expenses and {dollars(s.this_year + ms.schedule_a.home_total)} with the simplified method."
                )
        se_a = est.baseline.se_tax + est.baseline.additional_medicare - ma.se_tax - ma.additional_medicare
        se_s = est.baseline.se_tax + est.baseline.additional_medicare - ms.se_tax - ms.additional_medicare
        it_a = est.baseline.income_tax - ma.income_tax
        it_s = est.baseline.income_tax - ms.income_tax
        out.append(
            f"Estimated federal tax saved in {year}: actual expenses about {_whole(a.tax_saved)} "
            f"(self-employment tax {_whole(se_a)}, income tax {_whole(it_a)}); the simplified method about "
            f"{_whole(s.tax_saved)} (self-employment tax {_whole(se_s)}, income tax {_whole(it_s)})."
        )
        if se_a != se_s:
            more = "actual expenses" if se_a > se_s else "the simplified method"
            out.append(f"With {more} you save {_whole(abs(se_a - se_s))} more self-employment tax.")
    else:
        reason = est.reason if est is not None else "no estimate"
        out.append(
            f"The tax each method saves cannot be estimated for {year} ({reason}); compared by deduction only."
        )
    if carried_in > 0:
        out.append(
            f"You bring {dollars(carried_in)} of unallowed expenses from earlier years. Under the simplified method "
            "they are frozen this year — not lost — and released the next year you use actual expenses."
        )
    if a.carryover_out > 0:
        out.append(
            f"With actual expenses, {dollars(a.carryover_out)} does not fit under this year's income limit and "
            f"carries to {year + 1}; under the simplified method anything over the limit is lost."
        )
    if a.depreciation > 0:
        out.append(
            f"Actual expenses deduct {dollars(a.depreciation)} of depreciation this year. It lowers your home's "
            "basis and, when you sell, is taxed as unrecaptured section 1250 gain (up to 25%) even if the rest of "
            "the gain is excluded. The simplified method deducts none, so there is less to recapture later."
        )
    if available and a.next_year_tax_saved is not None and s.next_year_tax_saved is not None:
        out.append(
            f"Next year ({year + 1}) with the same facts: after actual expenses this year, the better method then "
            f"({NAMES[a.next_year_tax_method]}, {dollars(_next_deduction(a))}) saves about "
            f"{_whole(a.next_year_tax_saved)}; after the simplified method this year, "
            f"{NAMES[s.next_year_tax_method]} ({dollars(_next_deduction(s))}) saves about "
            f"{_whole(s.next_year_tax_saved)}."
        )
    elif available:
        out.append(
            f"Next year ({year + 1}) with the same facts: after actual expenses this year, the better method gives "
            f"{dollars(a.next_year_best)} ({NAMES[a.next_year_best_method]}); after the simplified method this "
            f"year, {dollars(s.next_year_best)} ({NAMES[s.next_year_best_method]})."
        )
    if available:
        if a.two_years_tax_saved is not None and s.two_years_tax_saved is not None:
            out.append(
                f"Federal tax saved over {year} and {year + 1}: about {_whole(a.two_years_tax_saved)} starting "
                f"with actual expenses, {_whole(s.two_years_tax_saved)} starting with the simplified method."
            )
    else:
        needs = a.next_year_needs or s.next_year_needs
        if needs:
            out.append(
                f"Next year ({year + 1}) cannot be projected: it needs {SHARPEN_TEXT.get(needs, needs)}, which "
                f"this year's questions do not ask. The recommendation counts {year} only."
            )
        else:
            out.append(
                f"Next year ({year + 1}) cannot be estimated yet: its tax parameters are not available."
            )
    if recommended_by == "tax_two_years" and a.two_years_tax_saved == s.two_years_tax_saved:
        why = f"both save the same federal tax over {year} and {year + 1}; it gives the larger deduction now"
    elif recommended_by == "tax_two_years":
        why = f"it saves more federal tax over {year} and {year + 1}"
    elif recommended_by == "tax_this_year":
        why = f"it saves more federal tax in {year}"
    else:
        why = "the larger deduction now; the tax saved could not be estimated"
    out.append(
        f"Recommendation: {NAMES[recommended]} ({why}). This is an estimate; its assumptions are listed."
    )
    return tuple(out)

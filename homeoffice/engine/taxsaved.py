"""The federal tax each method saves — an estimate, with its assumptions listed (issue #13). Pure Python.

For each option (actual expenses; the simplified method; and, as the baseline, no home office deduction)
the estimate figures:

* self-employment tax, Schedule SE: net earnings = profit x 92.35 %; none below $400; 12.4 % up to the
  year's Social Security wage base less W-2 wages; 2.9 % on all of it; the 0.9 % additional Medicare tax
  (Form 8959) above the filing status threshold less W-2 wages; half of SE tax (without the 0.9 %) is an
  adjustment to income;
* the deduction: the Schedule A total (schedule_a.py) for itemizers, the standard deduction otherwise;
* the §199A deduction, 20 % of (profit - half SE tax), at most 20 % of taxable income, when taxable income
  is at or below the year's threshold; above it the §199A limits are not modelled (no §199A in any option);
* income tax from the year's rate schedule for the filing status.

The tax saved by a method = the baseline's tax - that method's tax. It is an estimate: no credits, capital
gains rates, AMT, state tax, SE health insurance or retirement contributions; the assumptions say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .explain import dollars
from .money import ZERO
from .params import ESTIMATE_KEYS
from .schedule_a import ScheduleA, schedule_a

CENT = Decimal("0.01")
TAX_KEYS = ESTIMATE_KEYS
# A qualifying surviving spouse uses the joint rate schedule and standard deduction (IRC §1(a), §63(c)(2)).
SCHEDULE_STATUS = {"qualifying_surviving_spouse": "married_joint"}
# ...but the 0.9 % threshold of "any other case" (IRC §1401(b)(2)(B)(iii)).
MEDICARE_STATUS = {"qualifying_surviving_spouse": "single"}


def _c(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class MethodTax:
    method: str  # "actual" | "simplified" | "none"
    home_office: Decimal
    profit: Decimal  # business profit after the home office deduction
    se_tax: Decimal  # Schedule SE line 12
    additional_medicare: Decimal  # Form 8959 on self-employment income
    deduction: Decimal  # itemized (Schedule A) or standard
    itemized: Decimal | None  # the Schedule A total (itemizers)
    qbi: Decimal | None  # None: not modelled (above the threshold)
    taxable_income: Decimal
    income_tax: Decimal
    schedule_a: ScheduleA | None

    @property
    def total(self) -> Decimal:
        return self.se_tax + self.additional_medicare + self.income_tax

    def to_dict(self, baseline: MethodTax | None = None) -> dict:
        s = _s
        out = {
            "method": self.method,
            "home_office_deduction": s(self.home_office),
            "business_profit": s(self.profit),
            "self_employment_tax": s(self.se_tax),
            "additional_medicare_tax": s(self.additional_medicare),
            "deduction": s(self.deduction),
            "itemized": None if self.itemized is None else s(self.itemized),
            "qbi_deduction": None if self.qbi is None else s(self.qbi),
            "taxable_income": s(self.taxable_income),
            "income_tax": s(self.income_tax),
            "total_tax": s(self.total),
        }
        if baseline is not None:
            out["tax_saved"] = s(baseline.total - self.total)
            out["self_employment_tax_saved"] = s(
                baseline.se_tax + baseline.additional_medicare - self.se_tax - self.additional_medicare
            )
            out["income_tax_saved"] = s(baseline.income_tax - self.income_tax)
        return out


def _s(value: Decimal) -> str:
    return format(value, "f")


@dataclass(frozen=True)
class TaxEstimate:
    tax_year: int
    available: bool
    reason: str  # why not available
    baseline: MethodTax | None  # no home office deduction
    methods: tuple[MethodTax, ...]  # actual, simplified
    assumptions: tuple[str, ...]
    sharpen: tuple[str, ...]  # answers that would make the estimate sharper
    unverified: tuple[str, ...]  # parameter keys used that are not verified

    def method(self, name: str) -> MethodTax:
        return next(m for m in self.methods if m.method == name)

    def saved(self, name: str) -> Decimal:
        return self.baseline.total - self.method(name).total

    def to_dict(self) -> dict:
        return {
            "tax_year": self.tax_year,
            "available": self.available,
            "reason": self.reason,
            "no_home_office": self.baseline.to_dict() if self.baseline else None,
            "methods": {m.method: m.to_dict(self.baseline) for m in self.methods},
            "assumptions": list(self.assumptions),
            "sharpen": list(self.sharpen),
            "unverified_parameters": list(self.unverified),
        }


def unavailable(tax_year: int, reason: str) -> TaxEstimate:
    return TaxEstimate(tax_year, False, reason, None, (), (), (), ())


def income_tax(params, filing_status: str, taxable: Decimal) -> Decimal:
    """The rate schedule for the filing status applied bracket by bracket (not the Tax Table's $50 rows)."""
    status = SCHEDULE_STATUS.get(filing_status, filing_status)
    starts = params[f"income_tax_brackets_{status}"]
    rates = params["income_tax_rates"]
    tax = ZERO
    for i, (start, rate) in enumerate(zip(starts, rates, strict=True)):
        if taxable <= start:
            break
        end = starts[i + 1] if i + 1 < len(starts) else None
        top = taxable if end is None or taxable < end else end
        tax += (top - start) * rate
    return _c(tax)


def self_employment_tax(params, filing_status: str, profit: Decimal, w2: Decimal) -> tuple[Decimal, Decimal]:
    """(Schedule SE tax, additional Medicare tax on SE income)."""
    earnings = _c(profit * params["se_net_earnings_factor"]) if profit > 0 else ZERO
    if earnings < params["se_minimum_net_earnings"]:
        return ZERO, ZERO
    room = max(ZERO, params["ss_wage_base"] - w2)
    se = _c(min(earnings, room) * params["se_social_security_rate"]) + _c(
        earnings * params["se_medicare_rate"]
    )
    status = MEDICARE_STATUS.get(filing_status, filing_status)
    threshold = max(ZERO, params[f"additional_medicare_threshold_{status}"] - w2)
    extra = _c(max(ZERO, earnings - threshold) * params["additional_medicare_rate"])
    return se, extra


def _profit_before(case, result) -> Decimal:
    """Business profit before the home office deduction (Schedule C line 29 and its Schedule F/E equivalents),
    after the internet or phone line expenses the engine reports."""
    other: dict[str, Decimal] = {}
    for e in result.other_expenses:
        other[e.business] = other.get(e.business, ZERO) + e.amount
    total = ZERO
    for b in case.businesses:
        if b.tentative_profit is not None:
            total += b.tentative_profit
        else:
            total += b.gross_income - b.expenses_not_from_home - other.get(b.id, ZERO)
    return total


def estimate(case, result) -> TaxEstimate:
    """The estimate for a computed Result (result.comparison is not None)."""
    from .params import load_params

    params = load_params(case.tax_year)
    missing = [k for k in TAX_KEYS if k not in params.values]
    if missing:
        return unavailable(case.tax_year, f"the {case.tax_year} tax rates are not in the parameters")
    if not result.computed or result.comparison is None:
        return unavailable(case.tax_year, "no home office deduction is allowed")
    facts = result.comparison.facts
    options = {"actual": facts["all_actual"], "simplified": facts["best_simplified"]}
    itemize = case.deduction == "itemize"
    status = SCHEDULE_STATUS.get(case.filing_status, case.filing_status)
    standard = params[f"standard_deduction_{status}"]
    before = _profit_before(case, result)
    t = case.tax
    w2 = t.w2_wages if t.w2_wages is not None else ZERO
    assumptions = [
        "Federal tax only, at this year's rate schedule for your filing status; no credits, capital gains "
        "rates, alternative minimum tax, self-employed health insurance or retirement contributions.",
        "Self-employment tax per Schedule SE: 92.35% of profit; 12.4% up to the "
        f"{dollars(params['ss_wage_base'])} wage base less W-2 wages; 2.9%; 0.9% additional Medicare tax "
        "above the threshold less W-2 wages; half of SE tax deducted from income.",
    ]
    sharpen = []
    all_homes = {h.id for h in case.homes}

    def sched(simplified_homes, home_office, method):
        return schedule_a(case, result, params, simplified_homes, home_office, method) if itemize else None

    base_a = sched(all_homes, ZERO, "none")
    if t.other_income is not None:
        other_income = t.other_income
    elif case.salt.magi is not None:
        # MAGI (asked for the SALT phase-down) includes this business: take it out to place the rest.
        chosen = result.comparison.chosen.total
        se, _ = self_employment_tax(params, case.filing_status, before - chosen, w2)
        other_income = case.salt.magi - (before - chosen - _c(se / 2))
        assumptions.append(
            f"Other income taken as your MAGI ({dollars(case.salt.magi)}) less this business's profit after "
            "the deduction you chose."
        )
        sharpen.append("tax.other_income")
    else:
        other_income = ZERO
        assumptions.append(
            "Other income not given: income tax is figured as if this business were your only income, which "
            "usually understates what each deduction is worth."
        )
        sharpen.append("tax.other_income")
    if t.w2_wages is None:
        assumptions.append("W-2 wages not given: taken as $0 for the Social Security wage base.")
        sharpen.append("tax.w2_wages")
    if itemize:
        assumptions.append(
            "You itemize: the deduction is your Schedule A total (home mortgage interest, state and local taxes "
            "within the cap, casualty losses"
            + (f", and {dollars(t.other_itemized)} of other itemized deductions" if t.other_itemized else "")
            + ")."
        )
        if t.other_itemized is None:
            sharpen.append("tax.other_itemized")
    else:
        assumptions.append(f"You take the standard deduction ({dollars(standard)}).")

    def run(method, home_office, sa, qbi_on) -> MethodTax:
        profit = before - home_office
        se, extra = self_employment_tax(params, case.filing_status, profit, w2)
        half = _c(se / 2)
        agi = other_income + profit - half
        deduction = sa.itemized_total if sa is not None else standard
        before_qbi = max(ZERO, agi - deduction)
        qbi = None
        if qbi_on:
            qbi = _c(params["qbi_deduction_rate"] * max(ZERO, min(profit - half, before_qbi)))
        taxable = max(ZERO, before_qbi - (qbi or ZERO))
        tax = income_tax(params, case.filing_status, taxable)
        itemized = sa.itemized_total if sa is not None else None
        return MethodTax(method, home_office, profit, se, extra, deduction, itemized, qbi, taxable, tax, sa)

    threshold = params["qbi_threshold_married_joint" if status == "married_joint" else "qbi_threshold"]
    # The baseline has the highest taxable income: below the threshold there, below it in every option.
    probe = run("none", ZERO, base_a, False)
    qbi_on = probe.taxable_income <= threshold
    if qbi_on:
        assumptions.append(
            f"§199A: 20% of qualified business income (profit less half of SE tax), at most 20% of taxable income "
            f"(taxable income at or below the {dollars(threshold)} threshold)."
        )
    else:
        assumptions.append(
            f"§199A: taxable income is above the {dollars(threshold)} threshold, where the wage and property "
            "limits apply; the §199A deduction is not modelled."
        )
    baseline = run("none", ZERO, base_a, qbi_on)
    methods = []
    for name, option in options.items():
        simplified = {option.simplified_home} if option.simplified_home else set()
        methods.append(run(name, option.total, sched(simplified, option.total, name), qbi_on))
    if itemize and baseline.itemized is not None and baseline.itemized < standard:
        assumptions.append(
            f"Your Schedule A total ({dollars(baseline.itemized)} without a home office deduction) is below the "
            f"{dollars(standard)} standard deduction: unless other itemized deductions make up the difference, "
            "the standard deduction would be larger."
        )
    unverified = tuple(p.key for p in params.unverified(TAX_KEYS))
    if unverified:
        assumptions.append(
            f"The {case.tax_year} rate schedule, standard deduction, wage base and §199A threshold used here are "
            "not yet verified against the primary sources."
        )
    return TaxEstimate(
        case.tax_year, True, "", baseline, tuple(methods), tuple(assumptions), tuple(sharpen), unverified
    )


SHARPEN_TEXT = {
    "tax.other_income": "your other taxable income (wages, interest, a spouse's income)",
    "tax.w2_wages": "your W-2 wages (Social Security wages)",
    "tax.other_itemized": "your other itemized deductions (gifts to charity, medical above the floor)",
    "salt.magi": "your modified adjusted gross income (MAGI)",
}

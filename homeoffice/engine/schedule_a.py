"""The Schedule A side of the home office choice (issue #13). Pure Python, Decimal only.

Under the actual expense method the business part of mortgage interest, real estate taxes and casualty losses
is deducted on Form 8829 and must come OFF Schedule A; only the personal part stays there. Under the
simplified method none of them is on a business form, so they are deductible on Schedule A in full
(Pub 587, Using the Simplified Method: "you can deduct ... in full on Schedule A"). Real estate taxes are
state and local taxes: what stays on Schedule A is capped, with the rest of the SALT, at the year's limit
after the MAGI phase-down (Schedule A lines 5a-5e; IRC §164(b)(6)-(7)). Mortgage interest on acquisition
debt above the year's limit is deductible nowhere as personal interest (Pub 936).

Figures per item: business part = column (a) + column (b) x line 7, each rounded (the Form 8829 line 13
figure is rounded once on the sum, so the parts here can differ from it by $1).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .actual import deductible_mortgage_interest, salt_limit
from .money import ZERO

# Schedule A line captions (2018+ form): the report rows name them.
LINE_SALT = "Schedule A, line 5e (state and local taxes, real estate taxes in line 5b)"
LINE_MORTGAGE = "Schedule A, line 8a (home mortgage interest)"
LINE_CASUALTY = "Form 4684, then Schedule A, line 15 (casualty losses)"


@dataclass(frozen=True, slots=True)
class ScheduleA:
    """What the home puts on Schedule A under one option (`simplified_homes`: homes on the simplified method)."""

    method: str  # "actual" | "simplified" | "none" (no home office deduction at all)
    mortgage_interest: Decimal  # line 8a: deductible home mortgage interest not taken on a business form
    mortgage_over_limit: Decimal  # personal part of interest on debt above the limit: deductible nowhere
    real_estate_taxes: Decimal  # part of the home's real estate taxes in line 5b
    salt_total: Decimal  # line 5d
    salt_limit: Decimal | None  # the year's cap after the MAGI phase-down (None: no cap that year)
    salt_deductible: Decimal  # line 5e
    casualty: Decimal  # personal part of the casualty losses entered (Form 4684)
    other_itemized: Decimal  # itemized deductions the case gives besides these (tax.other_itemized)

    @property
    def home_total(self) -> Decimal:
        """Lines 5e + 8a + the casualty loss: the Schedule A deductions the home office choice moves."""
        return self.salt_deductible + self.mortgage_interest + self.casualty

    @property
    def itemized_total(self) -> Decimal:
        return self.home_total + self.other_itemized

    def rows(self) -> tuple[tuple[str, str, Decimal], ...]:
        """(key, where, amount) for "Where to report it"."""
        out = [
            ("schedule_a_5e", LINE_SALT, self.salt_deductible),
            ("schedule_a_8a", LINE_MORTGAGE, self.mortgage_interest),
        ]
        if self.casualty:
            out.append(("schedule_a_casualty", LINE_CASUALTY, self.casualty))
        return tuple(out)

    def to_dict(self) -> dict:
        s = _s
        return {
            "method": self.method,
            "mortgage_interest_line_8a": s(self.mortgage_interest),
            "mortgage_interest_over_debt_limit": s(self.mortgage_over_limit),
            "real_estate_taxes_in_line_5b": s(self.real_estate_taxes),
            "salt_line_5d": s(self.salt_total),
            "salt_limit": None if self.salt_limit is None else s(self.salt_limit),
            "salt_line_5e": s(self.salt_deductible),
            "casualty_losses": s(self.casualty),
            "other_itemized": s(self.other_itemized),
            "home_total": s(self.home_total),
            "itemized_total": s(self.itemized_total),
            "rows": [{"key": k, "line": w, "amount": s(a)} for k, w, a in self.rows()],
        }


def _s(value: Decimal) -> str:
    return format(value, "f")


def _times(amount: Decimal, fraction: Decimal, quantum: Decimal) -> Decimal:
    return (amount * fraction).quantize(quantum, ROUND_HALF_UP)


def schedule_a(case, result, params, simplified_homes, home_office: Decimal, method: str) -> ScheduleA:
    """Schedule A amounts when the homes in `simplified_homes` use the simplified method (or take no home
    office deduction) and every other home uses actual expenses. `home_office`: the option's deduction, which
    lowers MAGI for the SALT phase-down (as compute_home iterates)."""
    quantum = Decimal("0.01") if case.rounding == "cents" else Decimal("1")
    by_id = {h.home: h for h in result.homes}
    mortgage = over = re_taxes = casualty = ZERO
    for home in case.homes:
        m = home.mortgage_interest
        paid = m.paid.quantize(quantum, ROUND_HALF_UP)
        deductible = deductible_mortgage_interest(m, params, case.filing_status)
        deductible = paid if deductible is None else min(paid, deductible.quantize(quantum, ROUND_HALF_UP))
        taxes = home.real_estate_taxes.quantize(quantum, ROUND_HALF_UP)
        item = home.expenses.casualty_losses
        hr = by_id.get(home.id)
        if home.id in simplified_homes or hr is None or hr.actual is None:
            mortgage += deductible
            over += paid - deductible
            re_taxes += taxes
            casualty += item.direct + item.indirect
            continue
        v = hr.actual.values
        line7 = v["7"]
        business_interest = v["10a"] + _times(v["10b"], line7, quantum)
        mortgage += deductible - business_interest
        # The business part of the interest over the limit went on line 16; the personal part is lost.
        excess = paid - deductible
        over += excess - _times(excess, line7, quantum)
        business_taxes = v["11a"] + v["17a"] + _times(v["11b"], line7, quantum)
        re_taxes += taxes - business_taxes
        casualty += v["9b"] - _times(v["9b"], line7, quantum)
    salt = case.salt
    total = salt.state_local_income_or_sales_tax + re_taxes + salt.other_real_estate_taxes
    total += salt.personal_property_taxes
    magi = None if salt.magi is None else salt.magi - home_office
    limit, _ = salt_limit(params, case.filing_status, magi)
    deductible_salt = total if limit is None else min(total, limit)
    other = case.tax.other_itemized or ZERO
    return ScheduleA(method, mortgage, over, re_taxes, total, limit, deductible_salt, casualty, other)


def _dollars(value: Decimal) -> str:
    from .explain import dollars

    return dollars(value)


def standard_note(full: ScheduleA, standard: Decimal | None) -> str:
    """For a standard-deduction filer: the personal part is not deductible; when the home's interest and taxes
    (with other itemized deductions given) exceed the standard deduction, say so."""
    if full.home_total <= 0:
        return ""
    text = (
        "You take the standard deduction, so the personal part of mortgage interest and real estate taxes is "
        "not deductible."
    )
    if standard is not None and full.itemized_total > standard:
        text += (
            " Your mortgage interest and real estate taxes"
            + (", with your other itemized deductions," if full.other_itemized else " alone")
            + f" come to {_dollars(full.itemized_total)}, more than the {_dollars(standard)} standard deduction: "
            "itemizing may save more tax (answer “itemize” to see both methods with Schedule A)."
        )
    return text


def itemizer_note(sa: ScheduleA) -> str:
    """What the Schedule A rows mean for an itemizer under the method reported."""
    if sa.method == "actual":
        text = (
            "You itemize: the business part of mortgage interest, real estate taxes and casualty losses is on "
            "the business form, so only the personal part stays on Schedule A."
        )
    else:
        text = (
            "You itemize: with the simplified method, mortgage interest, real estate taxes and casualty losses "
            "stay deductible on Schedule A in full (Pub 587, Using the Simplified Method)."
        )
    if sa.salt_limit is not None and sa.salt_total > sa.salt_limit:
        text += (
            f" State and local taxes of {_dollars(sa.salt_total)} are over this year's limit of "
            f"{_dollars(sa.salt_limit)}: {_dollars(sa.salt_limit)} goes on line 5e."
        )
    if sa.mortgage_over_limit > 0:
        text += (
            f" {_dollars(sa.mortgage_over_limit)} of interest on debt above the acquisition-debt limit is not "
            "deductible as home mortgage interest (Pub 936)."
        )
    return text

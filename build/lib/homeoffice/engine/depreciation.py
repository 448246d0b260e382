"""Depreciation of the home: Form 8829 Part III (lines 37-42), improvements, history across years, and the
sale-of-home estimate (unrecaptured §1250 gain).

39-year nonresidential real property, MACRS GDS straight line, mid-month (Pub 946 Table A-7a, Pub 587
Table 2). The printed table percentages are used, not the exact mid-month fractions (RULES.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .facts import DepreciationFacts, Improvement, YearMonth
from .money import DOLLAR, HUNDRED, PERCENT_3, ZERO, floor_zero, round_money
from .params import Params

REVIEW_AFTER_SIMPLIFIED = (
    "Depreciation after simplified-method years: the sources do not settle how basis not recovered in the "
    "simplified years is recovered. The engine uses the MACRS table percentage for the recovery year counted "
    "from the original first business use (i8829 (2025) line 41 example: first used 2024 under the simplified "
    "method -> 2.564% in 2025) on the line 40 basis. Have this reviewed. (Rev. Proc. 2013-13; Pub 587; "
    "Pub 946 Table A-7a)"
)
REVIEW_USE_ENDED = (
    "Business use of the home ended this year: the engine applies the mid-month convention (the final month "
    "counts as half a month, Pub 946). Have this reviewed."
)


def recovery_year(first_use: YearMonth, tax_year: int) -> int:
    return tax_year - first_use.year + 1


def table_rate(params: Params, first_use: YearMonth, tax_year: int) -> Decimal:
    """Table A-7a percentage (e.g. Decimal("2.564")) for `tax_year`, for property first used in `first_use`."""
    year = recovery_year(first_use, tax_year)
    if year < 1:
        return ZERO
    if year == 1:
        return params["macrs_39_first_year"][first_use.month - 1]
    if year <= 39:
        return params["macrs_39_later_year"]
    if year == 40:
        return params["macrs_39_final_year"][first_use.month - 1]
    return ZERO


def rate_for_year(params: Params, first_use: YearMonth, tax_year: int, ended: YearMonth | None) -> Decimal:
    """Line 41 percentage, including the year business use stopped (mid-month: the final month counts half)."""
    if ended is None or ended.year != tax_year:
        return table_rate(params, first_use, tax_year)
    later = params["macrs_39_later_year"]
    start_half_months = Decimal(first_use.month) - Decimal("0.5") if first_use.year == tax_year else ZERO
    months = Decimal(ended.month) - Decimal("0.5") - start_half_months
    return (later * floor_zero(months) / 12).quantize(PERCENT_3)


@dataclass(frozen=True, slots=True)
class ImprovementDepreciation:
    improvement: Improvement
    business_basis: Decimal
    rate: Decimal  # percent
    amount: Decimal  # unrounded


@dataclass(frozen=True, slots=True)
class Part3:
    line37: Decimal
    line38: Decimal
    line39: Decimal
    line40: Decimal
    line41: Decimal  # percent
    line42: Decimal
    improvements: tuple[ImprovementDepreciation, ...]
    review: tuple[str, ...]


def part3(
    line37: Decimal,
    line38: Decimal,
    line7_fraction: Decimal,
    line41_percent: Decimal,
    improvements: tuple[ImprovementDepreciation, ...] = (),
    quantum: Decimal = DOLLAR,
    review: tuple[str, ...] = (),
) -> Part3:
    """Form 8829 lines 37-42 from the entry lines. Line 42 = line 40 x line 41 plus the improvements
    statement, computed unrounded and rounded once (one rounding per form line)."""
    line39 = floor_zero(line37 - line38)
    line40 = round_money(line39 * line7_fraction, quantum)
    raw = line40 * line41_percent / HUNDRED + sum((i.amount for i in improvements), ZERO)
    return Part3(
        line37, line38, line39, line40, line41_percent, round_money(raw, quantum), improvements, review
    )


def improvement_items(
    facts: DepreciationFacts,
    params: Params,
    tax_year: int,
    line7_fraction: Decimal,
    quantum: Decimal = DOLLAR,
) -> tuple[ImprovementDepreciation, ...]:
    items = []
    for imp in facts.improvements:
        fraction = line7_fraction if imp.business_fraction is None else imp.business_fraction
        basis = round_money(imp.cost * fraction, quantum)
        rate = rate_for_year(params, imp.placed_in_service, tax_year, facts.business_use_ended)
        items.append(ImprovementDepreciation(imp, basis, rate, basis * rate / HUNDRED))
    return tuple(items)


def home_part3(
    facts: DepreciationFacts,
    params: Params,
    tax_year: int,
    line7_fraction: Decimal,
    quantum: Decimal = DOLLAR,
) -> Part3:
    """Part III for a home from the depreciation facts of the case."""
    review = []
    if facts.simplified_years:
        review.append(REVIEW_AFTER_SIMPLIFIED)
    if facts.business_use_ended is not None:
        review.append(REVIEW_USE_ENDED)
    line37 = min(facts.adjusted_basis, facts.fair_market_value)
    rate = rate_for_year(params, facts.first_business_use, tax_year, facts.business_use_ended)
    items = improvement_items(facts, params, tax_year, line7_fraction, quantum)
    return part3(line37, facts.land_value, line7_fraction, rate, items, quantum, tuple(review))


# ------------------------------------------------------------------------------------------ history ledger


@dataclass(frozen=True, slots=True)
class LedgerRow:
    year: int
    recovery_year: int
    method: str  # "actual" | "simplified" | "none"
    business_basis: Decimal
    rate: Decimal  # percent
    allowable: Decimal  # what the table gives (zero in simplified years: deemed zero)
    allowed: Decimal  # what was claimed, if known; else the allowable amount

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "recovery_year": self.recovery_year,
            "method": self.method,
            "business_basis": str(self.business_basis),
            "rate": str(self.rate),
            "allowable": str(self.allowable),
            "allowed": str(self.allowed),
        }


def depreciation_ledger(
    facts: DepreciationFacts,
    params: Params,
    through_year: int,
    default_business_fraction: Decimal,
    quantum: Decimal = DOLLAR,
) -> list[LedgerRow]:
    """Depreciation allowed or allowable for each year from first business use through `through_year`.

    Basis falls by depreciation allowed OR allowable (Pub 587), so a year without a claim still counts. A
    simplified-method year is deemed zero (Rev. Proc. 2013-13). The MACRS table does not change by year, so
    the table of `params` serves every year. Depreciation computed but carried over on line 44 and never
    deducted is not distinguished here (an open question, RULES.md §4)."""
    history = {h.year: h for h in facts.history}
    simplified = set(facts.simplified_years)
    line37 = min(facts.adjusted_basis, facts.fair_market_value)
    building = floor_zero(line37 - facts.land_value)
    rows = []
    for year in range(facts.first_business_use.year, through_year + 1):
        h = history.get(year)
        method = "simplified" if year in simplified else (h.method if h else "actual")
        fraction = h.business_fraction if h and h.business_fraction is not None else default_business_fraction
        basis = round_money(building * fraction, quantum)
        ended = facts.business_use_ended if year == through_year else None
        rate = rate_for_year(params, facts.first_business_use, year, ended)
        raw = basis * rate / HUNDRED
        for imp in facts.improvements:
            if imp.placed_in_service.year <= year:
                imp_fraction = fraction if imp.business_fraction is None else imp.business_fraction
                imp_basis = round_money(imp.cost * imp_fraction, quantum)
                raw += imp_basis * rate_for_year(params, imp.placed_in_service, year, ended) / HUNDRED
        allowable = ZERO if method in ("simplified", "none") else round_money(raw, quantum)
        allowed = h.depreciation_claimed if h and h.depreciation_claimed is not None else allowable
        rows.append(
            LedgerRow(
                year, recovery_year(facts.first_business_use, year), method, basis, rate, allowable, allowed
            )
        )
    return rows


def total_depreciation(rows: list[LedgerRow], *, allowed: bool = False) -> Decimal:
    """Sum of allowable (default) or allowed depreciation: the basis reduction for a sale."""
    return sum((r.allowed if allowed else r.allowable for r in rows), ZERO)


# -------------------------------------------------------------------------------------------- sale of home


@dataclass(frozen=True, slots=True)
class SaleEstimate:
    gain: Decimal
    unrecaptured_1250_gain: Decimal  # recognized, taxed at up to 25 %
    excludable_gain: (
        Decimal  # §121 exclusion (before the $250,000 / $500,000 limit, which is applied if given)
    )
    other_taxable_gain: Decimal

    def to_dict(self) -> dict:
        return {k: str(getattr(self, k)) for k in self.__slots__}


def sale_estimate(
    gain: Decimal,
    depreciation_after_may_6_1997: Decimal,
    *,
    section121_eligible: bool = True,
    exclusion_limit: Decimal | None = None,
) -> SaleEstimate:
    """Pub 523: for an office inside the dwelling no gain allocation is needed, but depreciation after
    May 6, 1997 cannot be excluded and is recognized as unrecaptured §1250 gain (up to the gain)."""
    gain = floor_zero(gain)
    recapture = min(gain, floor_zero(depreciation_after_may_6_1997))
    rest = gain - recapture
    if not section121_eligible:
        return SaleEstimate(gain, recapture, ZERO, rest)
    excludable = rest if exclusion_limit is None else min(rest, exclusion_limit)
    return SaleEstimate(gain, recapture, excludable, rest - excludable)

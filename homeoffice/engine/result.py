"""compute(case) -> Result: eligibility verdict, Form 8829 per home, simplified method, comparison,
where each amount goes, carryovers, notes. Nothing downstream recomputes a number."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from decimal import Decimal

from . import eligibility
from .actual import HomeActual, compute_home, home_days_in_year
from .area import allowable_by_business, business_share
from .compare import Comparison, compare
from .errors import InputError
from .facts import Business, Carryover, Case, Home, canonical_hash
from .fastinit import quick_init
from .internet import (
    EMPLOYEE_NOTHING,
    INTERNET_WHERE_BY_SCHEDULE,
    NO_1400_DEDUCTION,
    USE_EXPENSE_WHERE,
    UseExpense,
    business_part,
)
from .money import CENT, DOLLAR, ONE, ROUNDING_POLICY, ROUNDING_POLICY_CENTS, ZERO, round_money
from .params import Params, load_params
from .simplified import SimplifiedUse, simplified_method
from .worksheet import Worksheet

ENGINE_VERSION = "2"  # 2: Schedule A side and tax estimate in the result (issue #13)
WHERE = {
    "C": "Schedule C, line 30",
    "F": "Schedule F, line 32 (write “Business Use of Home” on the dotted line)",
    "partner": "Schedule E, Part II (unreimbursed partnership expenses)",
}


@dataclass(frozen=True, slots=True)
class Note:
    kind: str  # "internet" | "provisional_year" | "review" | "unverified" | "info"
    text: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class ReportLine:
    business: str
    schedule: str
    line: str  # where it goes, e.g. "Schedule C, line 30"
    amount: Decimal
    method: str  # "actual" | "simplified" | "internet" | "second_phone_line" | "casualty"
    home: str | None = None
    business_name: str = ""  # what the person called the business; the id when they gave no name

    def to_dict(self) -> dict:
        return {
            "business": self.business,
            "business_name": self.business_name or self.business,
            "schedule": self.schedule,
            "line": self.line,
            "amount": str(self.amount),
            "method": self.method,
            "home": self.home,
        }


@dataclass(frozen=True, slots=True)
class HomeResult:
    home: str
    actual: HomeActual | None
    allocation: tuple[tuple[str, Decimal], ...]  # line 36 split among businesses
    simplified: tuple[SimplifiedUse, ...]
    method: str  # chosen method for this home
    carryover_next_year: Carryover
    carryover_frozen: bool

    def to_dict(self) -> dict:
        a = self.actual
        return {
            "home": self.home,
            "method": self.method,
            "form": a.form if a else None,
            "actual": None
            if a is None
            else {
                "worksheet": a.worksheet.to_dict(),
                "line11": a.line11.to_dict() if a.line11 else None,
                "improvements": a.improvements.to_dict() if a.improvements else None,
                "deduction": str(a.deduction),
                "notes": list(a.notes),
            },
            "allocation": [{"business": b, "amount": str(v)} for b, v in self.allocation],
            "simplified": [
                {
                    "business": s.business,
                    "worksheet": s.worksheet.to_dict(),
                    "area": s.area.to_dict(),
                    "daycare": s.daycare.to_dict() if s.daycare else None,
                }
                for s in self.simplified
            ],
            "carryover_next_year": {
                "operating": str(self.carryover_next_year.operating),
                "excess_casualty_and_depreciation": str(
                    self.carryover_next_year.excess_casualty_and_depreciation
                ),
                "frozen": self.carryover_frozen,
            },
        }


@quick_init  # built for every case: see fastinit.py
@dataclass(frozen=True)
class Result:
    tax_year: int
    input_sha256: str
    params: Params
    rounding: str
    verdict: object  # eligibility.Verdict
    computed: bool
    homes: tuple[HomeResult, ...]
    comparison: Comparison | None
    report: tuple[ReportLine, ...]
    other_expenses: tuple[UseExpense, ...]
    notes: tuple[Note, ...]
    # The validated case, kept for the Schedule A side and the tax estimate (built on first access: batch
    # computation rarely needs them, and compute() must stay fast).
    case: Case | None = dataclasses.field(default=None, compare=False, repr=False)

    @functools.cached_property
    def schedule_a(self) -> dict:
        """Schedule A under each method for itemizers; for standard-deduction filers, what itemizing would give
        (issue #13). {} when nothing is computed."""
        if not self.computed or self.comparison is None or self.case is None:
            return {}
        from .schedule_a import schedule_a
        from .taxsaved import SCHEDULE_STATUS

        case = self.case
        facts = self.comparison.facts
        status = SCHEDULE_STATUS.get(case.filing_status, case.filing_status)
        standard = self.params.values.get(f"standard_deduction_{status}")
        if case.deduction != "itemize":
            full = schedule_a(case, self, self.params, {h.id for h in case.homes}, ZERO, "none")
            return {"itemize": False, "if_itemized": full, "standard_deduction": standard and standard.value}
        out: dict = {"itemize": True, "standard_deduction": standard and standard.value}
        for name, option in (("actual", facts["all_actual"]), ("simplified", facts["best_simplified"])):
            homes = {option.simplified_home} if option.simplified_home else set()
            out[name] = schedule_a(case, self, self.params, homes, option.total, name)
        out["chosen"] = out["actual" if self.comparison.chosen.simplified_home is None else "simplified"]
        return out

    @functools.cached_property
    def tax_estimate(self):
        from .taxsaved import estimate, unavailable

        if self.case is None:
            return unavailable(self.tax_year, "the case is not available")
        return estimate(self.case, self)

    def schedule_a_dict(self) -> dict | None:
        sa = self.schedule_a
        if not sa:
            return None
        out = {"itemize": sa["itemize"]}
        std = sa.get("standard_deduction")
        out["standard_deduction"] = None if std is None else str(std)
        for key in ("actual", "simplified", "chosen", "if_itemized"):
            if key in sa:
                out[key] = sa[key].to_dict()
        from .schedule_a import itemizer_note, standard_note

        if sa["itemize"]:
            out["note"] = itemizer_note(sa["chosen"])
        else:
            out["note"] = standard_note(sa["if_itemized"], std)
        return out

    @property
    def rounding_policy(self) -> str:
        return ROUNDING_POLICY_CENTS if self.rounding == "cents" else ROUNDING_POLICY

    @property
    def provisional(self) -> bool:
        return self.params.provisional

    @property
    def total_deduction(self) -> Decimal:
        return sum((r.amount for r in self.report if r.method in ("actual", "simplified")), ZERO)

    def worksheets(self) -> list[Worksheet]:
        """Every worksheet of the chosen method, in print order (for the PDF)."""
        out = []
        for h in self.homes:
            if h.method == "actual" and h.actual:
                out += [w for w in (h.actual.worksheet, h.actual.line11, h.actual.improvements) if w]
            elif h.method == "simplified":
                for s in h.simplified:
                    out += [w for w in (s.worksheet, s.area, s.daycare) if w]
        return out

    def to_dict(self) -> dict:
        return {
            "engine_version": ENGINE_VERSION,
            "tax_year": self.tax_year,
            "input_sha256": self.input_sha256,
            "parameters": self.params.to_dict(),
            "rounding": self.rounding,
            "rounding_policy": self.rounding_policy,
            "verdict": self.verdict.to_dict(),
            "computed": self.computed,
            "total_deduction": str(self.total_deduction) if self.computed else None,
            "homes": [h.to_dict() for h in self.homes],
            "comparison": self.comparison.to_dict() if self.comparison else None,
            "report": [r.to_dict() for r in self.report],
            "other_expenses": [e.to_dict() for e in self.other_expenses],
            "carryovers_next_year": {
                h.home: {
                    "operating": str(h.carryover_next_year.operating),
                    "excess_casualty_and_depreciation": str(
                        h.carryover_next_year.excess_casualty_and_depreciation
                    ),
                    "frozen": h.carryover_frozen,
                }
                for h in self.homes
            },
            "notes": [n.to_dict() for n in self.notes],
            "schedule_a": self.schedule_a_dict(),
            "tax_estimate": self.tax_estimate.to_dict() if self.computed else None,
        }


# -------------------------------------------------------------------------------------------------- compute


def _businesses_of(home: Home) -> list[str]:
    seen: list[str] = []
    for space in home.spaces:
        for bid, share in space.business_shares:
            if share > 0 and bid not in seen:
                seen.append(bid)
    return seen


def _home_fraction(case: Case, business: Business, home: Home, homes_using: list[Home]) -> Decimal:
    """Share of a business's income earned while using `home` (i8829 line 8: income while in that home)."""
    if len(homes_using) == 1:
        return ONE
    income = dict(business.income_by_home)
    if income:
        total = sum(income.values(), ZERO)
        return income.get(home.id, ZERO) / total if total > 0 else ZERO
    days = sum(h.business_use.days for h in homes_using)
    return Decimal(home.business_use.days) / days


def _internet_expenses(case: Case, quantum: Decimal) -> tuple[UseExpense, ...]:
    if case.internet is None and case.second_phone_line is None:
        return ()
    out = []
    first_c = next((b.id for b in case.businesses if b.schedule == "C"), case.businesses[0].id)
    for item in ("internet", "second_phone_line"):
        share = getattr(case, item)
        if share is None:
            continue
        bid = share.business or first_c
        where = USE_EXPENSE_WHERE[case.business(bid).schedule]
        out.append(UseExpense(item, bid, business_part(share, quantum), where))
    return tuple(out)


def _line8_base(b: Business, line25: Decimal) -> Decimal:
    """Schedule C line 29 + gain from home use − loss not from home (i8829 line 8; SMW line 1 steps A-E)."""
    if b.schedule != "C":
        # Pub 587 worksheet: gross income on line 4, non-home expenses subtracted on line 11.
        return (
            b.gross_income - b.expenses_not_from_home - line25 + b.gain_from_home_use - b.loss_not_from_home
        )
    profit = b.tentative_profit
    if profit is None:
        profit = b.gross_income - b.expenses_not_from_home - line25
    return profit + b.gain_from_home_use - b.loss_not_from_home


def _allocate(
    total: Decimal, weights: list[tuple[str, Decimal]], quantum: Decimal
) -> tuple[tuple[str, Decimal], ...]:
    """Split `total` by weights, rounding each share and giving the remainder to the last, so parts add up."""
    if len(weights) == 1:
        # One business takes the whole amount (what the loop below gives for a single weight).
        return ((weights[0][0], total),)
    wsum = sum((w for _, w in weights), ZERO)
    out = []
    remaining = total
    for i, (bid, w) in enumerate(weights):
        if i == len(weights) - 1:
            part = remaining
        else:
            part = round_money(total * w / wsum, quantum) if wsum > 0 else ZERO
            remaining -= part
        out.append((bid, part))
    return tuple(out)


def _simplified_for_home(
    case: Case,
    home: Home,
    params: Params,
    bases: dict[str, Decimal],
    fractions: dict,
    quantum: Decimal,
    bids: list[str],
    business_by_id,
) -> tuple[SimplifiedUse, ...]:
    """`bids`: _businesses_of(home); `business_by_id`: case.business, as compute() already has them."""
    max_area = params["simplified_max_area"]
    allowable = allowable_by_business(
        home,
        case.tax_year,
        bids,
        max_area=max_area,
        min_days=params.derived("simplified_min_days", lambda: int(params["simplified_min_days_in_month"])),
    )
    uses = []
    # Most homes have no daycare space: skip the per-business daycare tests (and their sums) outright.
    daycare = any(s.use == "daycare" for s in home.spaces)
    if daycare:
        # No daycare rate reduction when at least 300 sq ft are used regularly and exclusively for daycare.
        exclusive_daycare = sum((s.own_area for s in home.spaces if s.use == "daycare_exclusive"), ZERO)
    for i, bid in enumerate(bids):
        business = business_by_id(bid)
        daycare_hours = None
        uses_nonexclusive = daycare and any(
            s.use == "daycare" and business_share(s, bid) > 0 for s in home.spaces
        )
        if uses_nonexclusive and exclusive_daycare < max_area:
            days = home.daycare.days_available or home.business_use.days
            available = (
                params["hours_in_year"] if days == home_days_in_year(case.tax_year) else Decimal(24 * days)
            )
            daycare_hours = (home.daycare.hours_used, available)
        uses.append(
            simplified_method(
                tax_year=case.tax_year,
                params=params,
                gross_income_limit=round_money(bases[bid] * fractions[(bid, home.id)], quantum),
                monthly=allowable[bid],
                daycare_hours=daycare_hours,
                frozen=home.carryover_in if i == 0 else None,
                home_id=home.id,
                business_id=bid,
                where=WHERE[business.schedule],
                quantum=quantum,
            )
        )
    return tuple(uses)


# Notes whose text never varies: built once (Note is frozen, so results can share them).
_NOTE_NO_1400 = Note("internet", NO_1400_DEDUCTION)
_NOTE_EMPLOYEE_NOTHING = Note("internet", EMPLOYEE_NOTHING)
_NOTE_INTERNET_WHERE = {k: Note("internet", text) for k, text in INTERNET_WHERE_BY_SCHEDULE.items()}


@functools.lru_cache(maxsize=4096)
def _assess(facts, tax_year: int, employee_rule: str):
    # The verdict is a pure function of frozen, hashable answers; batches repeat the same answers often.
    return eligibility.assess(facts, tax_year, employee_rule)


def compute(case: Case) -> Result:
    params = load_params(case.tax_year)
    quantum = CENT if case.rounding == "cents" else DOLLAR
    verdict = _assess(case.eligibility, case.tax_year, params["employee_home_office"])
    notes: list[Note] = []
    if params.provisional:
        notes.append(
            Note("provisional_year", f"Tax year {case.tax_year} is provisional: {params.provisional_reason}")
        )
    employee = getattr(case.eligibility, "role", None) == "employee"
    other = () if employee else _internet_expenses(case, quantum)
    if case.internet is not None or case.second_phone_line is not None:
        notes.append(_NOTE_NO_1400)
        if employee:
            notes.append(_NOTE_EMPLOYEE_NOTHING)
        else:  # one note per schedule the internet or phone line belongs to
            schedules = dict.fromkeys(case.business(e.business).schedule for e in other)
            notes.extend(_NOTE_INTERNET_WHERE[k] for k in schedules)
    digest = case.input_sha256 or canonical_hash(case.raw or {})
    if verdict.status == "qualifies":
        # Several businesses in one space: every use must qualify on its own, or none does (Pub 587, More
        # Than One Trade or Business; the Tracy White example).
        for b in case.businesses:
            if b.eligibility is None:
                continue
            own = _assess(b.eligibility, case.tax_year, params["employee_home_office"])
            if own.status != "qualifies":
                verdict = own
                notes.append(
                    Note(
                        "info",
                        f"The use of the space by {b.name} does not qualify on its own, so no deduction is "
                        "allowed for the space for any business (Pub 587, More Than One Trade or Business).",
                    )
                )
                break
    computed = verdict.status == "qualifies"
    if not computed:
        return Result(
            case.tax_year, digest, params, case.rounding, verdict, False, (), None, (), (), tuple(notes), case
        )

    line25_by_business: dict[str, Decimal] = {}
    for e in other:
        line25_by_business[e.business] = line25_by_business.get(e.business, ZERO) + e.amount
    bases = {
        b.id: _line8_base(b, ZERO if b.tentative_profit is not None else line25_by_business.get(b.id, ZERO))
        for b in case.businesses
    }

    # compute() needs each home's businesses three times and looks businesses up by id about ten times per
    # case: both are worked out once here (case.business() scans the tuple on every call).
    bids_by_home = [_businesses_of(home) for home in case.homes]
    by_id: dict[str, Business] = {}
    for b in case.businesses:
        by_id.setdefault(b.id, b)  # the first business with an id, as case.business() returns
    business = by_id.__getitem__  # raises KeyError(id) for an unknown id, as case.business() does

    homes_of: dict[str, list[Home]] = {b.id: [] for b in case.businesses}
    for home, bids in zip(case.homes, bids_by_home, strict=True):
        for bid in bids:
            homes_of[bid].append(home)
    fractions = {}
    for b in case.businesses:
        for home in homes_of[b.id]:
            fractions[(b.id, home.id)] = _home_fraction(case, b, home, homes_of[b.id])
        if len(homes_of[b.id]) > 1 and not b.income_by_home:
            notes.append(
                Note(
                    "info",
                    f"Income of {b.name} was split between homes by days of business use; if you know the income "
                    "actually earned while using each home, give it: it is line 8 of each home's form (i8829).",
                )
            )

    actual_by_home: dict[str, HomeActual] = {}
    allocations: dict[str, tuple[tuple[str, Decimal], ...]] = {}
    simplified_by_home: dict[str, tuple[SimplifiedUse, ...]] = {}
    review: list[str] = []
    for hi, home in enumerate(case.homes):
        bids = bids_by_home[hi]
        schedules = {business(b).schedule for b in bids}
        if len(schedules) > 1 and "C" in schedules:
            raise InputError(
                f"homes[{hi}].spaces",
                "a home used both by a Schedule C business and by a farm or partnership is not supported",
            )
        form = "8829" if "C" in schedules else "p587"
        line8 = ZERO  # the sum, left to right, as sum(..., ZERO) would add it
        for b in bids:
            line8 += bases[b] * fractions[(b, home.id)]
        line8 = round_money(line8, quantum)
        p587 = (ZERO, ZERO)
        if form == "p587":
            gross = sum((business(b).gross_income * fractions[(b, home.id)] for b in bids), ZERO)
            gross = round_money(gross, quantum)
            p587 = (gross, gross - line8)
        ha = compute_home(case, home, params, line8, quantum=quantum, form=form, p587_income=p587)
        actual_by_home[home.id] = ha
        for r in ha.review:
            if r not in review:
                review.append(r)
        if home.line36_allocation:
            weights = list(home.line36_allocation)
        elif len(bids) == 1:
            weights = [(bids[0], None)]  # a single business takes all of line 36: no weight needed
        else:
            weights = [(b, sum((s.own_area * business_share(s, b) for s in home.spaces), ZERO)) for b in bids]
        allocations[home.id] = _allocate(ha.deduction, weights, quantum)
        simplified_by_home[home.id] = _simplified_for_home(
            case, home, params, bases, fractions, quantum, bids, business
        )

    def dep_allowed(ha: HomeActual) -> Decimal:
        v = ha.values
        if not v.get("42"):
            return ZERO
        # Tier 3 allows excess casualty losses first and depreciation (with its carryover) last:
        # max(ZERO, line33 - min(line29, line33)), with min/max written inline (same values, fewer calls).
        line29, line33 = v["29"], v["33"]
        allowed = line33 - (line29 if line29 <= line33 else line33)
        return allowed if allowed > ZERO else ZERO

    comparison = compare(
        method=case.method,
        simplified_home=case.simplified_home,
        actual={h: a.deduction for h, a in actual_by_home.items()},
        simplified={h: sum([u.amount for u in uses], ZERO) for h, uses in simplified_by_home.items()},
        carryovers_in={
            h.id: h.carryover_in.operating + h.carryover_in.excess_casualty_and_depreciation
            for h in case.homes
        },
        carryovers_out={h: a.values["43"] + a.values["44"] for h, a in actual_by_home.items()},
        depreciation={h: dep_allowed(a) for h, a in actual_by_home.items()},
    )

    homes = []
    report: list[ReportLine] = []
    for home in case.homes:
        simplified_here = comparison.chosen.simplified_home == home.id
        ha = actual_by_home[home.id]
        if simplified_here:
            carry, frozen = home.carryover_in, True
            for use in simplified_by_home[home.id]:
                b = business(use.business)
                report.append(
                    ReportLine(
                        b.id,
                        b.schedule,
                        WHERE[b.schedule],
                        use.amount,
                        "simplified",
                        home.id,
                        b.name,
                    )
                )
        else:
            carry, frozen = ha.carryover_out, False
            for bid, amount in allocations[home.id]:
                b = business(bid)
                report.append(
                    ReportLine(bid, b.schedule, WHERE[b.schedule], amount, "actual", home.id, b.name)
                )
            if ha.values["35"] > 0:
                first = allocations[home.id][0][0]
                report.append(
                    ReportLine(
                        first,
                        business(first).schedule,
                        "Form 4684, line 27 (“See Form 8829”)",
                        ha.values["35"],
                        "casualty",
                        home.id,
                        business(first).name,
                    )
                )
        homes.append(
            HomeResult(
                home=home.id,
                actual=ha,
                allocation=allocations[home.id],
                simplified=simplified_by_home[home.id],
                method="simplified" if simplified_here else "actual",
                carryover_next_year=carry,
                carryover_frozen=frozen,
            )
        )
    for e in other:
        b = business(e.business)
        report.append(ReportLine(b.id, b.schedule, e.where, e.amount, e.item, business_name=b.name))

    for text in review:
        notes.append(Note("review", text))
    notes.extend(_unverified_notes(case, params))
    return Result(
        case.tax_year,
        digest,
        params,
        case.rounding,
        verdict,
        True,
        tuple(homes),
        comparison,
        tuple(report),
        other,
        tuple(notes),
        case,
    )


def _unverified_notes(case: Case, params: Params) -> tuple[Note, ...]:
    daycare = any(h.daycare is not None for h in case.homes)
    itemize = case.deduction == "itemize"

    def build() -> tuple[Note, ...]:
        used = []
        if daycare:
            used.append("hours_in_year")
        if itemize:
            used += ["salt_cap", "salt_cap_mfs", "salt_phase_down_threshold", "salt_phase_down_threshold_mfs"]
        return tuple(
            Note(
                "unverified",
                f"Parameter {p.key} = {p.value} for {params.tax_year} is not verified: {p.source}",
            )
            for p in params.unverified(used)
        )

    # Four possible texts per year: written once, then shared (Note is frozen).
    return params.derived(("unverified_notes", daycare, itemize), build)

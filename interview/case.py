"""Saved answers -> the engine's case format (docs/case-format.md), and the engine's verdict and result.

`build_case(tax_return) -> dict` and `compute_result(tax_return)` are used by the summary page and by the PDF
view; keep those names. Only answers of ACTIVE steps, and only fields the step's form currently shows, are
used: an answer hidden by a later change stays saved but never reaches the engine.

No tax is computed here: amounts are passed through as the decimal strings the forms stored. The only
arithmetic is turning the interview's units into the case format's (monthly internet cost × 12, purchase
price + earlier improvements = adjusted basis, rooms -> an equal-rooms area), each commented below.
"""

from __future__ import annotations

import calendar
import copy
import json
import threading
from collections import OrderedDict
from decimal import Decimal

from interview import engine_api, multi, questions
from interview import steps as S
from interview.fields import MONTH, YEAR, yearly
from interview.forms import FORMS, IMPROVEMENT_ROWS

BUSINESS_ID = "business"
HOME_ID = "home"
SPACE_ID = "office"
SCHEDULE_BY_ROLE = {"self_employed": "C", "statutory_employee": "C", "farmer": "F", "partner": "partner"}

# EligibilityFacts field -> (step, field) it is read from: the `case` column of the question table.
ELIGIBILITY_SOURCES = questions.eligibility_sources()
# The step where each eligibility question is asked (for "change this answer" links).
STEP_OF_FIELD = {f: srcs[0][0] for f, srcs in ELIGIBILITY_SOURCES.items()}


class CaseIncomplete(Exception):
    """The return has unanswered steps; no case can be built yet."""

    def __init__(self, step: str):
        self.step = step
        super().__init__(f"step {step!r} is not answered")


# --- Which answers count ----------------------------------------------------------------------------
def _form(step: str, answers: dict, tax_year: int, data=None):
    return FORMS[step](data=data, answers=answers, tax_year=tax_year, prefix=step)


# Judging the saved answers means building and validating every active step's form (~0.3 ms each, dozens
# per request: the PDF download, the summary and each step page ask it several times). The judgement is a
# pure function of (answers, tax year), so it is kept per process under the answers' canonical JSON: an
# unchanged return costs one json.dumps. Only booleans and field-name sets are kept, never the answers.
_ANALYSES: OrderedDict[tuple[int, str], dict[str, tuple[bool, frozenset[str]]]] = OrderedDict()
_ANALYSES_MAX = 512
_ANALYSES_LOCK = threading.Lock()


def _answers_key(answers: dict, tax_year: int) -> tuple[int, str] | None:
    try:
        return tax_year, json.dumps(answers, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):  # not JSON (only tests build such dicts): judge it afresh
        return None


def _judge_step(step: str, answers: dict, tax_year: int) -> tuple[bool, frozenset[str]]:
    blank = _form(step, answers, tax_year)
    stored = answers.get(step)
    complete = isinstance(stored, dict) and (
        _form(step, answers, tax_year, data=blank.data_from_storage(stored)).is_valid()
    )
    return complete, frozenset(blank.fields)


def _analysis(answers: dict, tax_year: int) -> dict[str, tuple[bool, frozenset[str]]]:
    """{active step: (complete, names of the fields its form shows now)}, in step order."""
    key = _answers_key(answers, tax_year)
    if key is not None:
        with _ANALYSES_LOCK:
            found = _ANALYSES.get(key)
            if found is not None:
                _ANALYSES.move_to_end(key)
                return found
    judged = {step: _judge_step(step, answers, tax_year) for step in S.active_names(answers)}
    if key is not None:
        with _ANALYSES_LOCK:
            _ANALYSES[key] = judged
            while len(_ANALYSES) > _ANALYSES_MAX:
                _ANALYSES.popitem(last=False)
    return judged


def step_analysis(answers: dict, tax_year: int) -> dict[str, tuple[bool, frozenset[str]]]:
    """{active step: (complete, fields shown)}: the public name of the judgement above."""
    return _analysis(answers, tax_year)


def step_is_complete(step: str, answers: dict, tax_year: int) -> bool:
    """Saved, and still valid against the current form (an earlier change can add a required question)."""
    judged = _analysis(answers, tax_year).get(step)
    if judged is None:  # not an active step: judge it on its own
        judged = _judge_step(step, answers, tax_year)
    return judged[0]


def effective_answers(answers: dict, tax_year: int) -> dict:
    """{step: {field: value}} for active steps, limited to the fields each form shows now."""
    out = {}
    for step, (_complete, shown) in _analysis(answers, tax_year).items():
        stored = answers.get(step)
        if isinstance(stored, dict):
            out[step] = {k: v for k, v in stored.items() if k in shown}
    return out


def first_unanswered(answers: dict, tax_year: int) -> str | None:
    for step, (complete, _shown) in _analysis(answers, tax_year).items():
        if not complete:
            return step
    return None


# --- Eligibility ------------------------------------------------------------------------------------
def eligibility_facts(answers: dict, tax_year: int) -> dict:
    """EligibilityFacts as a dict from the active answers; unanswered questions are None."""
    eff = effective_answers(answers, tax_year)
    facts = {}
    for name, sources in ELIGIBILITY_SOURCES.items():
        facts[name] = None
        for step, field in sources:
            v = eff.get(step, {}).get(field)
            if v is not None:
                facts[name] = v
                break
    return facts


def verdict_for(answers: dict, tax_year: int):
    return engine_api.assess(tax_year, eligibility_facts(answers, tax_year))


def knocked_out(verdict) -> bool:
    return verdict.status in ("does_not_qualify", "refer")


def deciding_step(answers: dict, tax_year: int) -> str | None:
    """The first step whose answers (with the ones before it) rule the deduction out or refer it."""
    so_far: dict = {}
    for step in S.active_names(answers):
        if step in answers:
            so_far[step] = answers[step]
        if knocked_out(verdict_for(so_far, tax_year)):
            return step
    return None


def status_for(tax_year: int, answers: dict) -> str:
    from interview.models import TaxReturn

    verdict = verdict_for(answers, tax_year)
    if verdict.status == "does_not_qualify":
        return TaxReturn.Status.NOT_ELIGIBLE
    if verdict.status == "refer":
        return TaxReturn.Status.REFER
    if first_unanswered(answers, tax_year) is None:
        return TaxReturn.Status.COMPLETE
    return TaxReturn.Status.IN_PROGRESS


# --- The case ---------------------------------------------------------------------------------------
def _money(v) -> str:
    return "0" if v in (None, "") else str(v)


def _has(v) -> bool:
    return v not in (None, "") and Decimal(str(v)) != 0


def _month_range(tax_year: int, first: int, last: int) -> dict:
    end_day = calendar.monthrange(tax_year, last)[1]
    return {"start": f"{tax_year}-{first:02d}-01", "end": f"{tax_year}-{last:02d}-{end_day:02d}"}


def _per_year(a, step: str, field: str, default: str) -> str | None:
    """An amount given per month or per year (its "<field>_per" answer) as the year's amount."""
    d = yearly(a(step, field), a(step, f"{field}_per"), default)
    return None if d is None else format(d, "f")


def _annual(monthly) -> str:
    # Interview asks a monthly bill; the case format wants the annual cost: 12 × monthly, exact in Decimal.
    return format(Decimal(str(monthly)) * 12, "f")


def _expense(direct, indirect, daycare=False):
    """One expense line. `daycare`: the business space is a daycare area not used exclusively, so a direct
    expense goes in as `direct_daycare` (the engine multiplies it by line 6; Pub 587, Mary Lake)."""
    if not _has(direct) and not _has(indirect):
        return None
    if not _has(direct):
        return _money(indirect)
    item = {"direct_daycare" if daycare else "direct": _money(direct)}
    if _has(indirect):
        item["indirect"] = _money(indirect)
    return item


def _sum(*values) -> str | None:
    present = [Decimal(str(v)) for v in values if _has(v)]
    return format(sum(present), "f") if present else None


def build_case(tax_return) -> dict:
    """The case dict for the engine. Raises CaseIncomplete naming the first unanswered step.

    Built once per request (issue #14): the summary, the advisor, the ledger and the PDF of one request all
    read the same return object, which keeps the case under the key of the answers it was built from (a
    changed answer is a new key). Each caller gets its own copy to read or change."""
    key = _answers_key(tax_return.answers or {}, tax_return.tax_year)
    memo = getattr(tax_return, "_case_memo", None)
    if key is not None and memo is not None and memo[0] == key:
        return copy.deepcopy(memo[1])
    case = _build_case(tax_return)
    if key is not None:
        tax_return._case_memo = (key, copy.deepcopy(case))
    return case


def _build_case(tax_return) -> dict:
    answers, year = tax_return.answers or {}, tax_return.tax_year
    missing = first_unanswered(answers, year)
    if missing is not None:
        raise CaseIncomplete(missing)
    eff = effective_answers(answers, year)
    verdict = verdict_for(answers, year)

    def a(step, field, default=None):
        v = eff.get(step, {}).get(field)
        return default if v is None else v

    role = a("work", "role")
    deduction = a("deduction", "deduction", "standard")
    case: dict = {
        "schema_version": 1,
        "tax_year": year,
        "filing_status": a("deduction", "filing_status", "single"),
        "deduction": deduction,
        "method": "auto",
        "eligibility": eligibility_facts(answers, year),
    }

    business = {
        "id": BUSINESS_ID,
        "name": (a("work", "business_description") or "Business")[:120],
        "schedule": SCHEDULE_BY_ROLE.get(role, "C"),
        "gross_income": _money(a("income", "gross_income")),
        "expenses_not_from_home": _money(a("income", "expenses_not_from_home")),
    }
    if a("income", "tentative_profit") is not None:
        business["tentative_profit"] = str(a("income", "tentative_profit"))
    case["businesses"] = [business]

    # Space use: the engine's verdict says which exception (if any) qualified the space.
    basis = verdict.qualifying_basis
    if basis == "storage":
        use = "inventory_storage"
    elif basis == "daycare":
        use = "daycare_exclusive" if a("space", "exclusive_use") else "daycare"
    else:
        use = "regular_exclusive"

    office_area = Decimal(str(a("office", "office_area")))
    if S.uses_rooms(answers):
        # Rooms method (Pub 587: rooms of about the same size): business % = office rooms / total rooms.
        # The case wants areas, so the home's area is taken as total rooms × (office sq ft / office rooms);
        # then office area / home area = office rooms / total rooms, and the office keeps its real square
        # feet for the simplified method.
        rooms = Decimal(a("office", "office_rooms"))
        total_area = (office_area * Decimal(a("home", "total_rooms")) / rooms).quantize(Decimal("0.01"))
        total_area = max(total_area, office_area)
    else:
        total_area = Decimal(str(a("home", "total_area")))

    space: dict = {"id": SPACE_ID, "area": format(office_area, "f"), "use": use, "business": BUSINESS_ID}
    if a("office", "office_whole_period") is False:
        space["periods"] = [
            _month_range(year, a("office", "office_first_month"), a("office", "office_last_month"))
        ]
    if a("office", "shared") is True:
        space["shared_area"] = str(a("office", "shared_area"))
        if a("office", "shared_percentage") is not None:
            space["shared_percentage"] = str(a("office", "shared_percentage"))

    owner = S.is_owner(answers)
    home: dict = {
        "id": HOME_ID,
        "ownership": "own" if owner else "rent",
        "total_area": format(total_area, "f"),
        "spaces": [space],
    }
    if S.home_part_year(answers):
        home["business_use"] = _month_range(year, a("home", "first_month"), a("home", "last_month"))
        home["expenses_cover"] = a("expenses", "expenses_cover", "business_period")
    if use == "daycare":
        if a("daycare_hours", "hours_used") is not None:
            home["daycare"] = {"hours_used": str(a("daycare_hours", "hours_used"))}
        else:
            home["daycare"] = {
                "schedule": [
                    {
                        "days": a("daycare_hours", "days_used"),
                        "hours_per_day": str(a("daycare_hours", "hours_per_day")),
                    }
                ]
            }

    if owner:
        if _has(a("expenses", "mortgage_interest")):
            mortgage = {"paid": _money(a("expenses", "mortgage_interest"))}
            if a("expenses", "mortgage_interest_deductible") is not None:
                mortgage["deductible_if_itemizing"] = _money(a("expenses", "mortgage_interest_deductible"))
            elif deduction == "itemize" and "salt" in eff and _has(a("salt", "mortgage_loan_balance")):
                # Issue #13: the debt limit from the average balance (asked only when it can matter).
                mortgage["loan_balance"] = _money(a("salt", "mortgage_loan_balance"))
                mortgage["grandfathered"] = a("salt", "mortgage_grandfathered") is True
            home["mortgage_interest"] = mortgage
        if _has(a("expenses", "real_estate_taxes")):
            home["real_estate_taxes"] = _money(a("expenses", "real_estate_taxes"))
    daycare = use == "daycare"  # not exclusive: direct expenses of the daycare area x line 6
    expenses = {
        "insurance": _expense(None, a("expenses", "insurance")),
        "rent": _expense(None, _per_year(a, "expenses", "rent", YEAR)) if not owner else None,
        "utilities": _expense(
            a("expenses", "utilities_direct"), _per_year(a, "expenses", "utilities", YEAR), daycare
        ),
        "repairs": _expense(a("expenses", "repairs_direct"), a("expenses", "repairs"), daycare),
        # Security system monitoring has no line of its own: Form 8829 line 22, other expenses.
        "other": _expense(
            a("expenses", "other_direct"), _sum(a("expenses", "other"), a("expenses", "security")), daycare
        ),
    }
    # Casualty losses: the whole-home loss deductible on Schedule A anyway (federally declared disaster) is
    # line 9(b); the engine moves it to line 29 for a standard-deduction filer. The business part of other
    # casualty losses is line 29 as entered. Line 35 carries the casualty part to Form 4684.
    expenses["casualty_losses"] = _expense(None, a("expenses", "casualty_loss"))
    expenses = {k: v for k, v in expenses.items() if v is not None}
    if _has(a("expenses", "casualty_loss_excess")):
        expenses["excess_casualty_losses"] = _money(a("expenses", "casualty_loss_excess"))
    if expenses:
        home["expenses"] = expenses

    if owner and "depreciation" in eff:
        dep: dict = {
            "first_business_use": f"{a('depreciation', 'first_use_year'):04d}-{a('depreciation', 'first_use_month'):02d}",
            # Adjusted basis including land = cost + improvements made before business use began.
            "adjusted_basis": _sum(
                a("depreciation", "purchase_price"), a("depreciation", "improvements_before")
            )
            or "0",
            "fair_market_value": _money(a("depreciation", "fmv_at_first_use")),
            "land_value": _money(a("depreciation", "land_value")),
        }
        if a("depreciation", "depreciation_claimed") is not None:
            dep["depreciation_claimed"] = _money(a("depreciation", "depreciation_claimed"))
        if a("depreciation", "depreciation_history"):
            # Year-by-year record carried by "Start next year from this one": one ledger row per year.
            dep["history"] = [dict(row) for row in a("depreciation", "depreciation_history")]
        if a("depreciation", "simplified_years"):
            dep["simplified_years"] = [int(y) for y in str(a("depreciation", "simplified_years")).split(",")]
        # Improvements after business use began: one entry per filled-in row (up to five), in row order.
        improvements = [
            {
                "description": a("depreciation", description)
                or ("Improvement" if n == 1 else f"Improvement {n}"),
                "cost": _money(a("depreciation", cost)),
                "placed_in_service": f"{a('depreciation', year_name):04d}-{a('depreciation', month_name):02d}",
            }
            for n, (description, cost, month_name, year_name) in enumerate(IMPROVEMENT_ROWS, start=1)
            if a("depreciation", cost) is not None
        ]
        if improvements:
            dep["improvements"] = improvements
        home["depreciation"] = dep

    if _has(a("carryovers", "carryover_operating")) or _has(a("carryovers", "carryover_excess")):
        home["carryover_in"] = {
            "operating": _money(a("carryovers", "carryover_operating")),
            "excess_casualty_and_depreciation": _money(a("carryovers", "carryover_excess")),
        }
    case["homes"] = [home]

    if deduction == "itemize" and "salt" in eff:
        salt = {
            k: _money(a("salt", k))
            for k in ("state_local_income_or_sales_tax", "other_real_estate_taxes", "personal_property_taxes")
        }
        if a("salt", "magi") is not None:
            salt["magi"] = str(a("salt", "magi"))
        case["salt"] = salt

    if _has(a("phone_internet", "internet_monthly")):
        case["internet"] = {
            "annual_cost": _per_year(a, "phone_internet", "internet_monthly", MONTH),
            "business_use_percentage": str(a("phone_internet", "internet_business_pct")),
            "business": BUSINESS_ID,
        }
    if _has(a("phone_internet", "phone_monthly")):
        case["second_phone_line"] = {
            "annual_cost": _annual(a("phone_internet", "phone_monthly")),
            "business_use_percentage": str(a("phone_internet", "phone_business_pct")),
            "business": BUSINESS_ID,
        }
    # Issue #13: optional answers that sharpen the estimate of the tax each method saves.
    tax = {
        k: _money(a("deduction", f"tax_{k}"))
        for k in ("other_income", "w2_wages", "other_itemized")
        if a("deduction", f"tax_{k}") is not None
    }
    if deduction != "itemize":
        tax.pop("other_itemized", None)
    if tax:
        case["tax"] = tax
    # Issue #6: a second business in the same space, and the other home of a year with a move.
    multi.add_second_business(case, eff)
    multi.add_second_home(case, eff, year)
    return case


def compute_result(tax_return):
    """The engine's Result for this return with the recommended method (the one that saves more tax over this
    year and next, issue #13); raises CaseIncomplete, or the engine's InputError. Decided once per request and
    answers, like the case (issue #14; the Result is read-only)."""
    key = _answers_key(tax_return.answers or {}, tax_return.tax_year)
    memo = getattr(tax_return, "_result_memo", None)
    if key is not None and memo is not None and memo[0] == key:
        return memo[1]
    case = build_case(tax_return)
    engine_api.case_from_dict(case)  # validates first: the engine's InputError names the field
    result, _ = engine_api.decide(case)
    if key is not None:
        tax_return._result_memo = (key, result)
    return result

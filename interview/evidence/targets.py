"""What a file can support: a fixed vocabulary of Form 8829 lines and interview questions (pure Python).

Each target names the line(s) it backs, the interview step where the figure is entered (to link back), the
kind of record Pub 587 ("Records You Should Keep") expects, and when it applies to a return: a line the person
left blank or zero needs no receipt, so the "lacks evidence" list names only lines that carry an amount.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from interview import steps


def _answered(answers: dict, step: str, *fields: str) -> bool:
    """The step is asked for these answers and at least one of the fields holds a non-zero amount."""
    if step not in steps.active_names(answers):
        return False
    for field in fields:
        raw = steps.value(answers, step, field)
        if raw in (None, ""):
            continue
        try:
            if Decimal(str(raw)) != 0:
                return True
        except InvalidOperation:
            return True  # something is there; it needs its record whatever its shape
    return False


def _always(_answers: dict) -> bool:
    return True


@dataclass(frozen=True)
class Target:
    key: str
    label: str  # what the line or question is, as the index and the pages name it
    lines: str  # where the figure goes on Form 8829 (Schedule C filers), e.g. "Form 8829 lines 1–2"
    records: str  # what to attach
    step: str  # the interview step where the figure is entered
    applies: Callable[[dict], bool] = _always
    # Farmers and partners use the Pub 587 worksheet, not Form 8829 (RULES.md §1.1): the same line there,
    # numbered as homeoffice/engine/actual.py P587_MAP does; by schedule where the line is not on either.
    p587: str = ""
    by_schedule: tuple[tuple[str, str], ...] = ()


TARGETS: tuple[Target, ...] = (
    Target(
        "area",
        "Area of the office and of the home",
        "Form 8829 lines 1–2",
        "A floor plan or your measurements of the office and the whole home",
        "office",
        p587="Pub 587 worksheet lines 1–2",
    ),
    Target(
        "exclusive_use",
        "Regular and exclusive use of the space",
        "Form 8829 line 1 (the space qualifies)",
        "Photos of the office showing it is used only for business",
        "space",
        p587="Pub 587 worksheet line 1 (the space qualifies)",
    ),
    Target(
        "casualty_loss",
        "Casualty losses",
        "Form 8829 line 9",
        "Insurance claim, repair bills, appraisal",
        "expenses",
        lambda a: _answered(a, "expenses", "casualty_loss", "casualty_loss_excess"),
        p587="Pub 587 worksheet line 5",
    ),
    Target(
        "mortgage_interest",
        "Mortgage interest",
        "Form 8829 lines 10 and 16",
        "Form 1098 or the lender's annual statement",
        "expenses",
        lambda a: _answered(a, "expenses", "mortgage_interest"),
        p587="Pub 587 worksheet lines 6 and 14",
    ),
    Target(
        "real_estate_taxes",
        "Real estate taxes",
        "Form 8829 lines 11 and 17",
        "Property tax bills and proof of payment",
        "expenses",
        lambda a: _answered(a, "expenses", "real_estate_taxes"),
        p587="Pub 587 worksheet lines 7 and 14x",
    ),
    Target(
        "insurance",
        "Insurance",
        "Form 8829 line 18",
        "Homeowner's or renter's insurance statement",
        "expenses",
        lambda a: _answered(a, "expenses", "insurance"),
        p587="Pub 587 worksheet line 15",
    ),
    Target(
        "rent",
        "Rent",
        "Form 8829 line 19",
        "Lease and rent receipts or bank statements",
        "expenses",
        lambda a: _answered(a, "expenses", "rent"),
        p587="Pub 587 worksheet line 16",
    ),
    Target(
        "repairs",
        "Repairs and maintenance",
        "Form 8829 line 20",
        "Invoices and receipts",
        "expenses",
        lambda a: _answered(a, "expenses", "repairs", "repairs_direct"),
        p587="Pub 587 worksheet line 17",
    ),
    Target(
        "utilities",
        "Utilities",
        "Form 8829 line 21",
        "Electricity, gas, water and trash bills",
        "expenses",
        lambda a: _answered(a, "expenses", "utilities", "utilities_direct"),
        p587="Pub 587 worksheet line 18",
    ),
    Target(
        "other_expenses",
        "Other expenses (including security monitoring)",
        "Form 8829 line 22",
        "Bills and receipts",
        "expenses",
        lambda a: _answered(a, "expenses", "other", "other_direct", "security"),
        p587="Pub 587 worksheet line 19",
    ),
    Target(
        "phone_internet",
        "Internet and second phone line",
        "Schedule C line 25",
        "Monthly bills",
        "phone_internet",
        lambda a: _answered(a, "phone_internet", "internet_monthly", "phone_monthly"),
        by_schedule=(
            ("F", "Schedule F (a farm expense)"),
            ("partner", "Schedule E (unreimbursed partnership expense)"),
        ),
    ),
    Target(
        "home_basis",
        "Cost of the home and value of the land",
        "Form 8829 lines 37–38 (depreciation)",
        "The closing statement (settlement statement) and the land value from the assessment",
        "depreciation",
        lambda a: _answered(a, "depreciation", "purchase_price", "fmv_at_first_use"),
        p587="Pub 587 worksheet lines 34–35 (depreciation)",
    ),
    Target(
        "improvements",
        "Improvements to the home",
        "Form 8829 line 37 and Part III (depreciation)",
        "Invoices for each improvement and proof of payment",
        "depreciation",
        lambda a: _answered(a, "depreciation", "improvements_before", "improvement_cost"),
        p587="Pub 587 worksheet line 34 (depreciation)",
    ),
)
BY_KEY = {t.key: t for t in TARGETS}
CHOICES = [(t.key, f"{t.label} — {t.lines}") for t in TARGETS]


def schedule(answers: dict) -> str:
    from interview.case import SCHEDULE_BY_ROLE

    return SCHEDULE_BY_ROLE.get(steps.role(answers if isinstance(answers, dict) else {}), "C")


def lines_for(target: Target, answers: dict) -> str:
    """Where this return reports the line: Form 8829 for Schedule C, the Pub 587 worksheet otherwise."""
    sched = schedule(answers)
    if sched == "C":
        return target.lines
    return dict(target.by_schedule).get(sched) or target.p587 or target.lines


def choices_for(answers: dict) -> list[tuple[str, str]]:
    return [(t.key, f"{t.label} — {lines_for(t, answers)}") for t in TARGETS]


# The steps that link to the evidence page, and which targets each step's link preselects.
FOR_STEP = {t.step: [u.key for u in TARGETS if u.step == t.step] for t in TARGETS} | {"home": ["area"]}


def applicable(answers: dict) -> list[Target]:
    """The targets this return needs evidence for, in form order."""
    answers = answers if isinstance(answers, dict) else {}
    return [t for t in TARGETS if t.applies(answers)]

"""The interview graph: step names in order, the section each belongs to, and when each is asked.

Pure Python on the saved answers (a dict: step name -> {field: value}); no Django, no wizard storage. Every
condition reads only the answers of steps that are always asked or are guarded by the same condition, so
conditions never recurse (formtools #220/#264/#266) and the list of active steps is always computable.
A step hidden by a later change keeps its saved answers; they are simply not part of the active steps, so
neither the review page nor the case built for the engine uses them.
"""

from collections.abc import Callable
from dataclasses import dataclass

# The engine's own rule for which licence statuses count (Pub 587, Daycare Facility): the flow reads it rather
# than keep a copy that could drift (issue #14).
from homeoffice.engine.eligibility import DAYCARE_LICENSE_OK

# Titles are marked for the catalog here and said in the page's language where shown (`|say`, issue #18):
# this module stays free of Django.
from homeoffice.engine.i18n import Text, gettext_noop

SECTIONS = {
    1: gettext_noop("You and your work"),
    2: gettext_noop("How the space is used"),
    3: gettext_noop("The home"),
    4: gettext_noop("The office"),
    5: gettext_noop("Expenses"),
    6: gettext_noop("Owning the home"),
    7: gettext_noop("Carryovers and your deduction"),
}
SECTION_COUNT = len(SECTIONS)

STORAGE_TEST_FIELDS = (
    "sells_products_wholesale_or_retail",
    "stores_inventory_or_samples",
    "home_only_fixed_location",
    "storage_space_separately_identifiable",
)


def value(answers: dict, step: str, field: str):
    step_answers = answers.get(step)
    if not isinstance(step_answers, dict):
        return None
    return step_answers.get(field)


def role(answers: dict):
    return value(answers, "work", "role")


def space_type(answers: dict):
    return value(answers, "space", "space_type")


def is_employee(answers: dict) -> bool:
    return role(answers) == "employee"


def not_employee(answers: dict) -> bool:
    return role(answers) != "employee"


def uses_other_job_space(answers: dict) -> bool:
    return not_employee(answers) and value(answers, "space", "also_used_for_employee_work") is True


def is_storage(answers: dict) -> bool:
    return space_type(answers) == "storage"


def is_daycare(answers: dict) -> bool:
    return space_type(answers) == "daycare"


def storage_exception_failed(answers: dict) -> bool:
    """Any of the five storage tests answered "no" (Pub 587, Storage of inventory or product samples)."""
    if not is_storage(answers):
        return False
    tests = [value(answers, "storage", f) for f in STORAGE_TEST_FIELDS]
    return any(t is False for t in tests) or value(answers, "space", "regular_use") is False


def daycare_exception_failed(answers: dict) -> bool:
    """Care not for a qualifying group, no licence (or rejected/revoked), or no regular use."""
    if not is_daycare(answers):
        return False
    return (
        value(answers, "daycare", "daycare_qualifying_care") is False
        or value(answers, "daycare", "daycare_license_status") not in (None, *DAYCARE_LICENSE_OK)
        or value(answers, "space", "regular_use") is False
    )


def needs_place_tests(answers: dict) -> bool:
    """The general route (principal place of business, clients, separate structure) applies."""
    return (
        space_type(answers) == "office"
        or storage_exception_failed(answers)
        or daycare_exception_failed(answers)
    )


def needs_daycare_hours(answers: dict) -> bool:
    """Daycare space also used personally: the hours fraction applies (Form 8829 lines 4-6)."""
    return (
        is_daycare(answers)
        and value(answers, "space", "exclusive_use") is False
        and not daycare_exception_failed(answers)
    )


def is_owner(answers: dict) -> bool:
    return value(answers, "home", "ownership") == "own"


def itemizes(answers: dict) -> bool:
    return value(answers, "deduction", "deduction") == "itemize"


def uses_rooms(answers: dict) -> bool:
    return value(answers, "home", "measure") == "rooms"


def home_part_year(answers: dict) -> bool:
    return value(answers, "home", "whole_year") is False


def moved(answers: dict) -> bool:
    """Moved during the year and used the other home for the business too: it is asked as well (issue #6,
    interview/multi.py)."""
    return (
        value(answers, "home", "moved") is True and value(answers, "home", "other_home_for_business") is True
    )


def has_second_business(answers: dict) -> bool:
    """Another business of the same person uses the space (issue #6, interview/multi.py)."""
    return value(answers, "office", "another_business") is True


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    section: int
    condition: Callable[[dict], bool] | None = None

    def applies(self, answers: dict) -> bool:
        return self.condition is None or bool(self.condition(answers))

    @property
    def section_title(self) -> str:
        return SECTIONS[self.section]


STEPS: tuple[Step, ...] = (
    Step("work", gettext_noop("Your work"), 1),
    Step("employee", gettext_noop("Your job"), 1, is_employee),
    Step("income", gettext_noop("Your business income"), 1, not_employee),
    Step("space", gettext_noop("How you use the space"), 2),
    Step("other_job", gettext_noop("Your W-2 job in the same space"), 2, uses_other_job_space),
    Step("storage", gettext_noop("Storing inventory or samples"), 2, is_storage),
    Step("daycare", gettext_noop("Daycare"), 2, is_daycare),
    Step("place", gettext_noop("Where the business is done"), 2, needs_place_tests),
    Step("home", gettext_noop("Your home"), 3),
    Step("second_home", gettext_noop("Your other home this year"), 3, moved),
    Step("office", gettext_noop("The space you use for business"), 4),
    Step("second_business", gettext_noop("Your second business in the same space"), 4, has_second_business),
    Step("daycare_hours", gettext_noop("Hours of daycare use"), 4, needs_daycare_hours),
    Step("expenses", gettext_noop("Home expenses"), 5),
    Step("phone_internet", gettext_noop("Internet and phone"), 5, not_employee),
    Step("depreciation", gettext_noop("Depreciation of your home"), 6, is_owner),
    Step("carryovers", gettext_noop("Amounts carried over from last year"), 7),
    Step("deduction", gettext_noop("Filing status and deduction"), 7),
    Step("salt", gettext_noop("State and local taxes"), 7, itemizes),
)
STEP_NAMES = tuple(s.name for s in STEPS)
BY_NAME = {s.name: s for s in STEPS}


def active_steps(answers: dict) -> list[Step]:
    """The steps asked for these answers, in order."""
    answers = answers if isinstance(answers, dict) else {}
    return [s for s in STEPS if s.applies(answers)]


def active_names(answers: dict) -> list[str]:
    return [s.name for s in active_steps(answers)]


def previous_step(answers: dict, current: str) -> str | None:
    """The active step before `current` (formtools #277: skipped steps are never targets of Back)."""
    names = active_names(answers)
    if current in names:
        i = names.index(current)
        return names[i - 1] if i > 0 else None
    # `current` is not active (an answer changed): go to the last active step that comes before it.
    order = STEP_NAMES.index(current) if current in STEP_NAMES else len(STEP_NAMES)
    earlier = [n for n in names if STEP_NAMES.index(n) < order]
    return earlier[-1] if earlier else None


def next_step(answers: dict, current: str) -> str | None:
    names = active_names(answers)
    order = STEP_NAMES.index(current) if current in STEP_NAMES else -1
    later = [n for n in names if STEP_NAMES.index(n) > order]
    return later[0] if later else None


def progress(answers: dict, step: str) -> dict:
    """Which page of how many, for these answers (issue #14: pages, not sections; N counts only the pages
    that apply, so it can change as answers change). `sections` lists only sections that have such pages."""
    s = BY_NAME[step]
    names = active_names(answers)
    if step not in names:  # shown anyway (a hidden page opened from a link): count it where it would be
        names = [n for n in STEP_NAMES if n in names or n == step]
    page, count = names.index(step) + 1, len(names)
    sections = [(n, t) for n, t in SECTIONS.items() if any(BY_NAME[x].section == n for x in names)]
    return {
        "section": s.section,
        "section_title": s.section_title,
        "page": page,
        "count": count,
        "sections": sections,
        "label": Text("Page {page} of {count}: {section}", page=page, count=count, section=s.section_title),
    }

"""The interview's table of questions (issue #14): one row per question, the single source of its wording.

Each row says where the question is asked (`page`), what kind of answer it takes, its label and hint, why we
ask (with the Pub 587 / IRC citation; the review page and "Why we ask" link the sources on IRS.gov), when it is
shown (`shown_if`: an answer on the same page that reveals it), where it lands in the engine's case (`case`),
whether "Start next year from this one" carries it (`rollover`), and how the review page names it.

The forms (interview.forms), the review page, the rollover and the case mapping (interview.case) are built from
these rows; cross-field rules stay as code in each form's clean(). The engine keeps facts and verdict texts and
knows nothing of this wording. Adding a yes/no question that feeds the engine is one row here plus, in the
engine, the fact it feeds: see docs/decisions/0061-the-question-table.md for the worked example.

Pages not yet in the table (the home, the office, the expenses and the later pages) still declare their fields
in interview/forms.py; they move here one page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from homeoffice.engine import eligibility_text as ET

YES_NO = "yes_no"
CHOICE = "choice"
TEXT = "text"
AREA = "area"  # square feet
WHOLE = "whole"  # a whole number (options: min_value, max_value)
MONTH_OF_YEAR = "month"

CARRY = "carry"  # the answer still applies next year: "Start next year from this one" copies it
ASK = "ask"  # this year's answer only: asked again next year


@dataclass(frozen=True)
class Question:
    key: str  # the field name on its page (the saved answer's key)
    page: str  # the interview step it is asked on (interview.steps)
    kind: str  # YES_NO, CHOICE or TEXT
    label: str
    hint: str = ""
    why: str = ""  # "Why we ask" ...
    cite: str = ""  # ... and its source (Pub 587 section, IRC section, form line)
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    # (key of a question on the same page, the answers that reveal this one): GOV.UK conditional reveal.
    shown_if: tuple[str, tuple] | None = None
    # Where the answer lands in the engine's case: "eligibility.<EligibilityFacts field>" (read through
    # eligibility_sources); None for the home's figures, which interview/case.py places in the home's case.
    case: str | None = None
    rollover: str = CARRY
    review_label: str = ""  # how the review page names it (default: the label)
    options: dict = field(default_factory=dict)  # more arguments for the form field (max_length, ...)


ROLE_CHOICES = (
    ("self_employed", _("Self-employed (sole proprietor or single-member LLC, Schedule C)")),
    ("partner", _("Partner in a partnership (Schedule E)")),
    ("farmer", _("Farmer (Schedule F)")),
    ("statutory_employee", _("Statutory employee (box 13 on your W-2 is checked; Schedule C)")),
    ("employee", _("Employee (a regular W-2 job)")),
)
EMPLOYEE_CATEGORY_CHOICES = (
    ("none", _("None of these")),
    ("performing_artist", _("Qualified performing artist")),
    ("fee_basis_official", _("Fee-basis state or local government official")),
    ("armed_forces_reservist", _("Armed Forces reservist")),
    ("impairment_related", _("Employee with impairment-related work expenses (a disability)")),
)
SPACE_TYPE_CHOICES = (
    ("office", _("An office or workspace")),
    ("storage", _("Storage of inventory or product samples")),
    ("daycare", _("A daycare facility")),
)
LICENSE_CHOICES = (
    ("granted", _("Granted (licensed, certified, registered or approved)")),
    ("application_pending", _("Applied for and waiting")),
    ("exempt", _("Exempt under state law")),
    ("rejected", _("Application rejected")),
    ("revoked", _("Revoked")),
    ("never_applied", _("Never applied")),
)

_CONVENIENCE_LABEL = _(
    "Does your employer require you to work from this space (for the employer's convenience)?"
)
_CONVENIENCE_HINT = _(
    "Yes if your employer provides no suitable workplace or requires you to work at home. No if the employer "
    "provides an office you could use and working at home is your choice, even if it is appropriate and helpful."
)
_RENTS_LABEL = _("Do you rent this part of your home to your employer and work in it as their employee?")
_RENTS_HINT = _("Renting the space to your employer blocks the home office deduction for that space.")
_RENTS_WHY = _("Renting the space to your employer blocks the deduction.")
_STORAGE_WHY = _("One of the five storage tests.")

QUESTIONS: tuple[Question, ...] = (
    # --- work -------------------------------------------------------------------------------------------
    Question(
        "role",
        "work",
        CHOICE,
        _("How do you do the work that uses this space?"),
        hint=_("Choose the one that fits this work."),
        why=_(
            "Who you work for decides whether a home office can be deducted at all and on which form: "
            "self-employed people use Schedule C and Form 8829; partners and farmers use the Pub 587 worksheet; "
            "employees generally get no federal deduction from 2018 on."
        ),
        cite="Pub 587, Who Can Deduct; Where To Deduct",
        choices=ROLE_CHOICES,
        case="eligibility.role",
    ),
    Question(
        "business_description",
        "work",
        TEXT,
        _("What does the business or job do?"),
        hint=_("For example: graphic design, bookkeeping, family daycare. Shown on your worksheet."),
        why=_("We print it on the worksheet so you can tell your returns apart."),
        cite="Pub 587, More Than One Trade or Business",
        options={"max_length": 120},
    ),
    Question(
        "trade_or_business",
        "work",
        YES_NO,
        _("Is the work done in this space a trade or business (a business run for profit, or your job)?"),
        hint=_(
            "Working as an employee counts as a trade or business. Managing your own investments (reading "
            "financial reports, clipping bond coupons) does not, unless you are a broker or dealer; neither does a "
            "hobby."
        ),
        why=_(
            "Only use in connection with a trade or business counts; investing for yourself or a hobby does not."
        ),
        cite="IRC §280A(c)(1); Pub 587, Trade or Business Use",
        case="eligibility.trade_or_business",
    ),
    # Issue #16: printed on the worksheet PDF only (the engine never sees it, so no `case`).
    Question(
        "taxpayer_name",
        "work",
        TEXT,
        _("Your name, as on your tax return"),
        hint=_("Printed at the top of the worksheet PDF, so a tax preparer knows whose it is."),
        why=_(
            "Only for the worksheet: a preparer files the figures under the taxpayer's name. Leave it blank and "
            "the worksheet shows the return's name only."
        ),
        cite="Pub 587, Recordkeeping; Form 8829, Name(s) of proprietor(s)",
        required=False,
        options={"max_length": 120},
    ),
    # --- employee (role: employee) ------------------------------------------------------------------------
    Question(
        "employee_category",
        "employee",
        CHOICE,
        _("Does one of these describe your job?"),
        hint=_("These are the only employees who may still file Form 2106."),
        why=_(
            "From 2018 an employee's unreimbursed job expenses, a home office included, are not deductible, "
            "except for a few groups that still file Form 2106."
        ),
        cite=ET.EMPLOYEE_67G,  # the year's law is chosen by EmployeeForm.adjust_fields
        choices=EMPLOYEE_CATEGORY_CHOICES,
        case="eligibility.employee_category",
    ),
    Question(
        "convenience_of_employer",
        "employee",
        YES_NO,
        _CONVENIENCE_LABEL,
        hint=_CONVENIENCE_HINT,
        why=_("An employee's home office must be for the employer's convenience."),
        cite=ET.CONVENIENCE,
        case="eligibility.convenience_of_employer",
    ),
    Question(
        "rents_space_to_employer",
        "employee",
        YES_NO,
        _RENTS_LABEL,
        hint=_RENTS_HINT,
        why=_RENTS_WHY,
        cite=ET.RENTAL_TO_EMPLOYER,
        case="eligibility.rents_space_to_employer",
    ),
    # --- space ------------------------------------------------------------------------------------------
    Question(
        "space_type",
        "space",
        CHOICE,
        _("What is the space used for?"),
        hint=_(
            "An office or workspace; storage of inventory or product samples; or a daycare facility. Renting "
            "part of your home to others is a rental, not a home office (see Publication 527)."
        ),
        why=_(
            "Storage of inventory and daycare have their own rules: they can qualify without exclusive use."
        ),
        cite=f"{ET.STORAGE}; {ET.DAYCARE}",
        choices=SPACE_TYPE_CHOICES,
        case="eligibility.space_type",
    ),
    Question(
        "regular_use",
        "space",
        YES_NO,
        _("Do you use the space for the business on a regular basis?"),
        hint=_("Incidental or occasional business use is not regular use."),
        why=_("Every home office must be used regularly."),
        cite=ET.REGULAR,
        case="eligibility.regular_use",
    ),
    Question(
        "exclusive_use",
        "space",
        YES_NO,
        _("Is this specific space used only for business, never for personal or family use?"),
        hint=_(
            "It can be a room or a separately identifiable area; no partition is needed. Any personal use, "
            "such as family recreation, fails this test. Use for several businesses is fine."
        ),
        why=_(
            "An office must be used only for business. For daycare, personal use limits the deduction to the "
            "share of hours used for daycare."
        ),
        cite=ET.EXCLUSIVE,
        case="eligibility.exclusive_use",
    ),
    Question(
        "also_used_for_employee_work",
        "space",
        YES_NO,
        _("Do you also use this same space for work as someone's employee (a W-2 job)?"),
        hint=_(
            "Several businesses can share one office, but each use is tested. An employee use of the same "
            "space must be for the convenience of that employer, or no use of the space qualifies."
        ),
        why=_(
            "Each use of a shared office is tested; a W-2 use that fails its tests spoils the whole space."
        ),
        cite=ET.MORE_THAN_ONE_BUSINESS,
        case="eligibility.also_used_for_employee_work",
    ),
    # --- other_job (the same space also used for a W-2 job) ------------------------------------------------
    Question(
        "convenience_of_employer",
        "other_job",
        YES_NO,
        _CONVENIENCE_LABEL,
        hint=_CONVENIENCE_HINT,
        why=_("Pub 587's Tracy White example."),
        cite=ET.MORE_THAN_ONE_BUSINESS,
        case="eligibility.convenience_of_employer",
    ),
    Question(
        "rents_space_to_employer",
        "other_job",
        YES_NO,
        _RENTS_LABEL,
        hint=_RENTS_HINT,
        why=_RENTS_WHY,
        cite=ET.RENTAL_TO_EMPLOYER,
        case="eligibility.rents_space_to_employer",
    ),
    # --- storage: the five tests (regular use is asked on the space page) ---------------------------------
    Question(
        "sells_products_wholesale_or_retail",
        "storage",
        YES_NO,
        _("Is selling products at wholesale or retail your trade or business?"),
        hint=_("For example an online shop or a sales representative who sells to stores."),
        why=_STORAGE_WHY,
        cite=ET.STORAGE,
        case="eligibility.sells_products_wholesale_or_retail",
    ),
    Question(
        "stores_inventory_or_samples",
        "storage",
        YES_NO,
        _("Do you keep inventory or product samples in this space for use in your business?"),
        hint=_("Goods you will sell, or samples you show to customers."),
        why=_STORAGE_WHY,
        cite=ET.STORAGE,
        case="eligibility.stores_inventory_or_samples",
    ),
    Question(
        "home_only_fixed_location",
        "storage",
        YES_NO,
        _("Is your home the only fixed location of this business?"),
        hint=_("A shop, warehouse, or office you use elsewhere is another fixed location."),
        why=_STORAGE_WHY,
        cite=ET.STORAGE,
        case="eligibility.home_only_fixed_location",
    ),
    Question(
        "storage_space_separately_identifiable",
        "storage",
        YES_NO,
        _("Is the storage area a separately identifiable space suitable for storage?"),
        hint=_("For example, a defined half of the basement. It does not need a wall or partition."),
        why=_STORAGE_WHY,
        cite=ET.STORAGE,
        case="eligibility.storage_space_separately_identifiable",
    ),
    # --- daycare ----------------------------------------------------------------------------------------
    Question(
        "daycare_qualifying_care",
        "daycare",
        YES_NO,
        _(
            "Do you provide daycare for children, people 65 or older, or people who are physically or mentally "
            "unable to care for themselves?"
        ),
        hint=_("Care for other groups (for example pets) is not a daycare facility for this rule."),
        why=_("Only care for these groups is a daycare facility."),
        cite=ET.DAYCARE,
        case="eligibility.daycare_qualifying_care",
    ),
    Question(
        "daycare_license_status",
        "daycare",
        CHOICE,
        _("What is the status of your daycare license, certification, registration, or approval?"),
        hint=_("A rejected application or a revoked license does not meet the requirement."),
        why=_("You must have applied for, been granted, or be exempt from the state's licensing."),
        cite=ET.DAYCARE,
        choices=LICENSE_CHOICES,
        case="eligibility.daycare_license_status",
    ),
    # --- place: principal place of business, clients, separate structure ---------------------------------
    Question(
        "home_is_main_work_location",
        "place",
        YES_NO,
        _(
            "Is your home where you do the most important work of this business and spend the most time on it?"
        ),
        hint=_(
            "Compare the relative importance of the activities done at each place where you work and the time "
            "spent at each. If the main work happens at customers' sites or another office, answer no (the next "
            "questions may still qualify the space)."
        ),
        why=_("Relative importance and time spent decide."),
        cite=ET.PPOB,
        case="eligibility.home_is_main_work_location",
    ),
    Question(
        "admin_management_at_home",
        "place",
        YES_NO,
        _("Do you do the administrative or management work of this business in this space?"),
        hint=_(
            "For example: billing customers, clients, or patients; keeping books and records; ordering "
            "supplies; setting up appointments; forwarding orders or writing reports."
        ),
        why=_("Admin work at home can make it your principal place of business."),
        cite=ET.PPOB_ADMIN,
        case="eligibility.admin_management_at_home",
    ),
    Question(
        "substantial_admin_at_other_fixed_location",
        "place",
        YES_NO,
        _(
            "Do you do substantial administrative or management work for this business at another fixed location "
            "(not your home)?"
        ),
        hint=_(
            "These do NOT count as 'yes': others (for example a billing service) do admin work at their own "
            "place; you do admin work in a car or hotel room; you occasionally do minimal admin work at a fixed "
            "location away from home; you do substantial non-admin work elsewhere (for example you serve customers "
            "or patients at another location); or you have suitable space elsewhere but choose to do the admin "
            "work at home."
        ),
        why=_("The admin test fails only if you do substantial admin work at another fixed location."),
        cite=ET.PPOB_ADMIN,
        required=False,  # required by PlaceForm.clean once revealed
        shown_if=("admin_management_at_home", (True,)),
        case="eligibility.substantial_admin_at_other_fixed_location",
    ),
    Question(
        "meets_clients_in_person",
        "place",
        YES_NO,
        _(
            "Do patients, clients, or customers physically come to this space to meet you as a normal part of the "
            "business?"
        ),
        hint=_(
            "The meetings must be substantial and integral to the business (as for doctors, dentists, "
            "attorneys with home offices). Telephone or video calls and occasional meetings do not count."
        ),
        why=_("A place to meet clients qualifies on its own."),
        cite=ET.CLIENTS,
        case="eligibility.meets_clients_in_person",
    ),
    Question(
        "separate_structure",
        "place",
        YES_NO,
        _("Is the space a separate free-standing structure, not attached to your home?"),
        hint=_("For example a studio, workshop, detached garage, barn, or greenhouse used for the business."),
        why=_("A separate free-standing structure qualifies on its own."),
        cite=ET.SEPARATE_STRUCTURE,
        case="eligibility.separate_structure",
    ),
    # --- home -------------------------------------------------------------------------------------------
    Question(
        "ownership",
        "home",
        CHOICE,
        _("Do you own or rent this home?"),
        hint=_("Own includes a home you are buying with a mortgage, a condo or a co-op."),
        why=_("Owners depreciate the home; renters deduct rent."),
        cite="Pub 587, Actual Expenses; Depreciating Your Home",
        choices=(("own", _("Own")), ("rent", _("Rent"))),
    ),
    Question(
        "measure",
        "home",
        CHOICE,
        _("How do you want to measure the business part of the home?"),
        hint=_("Square feet is the usual way. Rooms may be used only if the rooms are about the same size."),
        why=_("The business percentage is the office area divided by the home's area."),
        cite="Pub 587, Business Percentage",
        choices=(
            ("sqft", _("By area in square feet")),
            ("rooms", _("By number of rooms (rooms about the same size)")),
        ),
    ),
    Question(
        "total_area",
        "home",
        AREA,
        _("Total area of the home in square feet"),
        hint=_("For example 1,800."),
        why=_("Form 8829 line 2."),
        cite="Form 8829 line 2; Pub 587, Business Percentage",
        required=False,  # required by HomeForm.clean once revealed
        shown_if=("measure", ("sqft",)),
    ),
    Question(
        "total_rooms",
        "home",
        WHOLE,
        _("Total number of rooms in the home"),
        hint=_("Count all rooms of about the same size."),
        why=_("Rooms may be used if all are about the same size."),
        cite="Pub 587, Business Percentage",
        required=False,
        shown_if=("measure", ("rooms",)),
        options={"min_value": 1, "max_value": 500},
    ),
    Question(
        "whole_year",
        "home",
        YES_NO,
        _("Did you use this home for your business during the whole year?"),
        hint=_("Answer no if you started or stopped the business, or moved, during the year."),
        why=_("Only the part of the year you used the home for business counts."),
        cite="Pub 587, Part-year use",
        rollover=ASK,  # carried only when this year's use ran to December (interview.rollover)
    ),
    Question(
        "first_month",
        "home",
        MONTH_OF_YEAR,
        _("First month you used this home for business"),
        hint=_("The month business use began."),
        why=_("Only the part of the year you used the home for business counts."),
        cite="Pub 587, Part-year use",
        required=False,
        shown_if=("whole_year", (False,)),
        rollover=ASK,
    ),
    Question(
        "last_month",
        "home",
        MONTH_OF_YEAR,
        _("Last month you used this home for business"),
        hint=_("The month business use ended (December if it goes on)."),
        why=_("Only the part of the year you used the home for business counts."),
        cite="Pub 587, Part-year use",
        required=False,
        shown_if=("whole_year", (False,)),
        rollover=ASK,
    ),
    Question(
        "moved",
        "home",
        YES_NO,
        _("Did you move during the year?"),
        hint=_(
            "If you did, answer about the home you describe here; the other home needs its own Form 8829."
        ),
        why=_(
            "Each home used during the year has its own Form 8829. This return covers the home you describe "
            "here, for the months you used it for business."
        ),
        cite="Form 8829 instructions (one form per home)",
        rollover=ASK,
    ),
    Question(
        "other_home_for_business",
        "home",
        YES_NO,
        _("Did you also use the other home for this business during the year?"),
        hint=_("If you did, we ask about the other home next: each home gets its own Form 8829."),
        why=_(
            "Each home used for business during the year has its own Form 8829; they share the year's income."
        ),
        cite="Form 8829 instructions (one form per home); Pub 587, More than one home",
        required=False,
        shown_if=("moved", (True,)),
        rollover=ASK,
    ),
)

PAGES = tuple(dict.fromkeys(q.page for q in QUESTIONS))


def on_page(page: str) -> list[Question]:
    return [q for q in QUESTIONS if q.page == page]


def eligibility_sources() -> dict[str, list[tuple[str, str]]]:
    """{EligibilityFacts field: [(page, key), ...]} in table order: the first answered source is used."""
    sources: dict[str, list[tuple[str, str]]] = {}
    for q in QUESTIONS:
        if q.case and q.case.startswith("eligibility."):
            sources.setdefault(q.case.removeprefix("eligibility."), []).append((q.page, q.key))
    return sources


def carried() -> dict[str, tuple[str, ...]]:
    """{page: keys "Start next year from this one" copies} for the pages in the table."""
    return {page: tuple(q.key for q in on_page(page) if q.rollover == CARRY) for page in PAGES}

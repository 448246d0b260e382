"""Plain-language text and citations for the eligibility engine (eligibility.py).

Kept apart from the decision logic so wording can be reviewed (and later translated) without touching
the tree. Nothing here decides anything: eligibility.py picks which text applies.

Sources: Pub 587 (2013) section names, IRC §280A(c), §62, §67; /work/shared/domain/RULES.md §5–§6.
"""

from .i18n import Text, gettext_noop

# --- Citations -------------------------------------------------------------------------------------
# Pub 587 section titles are the ones printed in the 2013 edition; they are unchanged in later editions
# as far as RULES.md §0 could check.
TRADE_OR_BUSINESS = "IRC §280A(c)(1); Pub 587, Trade or Business Use"
SELF_EMPLOYED = "Pub 587, Where To Deduct — Self-Employed Persons (Schedule C, Form 8829)"
STATUTORY_EMPLOYEE = (
    "IRC §3121(d)(3); Rev. Rul. 90-93 (statutory employees are not employees for §62 and §67); "
    "Schedule C instructions, line 1 (statutory employees)"
)
PARTNER = "Pub 587, Where To Deduct — Partners; Pub 587, Worksheet To Figure the Deduction"
FARMER = "Pub 587, Where To Deduct — Self-Employed Persons (Schedule F); Pub 587, Worksheet To Figure the Deduction"
EMPLOYEE_PRE_2018 = "IRC §67(a)–(b) (2% floor); Pub 587 (2013), Where To Deduct — Employees"
EMPLOYEE_67G = "IRC §67(g) (P.L. 115-97 §11045); IRC §62(a)(2); Form 2106 (who may file)"
EMPLOYEE_67H = "IRC §67(h) as amended by P.L. 119-21 (OBBBA) §70110; IRC §62(a)(2); Form 2106 (who may file)"
PERFORMING_ARTIST = "IRC §62(a)(2)(B), §62(b); Form 2106"
FEE_BASIS_OFFICIAL = "IRC §62(a)(2)(C); Form 2106"
RESERVIST = "IRC §62(a)(2)(E); Form 2106"
IMPAIRMENT = "IRC §67(b)(6), §67(d); Form 2106"
CONVENIENCE = "IRC §280A(c)(1) (employee sentence); Pub 587, Additional tests for employee use"
RENTAL_TO_EMPLOYER = "IRC §280A(c)(6); Pub 587, Rental to employer"
STORAGE = "IRC §280A(c)(2); Pub 587, Storage of inventory or product samples"
DAYCARE = "IRC §280A(c)(4); Pub 587, Daycare Facility"
EXCLUSIVE = "IRC §280A(c)(1); Pub 587, Exclusive Use"
MORE_THAN_ONE_BUSINESS = "IRC §280A(c)(1); Pub 587, More Than One Trade or Business"
REGULAR = "IRC §280A(c)(1); Pub 587, Regular Use"
PPOB = "IRC §280A(c)(1)(A); Pub 587, Principal Place of Business"
PPOB_ADMIN = (
    "IRC §280A(c)(1) (last sentence: administrative or management activities); "
    "Pub 587, Principal Place of Business"
)
CLIENTS = "IRC §280A(c)(1)(B); Pub 587, Place To Meet Patients, Clients, or Customers"
SEPARATE_STRUCTURE = "IRC §280A(c)(1)(C); Pub 587, Separate Structure"
ACCOUNTABLE_PLAN = "IRC §62(a)(2)(A), §62(c)"
SIMPLIFIED_METHOD = "Rev. Proc. 2013-13; Pub 587, Using the Simplified Method"


# --- The facts, named (issue #14) ---------------------------------------------------------------------
# The engine names its facts for verdict texts ("The answer depends on ..."); the interview's wording of each
# question (label, hint, why we ask) lives in the interview's question table (interview/questions.py).
FACTS: dict[str, str] = {
    "role": "how you do the work (self-employed, partner, farmer, statutory employee or employee)",
    "trade_or_business": "whether the work is a trade or business",
    "employee_category": "whether your job is in a Form 2106 group",
    "convenience_of_employer": "whether the space is for your employer's convenience",
    "rents_space_to_employer": "whether you rent the space to your employer",
    "space_type": "what the space is used for (office, storage or daycare)",
    "sells_products_wholesale_or_retail": "whether selling products at wholesale or retail is the business",
    "stores_inventory_or_samples": "whether the space holds inventory or product samples",
    "home_only_fixed_location": "whether the home is the business's only fixed location",
    "storage_space_separately_identifiable": "whether the storage area is a separately identifiable space",
    "daycare_qualifying_care": "whether the daycare is for a qualifying group",
    "daycare_license_status": "the daycare license status",
    "exclusive_use": "whether the space is used only for business",
    "also_used_for_employee_work": "whether the space is also used for a W-2 job",
    "regular_use": "whether the space is used regularly",
    "home_is_main_work_location": "whether the home is where the most important work is done",
    "admin_management_at_home": "whether administrative or management work is done in the space",
    "substantial_admin_at_other_fixed_location": (
        "whether substantial administrative work is done at another fixed location"
    ),
    "meets_clients_in_person": "whether clients or customers meet you in the space",
    "separate_structure": "whether the space is a separate free-standing structure",
}


# Plain labels for the values of the choice fields, in the order the interview should offer them.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "role": {
        "self_employed": "Self-employed (my own business, Schedule C)",
        "partner": "Partner in a partnership",
        "farmer": "Farmer (Schedule F)",
        "statutory_employee": "Statutory employee (W-2 box 13 'Statutory employee' checked)",
        "employee": "Employee (a regular W-2 job)",
    },
    "employee_category": {
        "none": "None of these",
        "performing_artist": "Qualified performing artist",
        "fee_basis_official": "Fee-basis state or local government official",
        "armed_forces_reservist": "Armed Forces reservist",
        "impairment_related": "Employee with impairment-related work expenses (a disability)",
    },
    "space_type": {
        "office": "An office or other workspace",
        "storage": "Storage of inventory or product samples",
        "daycare": "A daycare facility",
    },
    "daycare_license_status": {
        "granted": "License, certification, registration or approval granted",
        "application_pending": "Applied for, not yet decided",
        "exempt": "Exempt under state law",
        "rejected": "Application rejected",
        "revoked": "License or approval revoked",
        "never_applied": "Never applied and not exempt",
    },
}


# --- Reason texts ----------------------------------------------------------------------------------
def employee_rule_text(employee_rule: str, tax_year: int) -> tuple[str, str]:
    """Why a regular W-2 employee gets no home office deduction for `tax_year`: (text, citation)."""
    if employee_rule == "suspended_67g":
        return (
            Text(
                "For {tax_year}, an employee's unreimbursed job expenses, including a home office, are "
                "miscellaneous itemized deductions, and the law suspends all of them for 2018 through 2025. "
                "So a W-2 employee cannot deduct a home office on the federal return, however the space is used.",
                tax_year=tax_year,
            ),
            EMPLOYEE_67G,
        )
    if employee_rule != "denied_67h":
        raise ValueError(f"no W-2 denial text for employee_rule {employee_rule!r}")
    return (
        Text(
            "For {tax_year}, the law permanently ends miscellaneous itemized deductions (other than educator "
            "expenses) from 2026 on. An employee's unreimbursed home office is one of them, so a W-2 employee "
            "cannot deduct a home office on the federal return, however the space is used.",
            tax_year=tax_year,
        ),
        EMPLOYEE_67H,
    )


def no_1400_internet_deduction(employee_rule: str, tax_year: int, category: str | None = None) -> str:
    """The correction of the viral '$1,400 home office internet deduction' article (RULES.md §6).
    `category`: the employee's Form 2106 group, if any (their job expenses are not simply "not deductible")."""
    law = "IRC §67(g), 2018–2025" if employee_rule == "suspended_67g" else "IRC §67(h), from 2026 on"
    if employee_rule != "allowed_2pct_floor" and category == "armed_forces_reservist":
        why = (
            f"For {tax_year}, unreimbursed employee expenses are not deductible ({law}); the reservists' "
            "exception covers travel to reserve duty more than 100 miles from home, not internet or a home "
            "office (IRC §62(a)(2)(E))."
        )
    elif employee_rule != "allowed_2pct_floor" and category in REFER_GROUPS:
        why = (
            f"For {tax_year}, most employees cannot deduct unreimbursed job expenses ({law}); your group is "
            "an exception under the Form 2106 rules, where the work share of internet may be deductible at "
            "its actual cost — never as a fixed amount. A tax professional can tell you whether yours is."
        )
    elif employee_rule == "allowed_2pct_floor":
        why = (
            f"For {tax_year}, an employee's qualifying home office and job-related internet were "
            "miscellaneous itemized deductions on Schedule A, deductible only above 2% of adjusted gross "
            "income."
        )
    else:
        why = (
            f"For {tax_year}, unreimbursed employee expenses, internet and home office included, are not "
            f"deductible at all ({law})."
        )
    return (
        'There is no "$1,400 home office internet deduction" or internet tax credit: no tax law, IRS form, '
        f"or IRS publication provides one. {why} The only fixed dollar figure for a home office is the "
        "simplified method's $5 per square foot for up to 300 square feet ($1,500 at most), and it is only "
        "for people whose home office qualifies, such as the self-employed."
    )


ACCOUNTABLE_PLAN_TEXT = gettext_noop(
    "Ask your employer to reimburse home office and internet costs under an accountable plan: the "
    "reimbursement is not taxable income to you (IRC §62(a)(2)(A), §62(c))."
)
STATE_RETURN_TEXT = gettext_noop(
    "Some states did not follow the federal suspension of unreimbursed employee expenses; check your "
    "state's rules for the state return."
)
SEPARATE_BUSINESS_TEXT = gettext_noop(
    "If you also run your own business from a space used only for that business, that business may "
    "qualify on its own: start a return for that business and answer that you are self-employed."
)
REFER_TEXT = (
    "People in this group may still deduct a home office as an employee, but the rules are narrow and "
    "fact-specific. We do not compute it; please see a tax professional."
)
MORTGAGE_TAXES_TEXT = gettext_noop(
    "If you itemize, mortgage interest, real estate taxes and casualty losses on the home stay deductible on "
    "Schedule A (subject to the usual limits), whether or not the home office qualifies."
)


ROLE_TEXT: dict[str, tuple[str, str]] = {
    "self_employed": (
        gettext_noop(
            "You are self-employed: a qualifying home office is deducted on Schedule C, figured on Form 8829 "
            "or with the simplified method."
        ),
        SELF_EMPLOYED,
    ),
    "statutory_employee": (
        "As a statutory employee you report this work on Schedule C, not as an employee's itemized "
        "deduction, so the home office rules for the self-employed apply.",
        STATUTORY_EMPLOYEE,
    ),
    "partner": (
        "As a partner you can deduct a qualifying home office used for the partnership's business "
        "(figured with the Pub 587 worksheet), as an unreimbursed partnership expense: only if the "
        "partnership agreement or firm policy expects you to pay it yourself without reimbursement.",
        PARTNER,
    ),
    "farmer": (
        "As a farmer filing Schedule F you can deduct a qualifying home office used in the farming business "
        "(figured with the Pub 587 worksheet).",
        FARMER,
    ),
}

TRADE_MET = gettext_noop("The space is used in connection with a trade or business.")
TRADE_FAIL = gettext_noop(
    "The activity is not a trade or business (for example, managing your own investments or a hobby), "
    "so no home office deduction is allowed for it."
)


def employee_pre_2018_text(tax_year: int) -> str:
    return (
        f"For {tax_year}, an employee could deduct a qualifying home office as a miscellaneous itemized "
        "deduction on Schedule A (only the part above 2% of adjusted gross income), if the extra employee "
        "tests below are also met."
    )


REFER_CATEGORY: dict[str, tuple[str, str]] = {
    "performing_artist": (
        "Qualified performing artists can still deduct job expenses, possibly including a home office, "
        "if they meet income tests and every home office test. " + REFER_TEXT,
        PERFORMING_ARTIST,
    ),
    "fee_basis_official": (
        "Fee-basis state or local government officials can still deduct job expenses, possibly including "
        "a home office, if every home office test is met. " + REFER_TEXT,
        FEE_BASIS_OFFICIAL,
    ),
    "impairment_related": (
        "Employees with a disability can deduct impairment-related work expenses needed to be able to work; "
        "whether a home office counts depends on the facts. " + REFER_TEXT,
        IMPAIRMENT,
    ),
    # RULES.md §5.2 reads §62(a)(2)(E) as travel only, so a home office is unlikely to be deductible; the
    # product still refers every Form 2106 group to a professional rather than deciding for them (0004).
    "armed_forces_reservist": (
        "Armed Forces reservists are one of the Form 2106 groups, but their rule covers travel expenses for "
        "reserve duty more than 100 miles from home; no IRS text we rely on extends it to a home office, so "
        "a deduction is unlikely. We do not compute it; please see a tax professional to confirm.",
        RESERVIST,
    ),
}
# The Form 2106 groups whose job expenses stay deductible (IRC §62(a)(2)(B), (C); §67(b)(6)); the reservists'
# exception reaches travel only.
REFER_GROUPS = tuple(c for c in REFER_CATEGORY if c != "armed_forces_reservist")

CONVENIENCE_MET = "Your work in the space is for your employer's convenience."
CONVENIENCE_FAIL = (
    "Your work at home is not for your employer's convenience (for example, the employer provides an "
    "office and does not require you to work at home). Being appropriate or helpful is not enough, so no "
    "deduction is allowed."
)
CONVENIENCE_MET_OTHER = (
    "You also use the space for a W-2 job, and that use is for your employer's convenience, so it does "
    "not spoil the business use. (The employee share itself is not deductible for 2018 on.)"
)
CONVENIENCE_FAIL_OTHER = (
    "You also use the space for a W-2 job, and that use is not for your employer's convenience. Every "
    "use of a shared office must pass its own tests, so no use of the space qualifies — not even your "
    "own business."
)
RENTAL_MET = "You do not rent the space to your employer."
RENTAL_FAIL = (
    "You rent this part of your home to your employer and work in it as their employee. Business "
    "expenses and depreciation for that space are then not deductible (mortgage interest, real estate "
    "taxes and personal casualty losses stay deductible as usual)."
)

# (pass text, fail text) for each storage test, in Pub 587 order; regular use is test 4.
STORAGE_TESTS: dict[str, tuple[str, str]] = {
    "sells_products_wholesale_or_retail": (
        "You sell products at wholesale or retail as your trade or business.",
        "Selling products at wholesale or retail is not your trade or business.",
    ),
    "stores_inventory_or_samples": (
        "You keep inventory or product samples in the space for use in your business.",
        "The space does not hold inventory or product samples for your business.",
    ),
    "home_only_fixed_location": (
        "Your home is the only fixed location of the business.",
        "Your business has a fixed location other than your home.",
    ),
    "regular_use": (
        "You use the storage space on a regular basis.",
        "You do not use the storage space on a regular basis.",
    ),
    "storage_space_separately_identifiable": (
        "The space is a separately identifiable space suitable for storage.",
        "The space is not a separately identifiable space suitable for storage.",
    ),
}
STORAGE_MET = (
    "All five storage tests are met, so the storage space qualifies even though it is not used only for "
    "business."
)
DAYCARE_TESTS: dict[str, tuple[str, str]] = {
    "daycare_qualifying_care": (
        "You provide daycare for children, people 65 or older, or people unable to care for themselves.",
        "The care you provide is not for children, people 65 or older, or people unable to care for "
        "themselves.",
    ),
    "regular_use": (
        "You use the space for daycare on a regular basis.",
        "You do not use the space for daycare on a regular basis.",
    ),
}
_LICENSE_MET = "You meet the state licensing requirement for a daycare: "
_LICENSE_FAIL = "You do not meet the state licensing requirement for a daycare: "
DAYCARE_LICENSE_TEXT: dict[str, tuple[str, str]] = {
    "granted": (_LICENSE_MET + "your license, certification, registration or approval was granted.", ""),
    "application_pending": (_LICENSE_MET + "you applied and the application has not been rejected.", ""),
    "exempt": (_LICENSE_MET + "you are exempt from it under state law.", ""),
    "rejected": ("", _LICENSE_FAIL + "your application was rejected."),
    "revoked": ("", _LICENSE_FAIL + "your license or other approval was revoked."),
    "never_applied": ("", _LICENSE_FAIL + "you have not applied and are not exempt."),
}
DAYCARE_MET = "The daycare requirements are met, so the space qualifies even if the family also uses it."
DAYCARE_EXCLUSIVE = "The space is used only for daycare, so no time fraction applies."
DAYCARE_NOT_EXCLUSIVE = (
    "The space is also used for personal purposes, so the deduction is limited to the share of time the "
    "space is used for daycare (hours used ÷ hours in the year)."
)
EXCEPTION_MISSED: dict[str, str] = {
    "storage": (
        "So the storage exception does not apply, and the general tests (exclusive and regular use) apply "
        "instead."
    ),
    "daycare": (
        "So the daycare exception does not apply, and the general tests (exclusive and regular use) apply "
        "instead."
    ),
}

EXCLUSIVE_MET = gettext_noop("The space is used only for business, never for personal purposes.")
EXCLUSIVE_FAIL = (
    "The space is also used for personal or family purposes, so it fails the exclusive use test and no "
    "deduction is allowed for it."
)
NO_EMPLOYEE_USE = gettext_noop("The space is not also used for work as someone's employee.")
REGULAR_MET = gettext_noop("You use the space for business on a regular basis.")
REGULAR_FAIL = (
    "The business use of the space is only incidental or occasional, so it fails the regular use test "
    "and no deduction is allowed."
)
STORAGE_FALLBACK = (
    "A storage area that misses the storage exception can still qualify only as a separate free-standing "
    "structure used exclusively and regularly for the business."
)
PPOB_MAIN_MET = gettext_noop(
    "Your home is your principal place of business: the most important work of the business is done, and "
    "most time is spent, there."
)
PPOB_ADMIN_MET = gettext_noop(
    "Your home is your principal place of business: you do the administrative or management work of the "
    "business there, and you have no other fixed location where you do substantial administrative or "
    "management work."
)
PPOB_FAIL_NO_ADMIN = (
    "Your home is not your principal place of business: the main work is done elsewhere and you do not "
    "do the administrative or management work there."
)
PPOB_FAIL_ADMIN_ELSEWHERE = (
    "Your home is not your principal place of business: the main work is done elsewhere and you do "
    "substantial administrative or management work at another fixed location."
)
CLIENTS_MET = gettext_noop(
    "You physically meet patients, clients or customers in the space as a substantial and integral part "
    "of the business; it need not be your principal place of business."
)
CLIENTS_FAIL = (
    "You do not meet patients, clients or customers in person there as a regular part of the business "
    "(calls and occasional meetings do not count)."
)
STRUCTURE_MET = gettext_noop(
    "The space is a separate free-standing structure used in connection with the business; it need not "
    "be your principal place of business."
)
STRUCTURE_FAIL = gettext_noop("The space is not a separate free-standing structure.")

# What would change a "no", keyed by the test that failed first.
WHAT_WOULD_CHANGE: dict[str, str] = {
    "trade_or_business": (
        "Only use of the space for a trade or business counts. Investing for your own account (unless you "
        "are a broker or dealer) or a hobby does not."
    ),
    "employee_rule": (
        "Nothing about the space can change this for a W-2 job. It would be different only if you were in "
        "one of the Form 2106 groups (qualified performing artist, fee-basis state or local official, "
        "impairment-related work expenses), or if the work in the space were your own business rather "
        "than a job."
    ),
    "convenience": (
        "It would change only if your employer required you to work from home, for example because no "
        "suitable office is provided to you; preferring to work at home is not enough."
    ),
    "other_employee_use": (
        "Stop using the space for the W-2 job (use it only for your business) or have that use be required "
        "by your employer; then the business use can be tested on its own."
    ),
    "rental_to_employer": (
        "The deduction is blocked for as long as you rent the space to your employer and work in it as "
        "their employee."
    ),
    "exclusive_use": (
        "Use a specific, separately identifiable area only for business (no partition is needed), with no "
        "personal or family use, and it could then be tested."
    ),
    "regular_use": "Using the space for the business on a regular, not occasional, basis.",
    "qualifying_use": (
        "The space would qualify if it became your principal place of business (for example, by doing the "
        "business's administrative or management work there with no other fixed location for substantial "
        "admin work), if clients came to meet you there as a regular part of the business, or if it were a "
        "separate free-standing structure."
    ),
    "qualifying_use_storage": (
        "Meeting all five storage tests, or keeping the storage in a separate free-standing structure used "
        "only and regularly for the business."
    ),
}
EXCEPTION_CHANGE: dict[str, str] = {
    "storage": "The storage exception would apply if all five storage tests were met.",
    "daycare": (
        "The daycare exception would apply if you care for children, people 65 or older, or people unable "
        "to care for themselves, hold (or have applied for, or are exempt from) the state license, and use "
        "the space regularly."
    ),
}
REFER_CHANGE = (
    "A tax professional can check the rules for your group; if the space also fails a home office test "
    "(for example it is not for your employer's convenience), no deduction is allowed."
)


def incomplete_change(missing: list[str]) -> str:
    asked = "; ".join(FACTS[name] for name in missing)
    return f"The answer depends on questions not answered yet: {asked}"


QUALIFIES_CHANGE: dict[str, str] = {
    "principal_place_of_business": (
        "The space would stop qualifying if it were also used for personal purposes, used only "
        "occasionally, or if substantial administrative work moved to another fixed location while the "
        "main work stays elsewhere."
    ),
    "meets_clients": (
        "The space would stop qualifying if it were also used for personal purposes, or if client meetings "
        "there became only occasional."
    ),
    "separate_structure": (
        "The structure would stop qualifying if it were also used for personal purposes or only "
        "occasionally for the business."
    ),
    "storage": (
        "The space would stop qualifying if any storage test failed, for example if the business opened "
        "another fixed location or the storage use became occasional."
    ),
    "daycare": (
        "The space would stop qualifying if the license were rejected or revoked or daycare use there "
        "became occasional."
    ),
}
DAYCARE_FRACTION_CHANGE = "Using the space only for daycare would remove the time-fraction limit."
METHOD_CHOICE_TEXT = (
    "Each year you can choose actual expenses or the simplified method ($5 per square foot for up to 300 "
    "square feet, at most $1,500)."
)
OTHER_BUSINESS_EXPENSES_TEXT = (
    "Business expenses that are not costs of the home — supplies, equipment, the business share of phone "
    "and internet — can still be deducted as ordinary business expenses."
)

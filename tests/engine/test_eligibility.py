"""Eligibility engine: IRS worked examples E01–E12, behaviour of the tree, and properties."""

import json
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeoffice.engine.eligibility import (
    DAYCARE_LICENSE_STATUSES,
    EMPLOYEE_CATEGORIES,
    QUALIFYING_BASES,
    ROLES,
    SPACE_TYPES,
    STATUSES,
    EligibilityFacts,
    Verdict,
    assess,
)
from homeoffice.engine.eligibility_text import CHOICE_LABELS, FACTS
from homeoffice.engine.errors import InputError

REFERENCE = Path(__file__).resolve().parents[2] / "tests" / "data" / "reference_cases.json"
FIELD_NAMES = [f.name for f in fields(EligibilityFacts)]


def rule_for(year: int) -> str:
    # Mirrors the parameter files' employee_rule; kept here so these tests do not depend on them.
    return "allowed_2pct_floor" if year < 2018 else "suspended_67g" if year <= 2025 else "denied_67h"


def run(facts: EligibilityFacts, year: int = 2025) -> Verdict:
    return assess(facts, year, rule_for(year))


# A self-employed person whose exclusive, regular home office is the principal place of business
# by the administrative/management test. Tests replace() single answers from here.
SOLE_PROP_ADMIN_OFFICE = EligibilityFacts(
    role="self_employed",
    trade_or_business=True,
    space_type="office",
    exclusive_use=True,
    also_used_for_employee_work=False,
    regular_use=True,
    home_is_main_work_location=False,
    admin_management_at_home=True,
    substantial_admin_at_other_fixed_location=False,
)
STORAGE_ALL_FIVE = EligibilityFacts(
    role="self_employed",
    trade_or_business=True,
    space_type="storage",
    sells_products_wholesale_or_retail=True,
    stores_inventory_or_samples=True,
    home_only_fixed_location=True,
    regular_use=True,
    storage_space_separately_identifiable=True,
    exclusive_use=False,
)
LICENSED_DAYCARE = EligibilityFacts(
    role="self_employed",
    trade_or_business=True,
    space_type="daycare",
    daycare_qualifying_care=True,
    daycare_license_status="granted",
    regular_use=True,
    exclusive_use=False,
)


# --- Reference cases E01–E12 -------------------------------------------------------------------------
# The JSON inputs are prose; this table states how each IRS example answers our questions.
_OFFICE = {"role": "self_employed", "trade_or_business": True, "space_type": "office"}
_ONLY_THIS_BUSINESS = {"exclusive_use": True, "also_used_for_employee_work": False, "regular_use": True}
_ADMIN_TEST = {
    "home_is_main_work_location": False,  # most work is at customers' / hospitals' premises
    "admin_management_at_home": True,
    # billing service (E01), hotel rooms (E02), an available but unused hospital office and substantial
    # non-admin work elsewhere (E03) do not count as substantial admin at another fixed location.
    "substantial_admin_at_other_fixed_location": False,
}
CASE_FACTS: dict[str, dict] = {
    "E01_john_plumber": {**_OFFICE, **_ONLY_THIS_BUSINESS, **_ADMIN_TEST},
    "E02_pamela_sales_rep": {**_OFFICE, **_ONLY_THIS_BUSINESS, **_ADMIN_TEST},
    "E03_paul_anesthesiologist": {**_OFFICE, **_ONLY_THIS_BUSINESS, **_ADMIN_TEST},
    "E04_kathleen_teacher": {
        "role": "employee",
        "trade_or_business": True,  # working as an employee is a trade or business
        "convenience_of_employer": False,  # school provides an office, does not require home work
        "rents_space_to_employer": False,
        "space_type": "office",
        "exclusive_use": True,
        "regular_use": True,
        "admin_management_at_home": True,
    },
    "E05_tracy_white_jewelry_only": {
        **_OFFICE,
        **_ONLY_THIS_BUSINESS,
        "home_is_main_work_location": True,  # all jewelry work is done in the home office
    },
    "E06_tracy_white_also_teaching": {
        **_OFFICE,
        "exclusive_use": True,  # no personal use; the question is the teaching use
        "also_used_for_employee_work": True,
        "convenience_of_employer": False,
        "regular_use": True,
        "home_is_main_work_location": True,
    },
    "E07_investor_reading_periodicals": {
        "role": "self_employed",
        "trade_or_business": False,  # own investments, not a broker or dealer
        "space_type": "office",
        "exclusive_use": True,
        "regular_use": True,
    },
    "E08_june_quill_attorney": {
        **_OFFICE,
        **_ONLY_THIS_BUSINESS,
        "home_is_main_work_location": False,  # 3 days a week in the city office
        "meets_clients_in_person": True,
    },
    "E09_john_berry_greenhouse": {
        **_OFFICE,
        **_ONLY_THIS_BUSINESS,
        "home_is_main_work_location": False,  # the floral shop is in town
        "admin_management_at_home": False,
        "meets_clients_in_person": False,
        "separate_structure": True,
    },
    "E10_attorney_den_family_use": {**_OFFICE, "exclusive_use": False, "regular_use": True},
    "E11_mechanics_tools_storage": {
        "role": "self_employed",
        "trade_or_business": True,
        "space_type": "storage",
        "sells_products_wholesale_or_retail": True,
        "stores_inventory_or_samples": True,
        "home_only_fixed_location": True,
        "regular_use": True,
        "storage_space_separately_identifiable": True,
        "exclusive_use": False,  # sometimes used for personal purposes
    },
    "E12_mary_lake_licensed_daycare": {
        "role": "self_employed",
        "trade_or_business": True,
        "space_type": "daycare",
        "daycare_qualifying_care": True,
        "daycare_license_status": "granted",
        "regular_use": True,
        "exclusive_use": False,
    },
}


def _eligibility_cases() -> list[dict]:
    if not REFERENCE.is_file():
        raise FileNotFoundError(f"reference cases not found at {REFERENCE.resolve()}")
    cases = [c for c in json.loads(REFERENCE.read_text())["cases"] if c["category"] == "eligibility"]
    if not cases:
        raise AssertionError(f"no eligibility cases in {REFERENCE.resolve()}")
    return cases


ELIGIBILITY_CASES = _eligibility_cases()


def test_every_reference_eligibility_case_has_a_mapping():
    assert sorted(c["id"] for c in ELIGIBILITY_CASES) == sorted(CASE_FACTS)


@pytest.mark.parametrize("case", ELIGIBILITY_CASES, ids=lambda c: c["id"])
def test_reference_case(case):
    facts = EligibilityFacts.from_dict(CASE_FACTS[case["id"]])
    verdict = assess(facts, case["tax_year"], rule_for(case["tax_year"]))
    assert verdict.status in ("qualifies", "does_not_qualify"), verdict.missing
    assert (verdict.status == "qualifies") is case["expected"]["qualifies"]
    assert verdict.knockout is not case["expected"]["qualifies"]


def test_reference_cases_qualify_on_the_basis_the_irs_gives():
    basis = {
        c["id"]: assess(EligibilityFacts.from_dict(CASE_FACTS[c["id"]]), 2013, "allowed_2pct_floor")
        for c in ELIGIBILITY_CASES
    }
    assert basis["E01_john_plumber"].qualifying_basis == "principal_place_of_business"
    assert basis["E08_june_quill_attorney"].qualifying_basis == "meets_clients"
    assert basis["E09_john_berry_greenhouse"].qualifying_basis == "separate_structure"
    assert basis["E11_mechanics_tools_storage"].qualifying_basis == "storage"
    assert basis["E11_mechanics_tools_storage"].exclusive_required is False
    assert basis["E12_mary_lake_licensed_daycare"].qualifying_basis == "daycare"
    assert basis["E12_mary_lake_licensed_daycare"].daycare_time_fraction_required is True


# --- W-2 employees -----------------------------------------------------------------------------------
def test_w2_employee_2025_is_knocked_out_with_67g_reason_before_space_questions():
    verdict = run(EligibilityFacts(role="employee", employee_category="none"), 2025)
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout is True
    assert verdict.missing == ()
    decisive = [r for r in verdict.reasons if r.decisive]
    assert len(decisive) == 1
    assert "§67(g)" in decisive[0].citation
    assert "2018 through 2025" in decisive[0].text


@pytest.mark.parametrize("year", [2018, 2021, 2025])
def test_w2_employee_2018_to_2025_cites_67g(year):
    verdict = run(replace(SOLE_PROP_ADMIN_OFFICE, role="employee", employee_category="none"), year)
    assert verdict.status == "does_not_qualify"
    assert any("§67(g)" in r.citation and r.decisive for r in verdict.reasons)


@pytest.mark.parametrize("year", [2026, 2027])
def test_w2_employee_2026_cites_67h_and_obbba(year):
    verdict = run(EligibilityFacts(role="employee", employee_category="none"), year)
    assert verdict.status == "does_not_qualify"
    (reason,) = [r for r in verdict.reasons if r.decisive]
    assert "§67(h)" in reason.citation and "OBBBA" in reason.citation
    assert "§67(g)" not in reason.citation


@pytest.mark.parametrize("year", [2013, 2025, 2026])
def test_w2_knockout_says_there_is_no_1400_internet_deduction(year):
    if year < 2018:
        facts = EligibilityFacts(role="employee", convenience_of_employer=False)
    else:
        facts = EligibilityFacts(role="employee", employee_category="none")
    verdict = run(facts, year)
    assert verdict.knockout
    (note,) = [a for a in verdict.alternatives if "$1,400" in a]
    assert "no" in note.lower() and "$1,500" in note
    assert "self-employed" in note
    if year >= 2018:
        assert ("§67(g)" if year <= 2025 else "§67(h)") in note
    assert any("accountable plan" in a for a in verdict.alternatives)


def test_non_employee_verdicts_do_not_carry_the_1400_note():
    assert not any("$1,400" in a for a in run(SOLE_PROP_ADMIN_OFFICE).alternatives)


@pytest.mark.parametrize("category", ["performing_artist", "fee_basis_official", "impairment_related"])
def test_form_2106_categories_that_may_deduct_are_referred(category):
    verdict = run(EligibilityFacts(role="employee", employee_category=category), 2025)
    assert verdict.status == "refer"
    assert verdict.knockout is False
    assert any(r.decisive and "professional" in r.text for r in verdict.reasons)


def test_performing_artist_who_fails_convenience_of_employer_does_not_qualify():
    facts = EligibilityFacts(
        role="employee", employee_category="performing_artist", convenience_of_employer=False
    )
    verdict = run(facts, 2025)
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout


def test_a_reservist_is_referred_to_a_professional_and_told_the_travel_rule_makes_it_unlikely():
    verdict = run(EligibilityFacts(role="employee", employee_category="armed_forces_reservist"), 2025)
    assert verdict.status == "refer"
    decisive = [r for r in verdict.reasons if r.decisive]
    assert any("§62(a)(2)(E)" in r.citation for r in decisive)
    assert any("more than 100 miles" in r.text and "unlikely" in r.text for r in decisive)


def test_2013_employee_meeting_every_test_qualifies_as_2pct_itemized_deduction():
    facts = replace(
        SOLE_PROP_ADMIN_OFFICE,
        role="employee",
        also_used_for_employee_work=None,
        convenience_of_employer=True,
        rents_space_to_employer=False,
    )
    verdict = run(facts, 2013)
    assert verdict.status == "qualifies"
    assert any("2%" in r.text for r in verdict.reasons)


def test_2013_employee_needs_no_form_2106_category():
    verdict = run(EligibilityFacts(role="employee"), 2013)
    assert "employee_category" not in verdict.missing
    assert "convenience_of_employer" in verdict.missing


def test_2013_employee_renting_space_to_employer_does_not_qualify():
    facts = EligibilityFacts(role="employee", convenience_of_employer=True, rents_space_to_employer=True)
    verdict = run(facts, 2013)
    assert verdict.status == "does_not_qualify"
    assert any("§280A(c)(6)" in r.citation for r in verdict.reasons if r.decisive)


def test_statutory_employee_is_treated_like_self_employed():
    verdict = run(replace(SOLE_PROP_ADMIN_OFFICE, role="statutory_employee"), 2025)
    assert verdict.status == "qualifies"
    assert any("Rev. Rul. 90-93" in r.citation for r in verdict.reasons)


@pytest.mark.parametrize("role", ["partner", "farmer", "self_employed"])
def test_partners_farmers_and_self_employed_can_qualify_in_2025_and_2026(role):
    for year in (2025, 2026):
        assert run(replace(SOLE_PROP_ADMIN_OFFICE, role=role), year).status == "qualifies"


# --- More than one use of the same space (Tracy White) ---------------------------------------------
def test_w2_use_of_a_shared_office_failing_convenience_kills_the_business_use_too():
    facts = replace(SOLE_PROP_ADMIN_OFFICE, also_used_for_employee_work=True, convenience_of_employer=False)
    verdict = run(facts, 2025)
    assert verdict.status == "does_not_qualify"
    assert any("More Than One Trade or Business" in r.citation for r in verdict.reasons if r.decisive)


def test_w2_use_of_a_shared_office_for_the_employers_convenience_leaves_the_business_use_intact():
    facts = replace(
        SOLE_PROP_ADMIN_OFFICE,
        also_used_for_employee_work=True,
        convenience_of_employer=True,
        rents_space_to_employer=False,
    )
    assert run(facts, 2025).status == "qualifies"


def test_shared_office_asks_the_employer_tests_for_the_w2_use():
    verdict = run(replace(SOLE_PROP_ADMIN_OFFICE, also_used_for_employee_work=True), 2025)
    assert verdict.status == "incomplete"
    assert verdict.missing == ("convenience_of_employer", "rents_space_to_employer")


# --- Storage and daycare exceptions -----------------------------------------------------------------
STORAGE_TESTS = [
    "sells_products_wholesale_or_retail",
    "stores_inventory_or_samples",
    "home_only_fixed_location",
    "regular_use",
    "storage_space_separately_identifiable",
]


def test_storage_with_all_five_tests_qualifies_without_exclusive_use():
    verdict = run(STORAGE_ALL_FIVE)
    assert verdict.status == "qualifies"
    assert verdict.qualifying_basis == "storage"
    assert verdict.exclusive_required is False


@pytest.mark.parametrize("test_name", STORAGE_TESTS)
def test_storage_needs_all_five_tests(test_name):
    facts = replace(STORAGE_ALL_FIVE, **{test_name: False}, also_used_for_employee_work=False)
    verdict = run(facts)
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout


@pytest.mark.parametrize("test_name", STORAGE_TESTS)
def test_storage_with_one_test_unanswered_is_incomplete_and_asks_for_it(test_name):
    verdict = run(replace(STORAGE_ALL_FIVE, **{test_name: None}))
    assert verdict.status == "incomplete"
    assert verdict.missing == (test_name,)


def test_storage_missing_a_test_can_still_qualify_as_a_separate_structure():
    facts = replace(
        STORAGE_ALL_FIVE,
        home_only_fixed_location=False,
        exclusive_use=True,
        also_used_for_employee_work=False,
        separate_structure=True,
    )
    verdict = run(facts)
    assert verdict.status == "qualifies"
    assert verdict.qualifying_basis == "separate_structure"
    assert verdict.exclusive_required is True


def test_licensed_daycare_used_by_family_needs_the_time_fraction():
    verdict = run(LICENSED_DAYCARE)
    assert verdict.status == "qualifies"
    assert verdict.qualifying_basis == "daycare"
    assert verdict.exclusive_required is False
    assert verdict.daycare_time_fraction_required is True


def test_daycare_used_only_for_daycare_needs_no_time_fraction():
    verdict = run(replace(LICENSED_DAYCARE, exclusive_use=True))
    assert verdict.status == "qualifies"
    assert verdict.daycare_time_fraction_required is False


def test_daycare_asks_about_exclusive_use_for_the_time_fraction():
    verdict = run(replace(LICENSED_DAYCARE, exclusive_use=None))
    assert verdict.status == "incomplete"
    assert verdict.missing == ("exclusive_use",)


@pytest.mark.parametrize("status", ["granted", "application_pending", "exempt"])
def test_daycare_license_granted_pending_or_exempt_meets_the_requirement(status):
    assert run(replace(LICENSED_DAYCARE, daycare_license_status=status)).status == "qualifies"


@pytest.mark.parametrize("status", ["revoked", "rejected", "never_applied"])
def test_revoked_or_rejected_daycare_licence_fails(status):
    facts = replace(LICENSED_DAYCARE, daycare_license_status=status)
    verdict = run(facts)
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout
    decisive = [r for r in verdict.reasons if r.decisive]
    assert any("Daycare Facility" in r.citation for r in decisive)
    assert any("Exclusive Use" in r.citation for r in decisive)


def test_daycare_for_people_outside_the_three_groups_fails():
    verdict = run(replace(LICENSED_DAYCARE, daycare_qualifying_care=False))
    assert verdict.status == "does_not_qualify"


# --- Exclusive, regular, and the three qualifying uses ----------------------------------------------
def test_office_with_personal_use_is_knocked_out_at_exclusive_use():
    verdict = run(EligibilityFacts(space_type="office", exclusive_use=False))
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout
    assert [r.citation for r in verdict.reasons if r.decisive] == ["IRC §280A(c)(1); Pub 587, Exclusive Use"]


def test_personal_use_is_not_a_knockout_before_we_know_it_is_not_storage_or_daycare():
    verdict = run(EligibilityFacts(exclusive_use=False))
    assert verdict.status == "incomplete"
    assert "space_type" in verdict.missing


def test_occasional_use_is_a_knockout_whatever_the_space():
    verdict = run(EligibilityFacts(regular_use=False))
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout


def test_admin_work_at_another_fixed_location_is_not_a_principal_place_of_business():
    facts = replace(SOLE_PROP_ADMIN_OFFICE, substantial_admin_at_other_fixed_location=True)
    verdict = run(facts)
    assert verdict.status == "incomplete"
    assert verdict.missing == ("meets_clients_in_person", "separate_structure")
    verdict = run(replace(facts, meets_clients_in_person=False, separate_structure=False))
    assert verdict.status == "does_not_qualify"
    assert len([r for r in verdict.reasons if r.decisive]) == 3


def test_main_work_location_alone_makes_the_home_the_principal_place_of_business():
    facts = replace(SOLE_PROP_ADMIN_OFFICE, home_is_main_work_location=True, admin_management_at_home=None)
    verdict = run(facts)
    assert verdict.qualifying_basis == "principal_place_of_business"


def test_no_admin_at_home_skips_the_other_fixed_location_question():
    facts = replace(
        SOLE_PROP_ADMIN_OFFICE, admin_management_at_home=False, substantial_admin_at_other_fixed_location=None
    )
    assert "substantial_admin_at_other_fixed_location" not in run(facts).missing


def test_phone_calls_only_do_not_make_it_a_place_to_meet_clients():
    facts = replace(
        SOLE_PROP_ADMIN_OFFICE,
        admin_management_at_home=False,
        meets_clients_in_person=False,
        separate_structure=False,
    )
    verdict = run(facts)
    assert verdict.status == "does_not_qualify"
    assert any("calls" in r.text for r in verdict.reasons)


# --- Partial answers ---------------------------------------------------------------------------------
def test_incomplete_answers_list_what_is_missing():
    verdict = run(EligibilityFacts())
    assert verdict.status == "incomplete"
    assert verdict.knockout is False
    assert verdict.missing == ("role", "trade_or_business", "space_type")
    assert verdict.reasons == ()
    verdict = run(EligibilityFacts(role="employee", trade_or_business=True), 2025)
    assert verdict.missing[0] == "employee_category"
    verdict = run(replace(SOLE_PROP_ADMIN_OFFICE, regular_use=None))
    assert verdict.missing == ("regular_use",)


def test_partial_answers_that_already_knock_out_report_the_knockout():
    verdict = run(EligibilityFacts(trade_or_business=False))
    assert verdict.status == "does_not_qualify"
    assert verdict.knockout
    assert verdict.missing == ()
    assert verdict.what_would_change


def test_every_fact_has_a_name_for_verdict_texts():
    assert set(FACTS) == set(FIELD_NAMES)
    assert all(FACTS[n] for n in FIELD_NAMES)


# --- Contract details --------------------------------------------------------------------------------
def test_unknown_employee_rule_is_a_value_error():
    with pytest.raises(ValueError, match="employee_rule"):
        assess(EligibilityFacts(), 2025, "no_such_rule")


def test_employee_rule_for_the_wrong_year_is_a_value_error():
    with pytest.raises(ValueError, match="2025"):
        assess(EligibilityFacts(), 2025, "allowed_2pct_floor")


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"role": "contractor"}, "eligibility.role"),
        ({"space_type": "garage"}, "eligibility.space_type"),
        ({"employee_category": "teacher"}, "eligibility.employee_category"),
        ({"daycare_license_status": "expired"}, "eligibility.daycare_license_status"),
        ({"exclusive_use": "yes"}, "eligibility.exclusive_use"),
        ({"regular_use": 1}, "eligibility.regular_use"),
        ({"mentioned_internet": True}, "eligibility.mentioned_internet"),
    ],
)
def test_from_dict_rejects_bad_values_with_the_dotted_field_path(data, path):
    with pytest.raises(InputError) as exc:
        EligibilityFacts.from_dict(data)
    assert exc.value.field == path


def test_from_dict_uses_the_callers_path():
    with pytest.raises(InputError) as exc:
        EligibilityFacts.from_dict({"role": "boss"}, path="businesses[1].eligibility")
    assert exc.value.field == "businesses[1].eligibility.role"
    with pytest.raises(InputError):
        EligibilityFacts.from_dict(["role"])


def test_direct_construction_is_validated_too():
    with pytest.raises(InputError):
        EligibilityFacts(role="contractor")


def test_every_field_is_documented_in_the_source():
    source = (Path(__file__).resolve().parents[2] / "homeoffice/engine/eligibility.py").read_text()
    for name in FIELD_NAMES:
        _, _, tail = source.partition(f"\n    {name}: ")
        assert tail, name
        assert tail.split("\n", 2)[1].strip().startswith('"""'), f"{name} has no docstring line"


# --- Properties --------------------------------------------------------------------------------------
_CHOICES = {
    "role": ROLES,
    "employee_category": EMPLOYEE_CATEGORIES,
    "space_type": SPACE_TYPES,
    "daycare_license_status": DAYCARE_LICENSE_STATUSES,
}
facts_strategy = st.builds(
    EligibilityFacts,
    **{
        name: st.sampled_from([None, *_CHOICES[name]])
        if name in _CHOICES
        else st.sampled_from([None, True, False])
        for name in FIELD_NAMES
    },
)
years = st.sampled_from([2013, 2017, 2018, 2020, 2025, 2026, 2030])


@settings(max_examples=1500, deadline=None)
@given(facts=facts_strategy, year=years)
def test_property_assess_is_total_and_consistent(facts, year):
    verdict = run(facts, year)
    assert verdict.status in STATUSES
    assert verdict.knockout == (verdict.status == "does_not_qualify")
    assert (verdict.status == "incomplete") == bool(verdict.missing)
    assert set(verdict.missing) <= set(FIELD_NAMES)
    assert all(r.text and r.citation for r in verdict.reasons)
    assert verdict.what_would_change
    json.dumps(verdict.to_dict())
    if verdict.status != "incomplete":
        assert any(r.decisive for r in verdict.reasons)
    if verdict.status == "qualifies":
        assert verdict.qualifying_basis in QUALIFYING_BASES
        assert facts.regular_use is True
        assert facts.exclusive_use is True or verdict.qualifying_basis in ("storage", "daycare")
        assert facts.trade_or_business is True
    else:
        assert verdict.qualifying_basis is None
    if facts.role == "employee" and year >= 2018 and facts.employee_category == "none":
        assert verdict.status == "does_not_qualify"
    if facts.role == "employee":
        assert any("$1,400" in a for a in verdict.alternatives)


@given(facts=facts_strategy)
def test_property_to_dict_round_trips(facts):
    data = facts.to_dict()
    assert EligibilityFacts.from_dict(json.loads(json.dumps(data))) == facts


@settings(max_examples=400, deadline=None)
@given(facts=facts_strategy, year=years)
def test_property_a_decided_verdict_never_changes_when_more_questions_are_answered(facts, year):
    # The interview stops at a knockout (or a "qualifies"); that is only safe if no later answer
    # could have turned it around.
    verdict = run(facts, year)
    if verdict.status not in ("qualifies", "does_not_qualify"):
        return
    for name in FIELD_NAMES:
        if getattr(facts, name) is not None:
            continue
        for value in _CHOICES.get(name, (True, False)):
            assert run(replace(facts, **{name: value}), year).status == verdict.status, (name, value)


@pytest.mark.parametrize(
    "facts",
    [SOLE_PROP_ADMIN_OFFICE, STORAGE_ALL_FIVE, LICENSED_DAYCARE]
    + [EligibilityFacts.from_dict(d) for d in CASE_FACTS.values()]
    + [EligibilityFacts(role="employee", employee_category=c) for c in EMPLOYEE_CATEGORIES],
)
def test_every_reason_has_a_citation(facts):
    for year in (2013, 2025, 2026):
        for reason in run(facts, year).reasons:
            assert reason.text.strip() and reason.citation.strip()
            assert "IRC" in reason.citation or "Pub 587" in reason.citation or "Form" in reason.citation


def test_every_choice_value_has_a_label():
    for name, choices in _CHOICES.items():
        assert tuple(CHOICE_LABELS[name]) == choices


@pytest.mark.parametrize("category", ["performing_artist", "fee_basis_official", "impairment_related"])
def test_the_internet_correction_does_not_tell_a_form_2106_group_its_job_expenses_are_not_deductible(
    category,
):
    verdict = run(EligibilityFacts(role="employee", employee_category=category), 2026)
    (text,) = [a for a in verdict.alternatives if "$1,400" in a]
    assert "not deductible at all" not in text
    assert "exception under the Form 2106 rules" in text and "never as a fixed amount" in text


def test_the_internet_correction_tells_a_reservist_the_exception_is_travel_only():
    verdict = run(EligibilityFacts(role="employee", employee_category="armed_forces_reservist"), 2025)
    (text,) = [a for a in verdict.alternatives if "$1,400" in a]
    assert "more than 100 miles" in text and "not internet or a home office" in text


def test_the_internet_correction_tells_a_w2_employee_nothing_is_deductible():
    verdict = run(EligibilityFacts(role="employee", employee_category="none"), 2025)
    (text,) = [a for a in verdict.alternatives if "$1,400" in a]
    assert "are not deductible at all (IRC §67(g), 2018–2025)" in text


def test_employee_renting_the_office_to_the_employer_fails_on_280a_c6_before_the_employee_rule():
    """Issue #13: §280A(c)(6) is tested before the year's employee rule, so it is the decisive reason."""
    facts = EligibilityFacts(role="employee", employee_category="none", rents_space_to_employer=True)
    v = run(facts, 2025)
    assert v.status == "does_not_qualify"
    decisive = [r for r in v.reasons if r.decisive]
    assert decisive[0].citation.startswith("IRC §280A(c)(6)")
    assert not any("§67" in r.citation for r in v.reasons)


@pytest.mark.parametrize("year", [2023, 2025, 2026])
def test_employee_and_other_non_qualifying_owners_are_told_schedule_a_still_applies(year):
    employee = run(EligibilityFacts(role="employee", employee_category="none"), year)
    not_exclusive = run(replace(SOLE_PROP_ADMIN_OFFICE, exclusive_use=False), year)
    for v in (employee, not_exclusive):
        assert v.status == "does_not_qualify"
        assert any(
            "mortgage interest, real estate taxes and casualty losses" in a and "Schedule A" in a
            for a in v.alternatives
        )

"""interview.services: the only writer. Versioning, history, idempotence, merges and conflicts."""

import pytest
from django.core.exceptions import ValidationError

from interview import services
from interview.models import AnswerChange, TaxReturn

pytestmark = pytest.mark.django_db

WORK = {"role": "self_employed", "business_description": "Design", "trade_or_business": True}
INCOME = {"gross_income": "50000", "expenses_not_from_home": "1000", "tentative_profit": None}


@pytest.fixture
def tax_return(user):
    return services.create_return(user, 2025, "Studio on Elm St")


def test_create_return_only_for_supported_years_and_with_a_name(user):
    assert services.create_return(user, 2026, "  Studio  ").name == "Studio"
    with pytest.raises(ValidationError):
        services.create_return(user, 2013, "Reference year only")
    with pytest.raises(ValidationError):
        services.create_return(user, 2025, "   ")


def test_save_step_bumps_version_and_records_each_changed_field(tax_return, user):
    saved = services.save_step(tax_return, user, "work", WORK, expected_version=1)
    assert saved.version == 2 and saved.answers["work"] == WORK
    saved = services.save_step(saved, user, "work", {**WORK, "role": "partner"}, expected_version=2)
    assert saved.version == 3
    change = AnswerChange.objects.get(tax_return=tax_return, version=3)
    assert (change.step, change.field, change.old_value, change.new_value) == (
        "work",
        "role",
        "self_employed",
        "partner",
    )
    assert change.user == user and change.at is not None


def test_repeating_an_identical_submit_is_harmless(tax_return, user):
    saved = services.save_step(tax_return, user, "work", WORK, expected_version=1)
    again = services.save_step(saved, user, "work", WORK, expected_version=1)  # double click: stale version
    assert again.version == 2
    assert AnswerChange.objects.filter(tax_return=tax_return).count() == 3


def test_a_stale_submit_that_disagrees_raises_conflict_with_both_values(tax_return, user):
    services.save_step(tax_return, user, "income", INCOME, expected_version=1)  # -> v2
    services.save_step(
        tax_return, user, "income", {**INCOME, "gross_income": "55000"}, expected_version=2
    )  # -> v3
    with pytest.raises(services.VersionConflict) as exc:
        services.save_step(
            tax_return, user, "income", {**INCOME, "gross_income": "65000"}, expected_version=2
        )
    assert exc.value.by_field == {"gross_income": {"yours": "65000", "theirs": "55000"}}
    assert exc.value.current_version == 3
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "55000" and tax_return.version == 3


def test_a_stale_submit_that_changes_other_fields_is_merged(tax_return, user):
    services.save_step(tax_return, user, "income", INCOME, expected_version=1)  # v2
    services.save_step(
        tax_return, user, "income", {**INCOME, "gross_income": "55000"}, expected_version=2
    )  # v3
    # A tab opened at v2 changes only the expenses; it still carries the old gross income.
    saved = services.save_step(
        tax_return, user, "income", {**INCOME, "expenses_not_from_home": "2000"}, expected_version=2
    )
    assert saved.answers["income"]["gross_income"] == "55000"  # the other tab's change is kept
    assert saved.answers["income"]["expenses_not_from_home"] == "2000"
    assert saved.version == 4


def test_blank_step_counts_as_answered(tax_return, user):
    saved = services.save_step(
        tax_return, user, "carryovers", {"carryover_operating": None, "carryover_excess": None}, 1
    )
    assert saved.answers["carryovers"] == {"carryover_operating": None, "carryover_excess": None}
    assert saved.version == 2


def test_save_step_sets_the_status(tax_return, user):
    saved = services.save_step(tax_return, user, "work", {**WORK, "role": "employee"}, 1)
    saved = services.save_step(
        saved,
        user,
        "employee",
        {"employee_category": "none", "convenience_of_employer": True, "rents_space_to_employer": False},
        saved.version,
    )
    assert saved.status == TaxReturn.Status.NOT_ELIGIBLE


def test_drafts_are_not_answers_and_are_cleared_on_save(tax_return, user):
    services.save_draft(tax_return, user, "income", {"gross_income": "12,3x"})
    tax_return.refresh_from_db()
    assert tax_return.drafts == {"income": {"version": 1, "values": {"gross_income": "12,3x"}}}
    assert tax_return.version == 1
    saved = services.save_step(tax_return, user, "income", INCOME, 1)
    assert saved.drafts == {}


def test_rename_duplicate_delete(tax_return, user):
    services.save_step(tax_return, user, "work", WORK, 1)
    tax_return.refresh_from_db()
    services.rename_return(tax_return, user, "Garage studio")
    assert TaxReturn.objects.get(pk=tax_return.pk).name == "Garage studio"
    copy = services.duplicate_return(tax_return, user)
    assert copy.pk != tax_return.pk and copy.name == "Copy of Garage studio"
    assert copy.answers == tax_return.answers and copy.tax_year == 2025
    assert not AnswerChange.objects.filter(tax_return=copy).exists()
    services.delete_return(tax_return, user)
    assert not TaxReturn.objects.filter(pk=tax_return.pk).exists()
    assert not AnswerChange.objects.filter(tax_return_id=tax_return.pk).exists()


def test_unknown_step_is_refused(tax_return, user):
    with pytest.raises(ValueError, match="unknown step"):
        services.save_step(tax_return, user, "nope", {}, 1)


def test_a_submit_carrying_a_version_from_the_future_cannot_overwrite_silently(tax_return, user):
    services.save_step(tax_return, user, "income", INCOME, expected_version=1)  # v2
    services.save_step(
        tax_return, user, "income", {**INCOME, "gross_income": "55000"}, expected_version=2
    )  # v3
    with pytest.raises(services.VersionConflict) as exc:
        services.save_step(
            tax_return, user, "income", {**INCOME, "gross_income": "65000"}, expected_version=99
        )
    assert exc.value.by_field["gross_income"] == {"yours": "65000", "theirs": "55000"}
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "55000" and tax_return.version == 3

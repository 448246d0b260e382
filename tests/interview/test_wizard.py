"""The wizard's contract: the database is the record, Back keeps what was typed, conditional steps come and
go without breaking Back, resume goes to the first unanswered step, and two returns never share state."""

import pytest
from django.urls import reverse

from interview import case as C
from interview import services
from interview.models import AnswerChange, TaxReturn
from tests.interview.conftest import create_return, post_step, step_of, step_url, walk

pytestmark = pytest.mark.django_db

WORK = {"role": "self_employed", "business_description": "Design", "trade_or_business": "yes"}
INCOME = {"gross_income": "50000", "expenses_not_from_home": "1000"}
SPACE_OFFICE = {
    "space_type": "office",
    "regular_use": "yes",
    "exclusive_use": "yes",
    "also_used_for_employee_work": "no",
}


def test_each_continue_saves_the_step_to_the_database_at_once(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK)])
    tax_return.refresh_from_db()
    assert tax_return.answers["work"] == {
        "role": "self_employed",
        "business_description": "Design",
        "trade_or_business": True,
        "taxpayer_name": None,  # optional (issue #16), left blank
    }
    assert tax_return.version == 2
    assert set(AnswerChange.objects.filter(tax_return=tax_return).values_list("field", flat=True)) == {
        "role",
        "business_description",
        "trade_or_business",
    }
    # Nothing of the answers lives in the wizard's session storage.
    stored = logged_in.session.get(f"wizard_interview_return_{tax_return.pk}", {})
    assert not any(stored.get("step_data", {}).values())


def test_resume_after_logging_out_and_in_opens_the_first_unanswered_step(client_for, user, client):
    logged_in = client_for(user)
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK), ("income", INCOME)])
    logged_in.post(reverse("account_logout"))
    assert client.get(reverse("interview:resume", kwargs={"pk": tax_return.pk}))["Location"].startswith(
        reverse("account_login")
    )
    client_for(user)
    response = client.get(reverse("interview:resume", kwargs={"pk": tax_return.pk}))
    assert step_of(response["Location"]) == "space"
    page = client.get(step_url(tax_return, "income"))
    assert page.context["form"].initial["gross_income"] == "50000"
    assert 'value="50000"' in page.content.decode()


def test_back_keeps_what_was_typed_even_if_invalid(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK)])
    response = post_step(
        logged_in,
        tax_return,
        "income",
        {"gross_income": "12,34x", "expenses_not_from_home": "900"},
        back=True,
    )
    assert response.status_code == 302
    assert step_of(response["Location"]) == "work"
    page = logged_in.get(step_url(tax_return, "income")).content.decode()
    assert 'value="12,34x"' in page
    assert 'value="900"' in page
    assert "not saved yet" in page
    tax_return.refresh_from_db()
    assert "income" not in tax_return.answers  # a draft is not an answer
    # Continue with a valid value saves it and drops the draft.
    post_step(logged_in, tax_return, "income", {"gross_income": "1234", "expenses_not_from_home": "900"})
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "1234"
    assert "income" not in tax_return.drafts


def test_back_over_a_changed_saved_answer_keeps_the_new_text_not_the_old(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK), ("income", INCOME)])
    post_step(
        logged_in,
        tax_return,
        "income",
        {"gross_income": "60000", "expenses_not_from_home": "1000"},
        back=True,
    )
    page = logged_in.get(step_url(tax_return, "income")).content.decode()
    assert 'value="60000"' in page


def test_conditional_steps_appear_and_disappear_with_earlier_answers(logged_in):
    tax_return, location = create_return(logged_in)
    location = walk(logged_in, tax_return, location, [("work", WORK), ("income", INCOME)])
    # Office -> the principal-place questions come next.
    response = post_step(logged_in, tax_return, "space", SPACE_OFFICE)
    assert step_of(response["Location"]) == "place"
    # Storage -> the storage tests instead; the place page is no longer offered.
    response = post_step(
        logged_in, tax_return, "space", {**SPACE_OFFICE, "space_type": "storage", "exclusive_use": "no"}
    )
    assert step_of(response["Location"]) == "storage"
    response = logged_in.get(step_url(tax_return, "place"))
    assert response.status_code == 302
    # Failing a storage test brings the general tests (place) back.
    response = post_step(
        logged_in,
        tax_return,
        "storage",
        {
            "sells_products_wholesale_or_retail": "yes",
            "stores_inventory_or_samples": "yes",
            "home_only_fixed_location": "no",
            "storage_space_separately_identifiable": "yes",
        },
    )
    # Not exclusive and the storage exception missed: the general exclusive-use test knocks it out.
    assert "/not-eligible/" in response["Location"]


def test_owner_only_step_and_fields_follow_ownership(logged_in):
    tax_return, _location = create_return(logged_in)
    tax_return.refresh_from_db()
    post_step(
        logged_in,
        tax_return,
        "home",
        {"ownership": "own", "measure": "sqft", "total_area": "2000", "whole_year": "yes", "moved": "no"},
    )
    page = logged_in.get(step_url(tax_return, "expenses")).content.decode()
    assert "Mortgage interest" in page and "Rent paid" not in page
    assert logged_in.get(step_url(tax_return, "depreciation")).status_code == 200
    post_step(
        logged_in,
        tax_return,
        "home",
        {"ownership": "rent", "measure": "sqft", "total_area": "2000", "whole_year": "yes", "moved": "no"},
    )
    page = logged_in.get(step_url(tax_return, "expenses")).content.decode()
    assert "Rent paid" in page and "Mortgage interest" not in page
    assert logged_in.get(step_url(tax_return, "depreciation")).status_code == 302


def test_hidden_answers_are_kept_but_left_out_of_the_result(logged_in, user):
    tax_return, location = create_return(logged_in)
    walk(
        logged_in,
        tax_return,
        location,
        [
            ("work", WORK),
            ("income", INCOME),
            ("space", SPACE_OFFICE),
            (
                "place",
                {
                    "home_is_main_work_location": "yes",
                    "admin_management_at_home": "no",
                    "meets_clients_in_person": "no",
                    "separate_structure": "no",
                },
            ),
            (
                "home",
                {
                    "ownership": "own",
                    "measure": "sqft",
                    "total_area": "2000",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "200", "office_whole_period": "yes", "shared": "no"}),
            ("expenses", {"mortgage_interest": "9000", "utilities": "2000"}),
            ("phone_internet", {}),
            (
                "depreciation",
                {
                    "purchase_price": "300000",
                    "land_value": "50000",
                    "fmv_at_first_use": "300000",
                    "first_use_month": "1",
                    "first_use_year": "2024",
                },
            ),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    tax_return.refresh_from_db()
    assert "depreciation" in C.build_case(tax_return)["homes"][0]
    # Now they say they rent: the owner answers stay saved but are not used.
    post_step(
        logged_in,
        tax_return,
        "home",
        {"ownership": "rent", "measure": "sqft", "total_area": "2000", "whole_year": "yes", "moved": "no"},
    )
    tax_return.refresh_from_db()
    assert tax_return.answers["depreciation"]["purchase_price"] == "300000"
    assert tax_return.answers["expenses"]["mortgage_interest"] == "9000"
    built = C.build_case(tax_return)["homes"][0]
    assert "depreciation" not in built and "mortgage_interest" not in built
    assert built["ownership"] == "rent"
    review = logged_in.get(reverse("interview:review", kwargs={"pk": tax_return.pk})).content.decode()
    assert "Answers kept but not used" in review and "Depreciation of your home" in review
    # Switching back restores them without retyping.
    post_step(
        logged_in,
        tax_return,
        "home",
        {"ownership": "own", "measure": "sqft", "total_area": "2000", "whole_year": "yes", "moved": "no"},
    )
    tax_return.refresh_from_db()
    assert C.build_case(tax_return)["homes"][0]["depreciation"]["adjusted_basis"] == "300000"


def test_back_skips_steps_that_conditions_hide(logged_in):
    """formtools #277: Back from a step after a skipped one lands on the previous ACTIVE step."""
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK), ("income", INCOME), ("space", SPACE_OFFICE)])
    # Active: work, income, space, place, home... ('employee', 'other_job', 'storage', 'daycare' are skipped).
    response = post_step(logged_in, tax_return, "home", {}, back=True)
    assert step_of(response["Location"]) == "place"
    response = post_step(logged_in, tax_return, "space", {}, back=True)
    assert step_of(response["Location"]) == "income"
    response = post_step(logged_in, tax_return, "work", {}, back=True)
    assert response["Location"] == reverse("interview:dashboard")


def test_two_returns_in_one_session_stay_apart(logged_in):
    first, _loc1 = create_return(logged_in, 2025, "Studio")
    second, _loc2 = create_return(logged_in, 2024, "Old office")
    # Interleave the two as two tabs would.
    post_step(logged_in, first, "work", WORK)
    post_step(logged_in, second, "work", {**WORK, "business_description": "Bakery"})
    post_step(logged_in, first, "income", {"gross_income": "111"}, back=True)
    post_step(logged_in, second, "income", {"gross_income": "222"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.answers["work"]["business_description"] == "Design"
    assert second.answers["work"]["business_description"] == "Bakery"
    assert "income" not in first.answers and first.drafts["income"]["values"]["gross_income"] == "111"
    assert second.answers["income"]["gross_income"] == "222" and not second.drafts
    assert 'value="111"' in logged_in.get(step_url(first, "income")).content.decode()
    assert 'value="222"' in logged_in.get(step_url(second, "income")).content.decode()
    # The wizard keeps nothing in the session, so two tabs have nothing to share (issue #17).
    assert not any(key.startswith("wizard_") for key, _value in logged_in.session.items())


def test_progress_and_why_we_ask_on_every_page(logged_in):
    tax_return, _location = create_return(logged_in)
    page = logged_in.get(step_url(tax_return, "home")).content.decode()
    assert "Page 4 of 9: The home" in page  # work, income, space, home (place needs the space answered)
    assert "<details" in page and "Why we ask" in page and "Pub 587" in page
    assert "<fieldset" in page and "<legend>Do you own or rent this home?</legend>" in page
    assert "<script" not in page.split("<footer")[0]  # the only script is the optional one after the page


def test_errors_are_summarised_at_the_top_and_shown_next_to_each_field(logged_in):
    tax_return, _location = create_return(logged_in)
    post_step(logged_in, tax_return, "work", WORK)
    response = post_step(
        logged_in, tax_return, "income", {"gross_income": "1e5", "expenses_not_from_home": "-3"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_income-gross_income"' in page
    assert 'id="id_income-gross_income-error"' in page
    assert "Enter an amount in dollars and cents" in page
    assert "Enter an amount of zero or more" in page
    assert 'aria-invalid="true"' in page
    # Radios link to their first option.
    response = post_step(logged_in, tax_return, "space", {})
    assert 'href="#id_space-space_type_0"' in response.content.decode()


def test_change_link_on_review_returns_to_review_after_saving(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, [("work", WORK), ("income", INCOME)])
    review = logged_in.get(reverse("interview:review", kwargs={"pk": tax_return.pk})).content.decode()
    change = step_url(tax_return, "income", "?return=review")
    assert change in review
    response = post_step(logged_in, tax_return, "income", {"gross_income": "70000"}, query="?return=review")
    # Still unanswered steps: continue with them, keeping the way back to review.
    assert step_of(response["Location"]) == "space"
    assert "return=review" in response["Location"]


# A renter with an office used all year, through the office step (the steps after it follow per test).
RENTER_TO_OFFICE = {
    "work": WORK,
    "income": INCOME,
    "space": SPACE_OFFICE,
    "place": {
        "home_is_main_work_location": "yes",
        "admin_management_at_home": "no",
        "meets_clients_in_person": "no",
        "separate_structure": "no",
    },
    "home": {
        "ownership": "rent",
        "measure": "sqft",
        "total_area": "1000",
        "whole_year": "yes",
        "moved": "no",
    },
    "office": {"office_area": "100", "office_whole_period": "yes", "shared": "no"},
}


def test_change_link_on_a_complete_return_goes_straight_back_to_review(logged_in, user):
    tax_return, _ = create_return(logged_in)
    answers = {
        **RENTER_TO_OFFICE,
        "expenses": {"rent": "12000"},
        "phone_internet": {},
        "carryovers": {},
        "deduction": {"filing_status": "single", "deduction": "standard"},
    }
    for step, data in answers.items():
        response = post_step(logged_in, tax_return, step, data)
        assert response.status_code == 302, (step, response.context and response.context["form"].errors)
    response = post_step(logged_in, tax_return, "expenses", {"rent": "13000"}, query="?return=review")
    # Back at the page's answers on the review (issue #16), not at its top.
    assert (
        response["Location"] == reverse("interview:review", kwargs={"pk": tax_return.pk}) + "#answer-expenses"
    )
    review = logged_in.get(response["Location"]).content.decode()
    assert "$13,000.00" in review
    assert reverse("interview:summary", kwargs={"pk": tax_return.pk}) in review


def test_review_leaves_out_questions_that_do_not_apply_to_the_answers_given(logged_in):
    tax_return, _ = create_return(logged_in)
    for step, data in RENTER_TO_OFFICE.items():
        assert post_step(logged_in, tax_return, step, data).status_code == 302, step
    review = logged_in.get(reverse("interview:review", kwargs={"pk": tax_return.pk})).content.decode()
    assert "Total area of the home in square feet" in review
    for not_asked in (
        "First month you used this home for business",  # used all year
        "Total number of rooms in the home",  # measured by area
        "First month you used the space",  # the office was used the whole time
        "Square feet used by both of you",  # not shared
    ):
        assert not_asked not in review, not_asked
    # Once the answers make the question apply, it is listed again.
    office = {"office_area": "100", "office_whole_period": "no", "shared": "no"}
    office |= {"office_first_month": "3", "office_last_month": "12"}
    assert post_step(logged_in, tax_return, "office", office).status_code == 302
    review = logged_in.get(reverse("interview:review", kwargs={"pk": tax_return.pk})).content.decode()
    assert "First month you used the space" in review


def test_a_stale_page_with_a_conflicting_answer_shows_both_values_and_overwrites_nothing(logged_in, user):
    tax_return, _ = create_return(logged_in)
    post_step(logged_in, tax_return, "work", WORK)
    post_step(logged_in, tax_return, "income", INCOME)
    tax_return.refresh_from_db()
    stale = tax_return.version
    # Another tab changes the income.
    post_step(logged_in, tax_return, "income", {**INCOME, "gross_income": "55000"})
    response = post_step(logged_in, tax_return, "income", {**INCOME, "gross_income": "65000"}, version=stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "$65,000.00" in page and "$55,000.00" in page
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "55000"
    # Choosing "save what I just entered" posts again with the current version.
    response = post_step(logged_in, tax_return, "income", {**INCOME, "gross_income": "65000"})
    assert response.status_code == 302
    tax_return.refresh_from_db()
    assert tax_return.answers["income"]["gross_income"] == "65000"


def test_an_unknown_step_is_a_404_and_a_skipped_step_redirects(logged_in):
    tax_return, _ = create_return(logged_in)
    assert logged_in.get(step_url(tax_return, "no-such-step")).status_code == 404
    assert logged_in.get(step_url(tax_return, "salt")).status_code == 302


def test_tampered_post_never_gives_a_server_error(logged_in):
    tax_return, _ = create_return(logged_in)
    url = step_url(tax_return, "work")
    for payload in (
        {},
        {"version": "abc"},
        {"work-role": "king", "version": "1"},
        {"work-role": ["a", "b"], "work-trade_or_business": "maybe", "version": "99999999999999999999"},
        {"work-business_description": "x" * 5000, "version": "-1"},
    ):
        response = logged_in.post(url, payload)
        assert response.status_code in (200, 302, 409), payload
    TaxReturn.objects.get(pk=tax_return.pk)


def test_services_are_the_only_writer_and_record_history(logged_in, user):
    tax_return, _ = create_return(logged_in)
    post_step(logged_in, tax_return, "work", WORK)
    post_step(logged_in, tax_return, "work", {**WORK, "business_description": "Design studio"})
    change = AnswerChange.objects.filter(tax_return=tax_return, field="business_description").latest(
        "version"
    )
    assert (change.old_value, change.new_value, change.user) == ("Design", "Design studio", user)
    assert change.step == "work"
    assert services  # imported: the view wrote through services.save_step


def test_missing_answers_get_specific_messages(logged_in):
    tax_return, _ = create_return(logged_in)
    response = post_step(logged_in, tax_return, "work", {})
    errors = response.context["form"].errors
    assert errors["business_description"] == ["Describe the business or job in a few words"]
    assert errors["role"] == ["Select one option"]
    assert errors["trade_or_business"] == ["Select yes or no"]
    assert "This field is required" not in response.content.decode()


def test_every_question_has_a_hint_and_a_why_we_ask_with_a_source():
    from interview.forms import FORMS

    for step, form_class in FORMS.items():
        for name, field in form_class.base_fields.items():
            assert field.help_text, (step, name)
            why, cite = form_class.why.get(name, ("", ""))
            assert why and cite, (step, name)


def test_showing_a_step_writes_nothing_to_the_session(logged_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tax_return, _location = create_return(logged_in)
    post_step(logged_in, tax_return, "work", WORK)
    logged_in.get(
        step_url(tax_return, "income")
    )  # the session's activity stamp is refreshed at most once a minute
    with CaptureQueriesContext(connection) as queries:
        response = logged_in.get(step_url(tax_return, "income"))
    assert response.status_code == 200
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].split()[0].upper() in ("UPDATE", "INSERT")
    ]
    assert writes == []

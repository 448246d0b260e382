"""Casualty losses on the expenses page: Form 8829 line 9 (federally declared disaster, whole home), line 29
(business part of other casualty losses) and the casualty part carried to Form 4684 (line 35).

Expected figures are worked out by hand below, never read from the engine.
"""

import pytest
from django.urls import reverse

from interview import case as C
from tests.interview.conftest import create_return, post_step, step_url, walk
from tests.interview.test_personas import text_of

pytestmark = pytest.mark.django_db

BEFORE_EXPENSES = [
    ("work", {"role": "self_employed", "business_description": "Bookkeeping", "trade_or_business": "yes"}),
    ("income", {"gross_income": "20,000", "expenses_not_from_home": "5,000"}),
    (
        "space",
        {
            "space_type": "office",
            "regular_use": "yes",
            "exclusive_use": "yes",
            "also_used_for_employee_work": "no",
        },
    ),
    (
        "place",
        {
            "home_is_main_work_location": "yes",
            "admin_management_at_home": "yes",
            "substantial_admin_at_other_fixed_location": "no",
            "meets_clients_in_person": "no",
            "separate_structure": "no",
        },
    ),
    (
        "home",
        {"ownership": "rent", "measure": "sqft", "total_area": "2,000", "whole_year": "yes", "moved": "no"},
    ),
    ("office", {"office_area": "200", "office_whole_period": "yes", "shared": "no"}),
]
EXPENSES = {"rent": "24,000", "utilities": "3,000", "casualty_loss": "6,000", "casualty_loss_excess": "300"}


def test_expenses_page_offers_casualty_losses_with_hint_and_why(logged_in):
    tax_return, location = create_return(logged_in, 2025, "Casualty")
    location = walk(logged_in, tax_return, location, BEFORE_EXPENSES)
    assert location == step_url(tax_return, "expenses")
    html = logged_in.get(location).content.decode()
    assert "Casualty loss on the home from a federally declared disaster (whole home)" in html
    assert (
        "Since 2018 a personal casualty loss counts only if it comes from a federally declared disaster"
        in html
    )
    assert "Pub 587, Casualty losses; Form 8829 lines 9, 29, 35" in html
    assert "Business part of other casualty losses on the home" in html


def test_itemizer_casualty_loss_flows_to_lines_9_29_35_and_form_4684(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Casualty")
    location = walk(
        client,
        tax_return,
        location,
        [
            *BEFORE_EXPENSES,
            ("expenses", EXPENSES),
            ("phone_internet", {}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "itemize"}),
            ("salt", {"state_local_income_or_sales_tax": "5,000", "magi": "80,000"}),
        ],
    )
    assert location == reverse("interview:review", kwargs={"pk": tax_return.pk})
    tax_return.refresh_from_db()
    expenses = C.build_case(tax_return)["homes"][0]["expenses"]
    assert expenses["casualty_losses"] == "6000"
    assert expenses["excess_casualty_losses"] == "300"

    # Hand computation (2025 Form 8829, itemizer, renter):
    #   line 3 = line 7 = 200 / 2,000 = 10.00 %; line 8 = 20,000 - 5,000 = 15,000
    #   line 9b = 6,000 (federally declared disaster, whole home); lines 10-11 = 0 (renter)
    #   line 12b = 6,000; line 13 = 6,000 x 10 % = 600; line 14 = 600; line 15 = 15,000 - 600 = 14,400
    #   line 19b = 24,000; line 21b = 3,000; line 23b = 27,000; line 24 = 2,700; line 26 = 2,700
    #   line 27 = min(14,400, 2,700) = 2,700; line 28 = 14,400 - 2,700 = 11,700
    #   line 29 = 300 (business part as entered); line 30 = 0 (renter); line 31 = 0; line 32 = 300
    #   line 33 = min(11,700, 300) = 300; line 34 = 600 + 2,700 + 300 = 3,600
    #   line 35 = casualty part of lines 14 and 33 = 600 + 300 = 900 -> Form 4684 line 27
    #   line 36 = 3,600 - 900 = 2,700 -> Schedule C line 30
    v = C.compute_result(tax_return).homes[0].actual.values
    got = {k: str(v[k]) for k in ("9b", "13", "14", "15", "29", "33", "34", "35", "36")}
    assert got == {
        "9b": "6000",
        "13": "600",
        "14": "600",
        "15": "14400",
        "29": "300",
        "33": "300",
        "34": "3600",
        "35": "900",
        "36": "2700",
    }
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    assert "Schedule C, line 30 $2,700" in text
    assert "Form 4684, line 27 (“See Form 8829”) $900" in text


def test_standard_deduction_moves_the_disaster_loss_to_line_29(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Casualty, standard")
    walk(
        client,
        tax_return,
        location,
        [
            *BEFORE_EXPENSES,
            ("expenses", {"rent": "24,000", "utilities": "3,000", "casualty_loss": "6,000"}),
            ("phone_internet", {}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    tax_return.refresh_from_db()
    # Standard deduction: not a tier-1 item. line 9 = 0; line 29 = 6,000 x 10 % = 600; line 15 = 15,000;
    # line 27 = 2,700; line 28 = 12,300; line 33 = min(12,300, 600) = 600; line 35 = 0 + 600 = 600;
    # line 34 = 0 + 2,700 + 600 = 3,300; line 36 = 3,300 - 600 = 2,700
    v = C.compute_result(tax_return).homes[0].actual.values
    got = {k: str(v[k]) for k in ("9b", "29", "33", "35", "36")}
    assert got == {"9b": "0", "29": "600", "33": "600", "35": "600", "36": "2700"}


def test_a_bad_casualty_amount_is_shown_and_nothing_typed_is_lost(logged_in):
    tax_return, location = create_return(logged_in, 2025, "Casualty")
    walk(logged_in, tax_return, location, BEFORE_EXPENSES)
    response = post_step(logged_in, tax_return, "expenses", {**EXPENSES, "casualty_loss": "6.000,00"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'href="#id_expenses-casualty_loss">Casualty loss on the home from a federally declared disaster '
        "(whole home): Enter an amount" in html
    )
    assert 'id="id_expenses-casualty_loss-error"' in html
    assert 'value="6.000,00"' in html and 'value="300"' in html and 'value="24,000"' in html

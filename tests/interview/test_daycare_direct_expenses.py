"""A daycare area not used exclusively: its direct expenses are asked about the daycare area and multiplied by
Form 8829 line 6 (Pub 587, Daycare Facility, Mary Lake; reference case C04).

Expected figures are worked out by hand below, never read from the engine.
"""

import pytest
from django.urls import reverse

from interview import case as C
from tests.interview.conftest import create_return, post_step, step_url, walk
from tests.interview.test_personas import text_of

pytestmark = pytest.mark.django_db

SELF_EMPLOYED = {
    "role": "self_employed",
    "business_description": "Family daycare",
    "trade_or_business": "yes",
}
BEFORE_EXPENSES = [
    ("work", SELF_EMPLOYED),
    # Line 8 = Schedule C line 29 = 50,000 - 25,000 = 25,000 (Pub 587: "line 8 = $25,000").
    ("income", {"gross_income": "50,000", "expenses_not_from_home": "25,000", "tentative_profit": "25,000"}),
    (
        "space",
        {
            "space_type": "daycare",
            "regular_use": "yes",
            "exclusive_use": "no",
            "also_used_for_employee_work": "no",
        },
    ),
    ("daycare", {"daycare_qualifying_care": "yes", "daycare_license_status": "granted"}),
    (
        "home",
        {"ownership": "rent", "measure": "sqft", "total_area": "3,200", "whole_year": "yes", "moved": "no"},
    ),
    ("office", {"office_area": "1,600", "office_whole_period": "yes", "shared": "no"}),
    # 12 hours a day, 5 days a week, 50 weeks = 3,000 hours
    ("daycare_hours", {"days_used": "250", "hours_per_day": "12"}),
]
MARY_LAKE_EXPENSES = {"rent": "8,400", "utilities": "850", "repairs_direct": "500"}
AFTER_EXPENSES = [
    ("phone_internet", {}),
    ("carryovers", {}),
    ("deduction", {"filing_status": "single", "deduction": "standard"}),
]


def walk_to_expenses(client, year=2025):
    tax_return, location = create_return(client, year, "Mary Lake daycare")
    location = walk(client, tax_return, location, BEFORE_EXPENSES)
    return tax_return, location


def test_expenses_page_asks_direct_expenses_of_the_daycare_area_with_hint_and_why(logged_in):
    tax_return, location = walk_to_expenses(logged_in)
    assert location == step_url(tax_return, "expenses")
    html = logged_in.get(location).content.decode()
    assert "Repairs only to the daycare area (direct)" in html
    assert "Repairs only to the business space (direct)" not in html
    assert "we apply your share of daycare hours" in html
    assert "Pub 587, Daycare Facility (Mary Lake); Form 8829 line 6" in html
    assert "multiplied by the share of hours it is used for daycare" in html


def test_mary_lake_end_to_end_schedule_c_line_30_is_1756(logged_in):
    client = logged_in
    tax_return, location = walk_to_expenses(client)
    location = walk(client, tax_return, location, [("expenses", MARY_LAKE_EXPENSES), *AFTER_EXPENSES])
    assert location == reverse("interview:review", kwargs={"pk": tax_return.pk})
    tax_return.refresh_from_db()

    # The case carries the painting as a direct daycare expense (the engine applies line 6).
    case = C.build_case(tax_return)
    assert case["homes"][0]["expenses"]["repairs"] == {"direct_daycare": "500"}
    assert case["homes"][0]["spaces"][0]["use"] == "daycare"

    # Hand computation (2025 Form 8829; Pub 587 2013 Mary Lake figures):
    #   line 1 = 1,600; line 2 = 3,200; line 3 = 1,600 / 3,200 = 50.00 %
    #   line 4 = 250 days x 12 hours = 3,000; line 5 = 8,760 (365 x 24, 2025 not a leap year)
    #   line 6 = 3,000 / 8,760 = 0.342466 -> 0.3425
    #   line 7 = 50.00 % x 34.25 % = 17.125 % -> 17.13 %
    #   line 8 = 25,000; lines 9-14 = 0; line 15 = 25,000
    #   line 19b = 8,400 (rent); line 21b = 850 (utilities); line 23b = 9,250
    #   line 20a = painting 500 x 0.3425 = 171.25 -> 171 (direct, but the area is not used exclusively)
    #   line 23a = 171; line 24 = 9,250 x 17.13 % = 1,584.525 -> 1,585 (half-up)
    #   line 26 = 171 + 1,585 + 0 = 1,756; line 27 = min(25,000, 1,756) = 1,756
    #   renter: no depreciation, line 33 = 0; line 36 = 1,756 -> Schedule C line 30
    v = C.compute_result(tax_return).homes[0].actual.values
    assert str(v["6"]) == "0.3425"
    assert str(v["20a"]) == "171"
    assert str(v["24"]) == "1585"
    assert str(v["36"]) == "1756"

    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    assert "Schedule C, line 30 $1,756" in text


def test_exclusive_daycare_keeps_direct_expenses_in_full(logged_in):
    """Used only for daycare: no hours fraction, the direct painting goes in column (a) in full."""
    client = logged_in
    tax_return, location = create_return(client, 2025, "Exclusive daycare")
    space = ("space", {**BEFORE_EXPENSES[2][1], "exclusive_use": "yes"})
    pages = [BEFORE_EXPENSES[0], BEFORE_EXPENSES[1], space, *BEFORE_EXPENSES[3:6]]
    location = walk(client, tax_return, location, pages)
    html = client.get(location).content.decode()
    assert "Repairs only to the business space (direct)" in html
    walk(client, tax_return, location, [("expenses", MARY_LAKE_EXPENSES), *AFTER_EXPENSES])
    tax_return.refresh_from_db()
    case = C.build_case(tax_return)
    assert case["homes"][0]["expenses"]["repairs"] == {"direct": "500"}
    # line 7 = line 3 = 50.00 %; line 20a = 500 in full; line 24 = 9,250 x 50 % = 4,625;
    # line 36 = 500 + 4,625 = 5,125 (<= line 15, 25,000)
    v = C.compute_result(tax_return).homes[0].actual.values
    assert (str(v["20a"]), str(v["24"]), str(v["36"])) == ("500", "4625", "5125")


def test_a_bad_daycare_direct_amount_is_shown_next_to_the_field_and_in_the_summary(logged_in):
    tax_return, _ = walk_to_expenses(logged_in)
    response = post_step(
        logged_in, tax_return, "expenses", {"rent": "8,400", "utilities": "850", "repairs_direct": "5OO"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert (
        'href="#id_expenses-repairs_direct">Repairs only to the daycare area (direct): Enter an amount'
        in html
    )
    assert 'id="id_expenses-repairs_direct-error"' in html
    # Nothing typed is lost.
    assert 'value="5OO"' in html and 'value="8,400"' in html and 'value="850"' in html
    tax_return.refresh_from_db()
    assert "expenses" not in tax_return.answers

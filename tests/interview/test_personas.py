"""Each persona walks the interview with the Django client, page by page, to its result.

Expected figures are worked out by hand here from Form 8829 / the simplified method worksheet and the engine's
published rounding policy (percentages to two decimals of a percent, line 6 to four decimals, dollar lines
half-up to whole dollars). They are never read from the engine.
"""

import re

import pytest
from django.urls import reverse

from interview import case as C
from tests.interview.conftest import create_return, walk

pytestmark = pytest.mark.django_db

SELF_EMPLOYED = {
    "role": "self_employed",
    "business_description": "Graphic design",
    "trade_or_business": "yes",
}
OFFICE_PRINCIPAL = {
    "home_is_main_work_location": "yes",
    "admin_management_at_home": "yes",
    "substantial_admin_at_other_fixed_location": "no",
    "meets_clients_in_person": "no",
    "separate_structure": "no",
}


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def row(page: str, label: str) -> str:
    """The text following `label` up to the next 60 characters (a table row as read aloud)."""
    i = page.index(label)
    return page[i : i + len(label) + 60]


def test_homeowner_actual_expenses_with_carryovers_reaches_result(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Studio on Elm St")
    location = walk(
        client,
        tax_return,
        location,
        [
            ("work", SELF_EMPLOYED),
            ("income", {"gross_income": "10,000", "expenses_not_from_home": "$6,000"}),
            (
                "space",
                {
                    "space_type": "office",
                    "regular_use": "yes",
                    "exclusive_use": "yes",
                    "also_used_for_employee_work": "no",
                },
            ),
            ("place", OFFICE_PRINCIPAL),
            (
                "home",
                {
                    "ownership": "own",
                    "measure": "sqft",
                    "total_area": "2,000",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "300", "office_whole_period": "yes", "shared": "no"}),
            (
                "expenses",
                {
                    "mortgage_interest": "10,000",
                    "real_estate_taxes": "4000",
                    "insurance": "1,200.00",
                    "utilities": "$3,000",
                    "repairs_direct": "400",
                },
            ),
            ("phone_internet", {}),
            (
                "depreciation",
                {
                    "purchase_price": "300,000",
                    "land_value": "50,000",
                    "fmv_at_first_use": "400,000",
                    "first_use_month": "3",
                    "first_use_year": "2020",
                },
            ),
            ("carryovers", {"carryover_operating": "500", "carryover_excess": "200"}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    assert location == reverse("interview:review", kwargs={"pk": tax_return.pk})
    page = client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk}))
    assert page.status_code == 200
    text = text_of(page)
    # Hand computation (2025 Form 8829, standard deduction: mortgage interest and taxes go to lines 16b/17b):
    #   line 3 = 300 / 2,000 = 15.00 %; line 8 = 10,000 - 6,000 = 4,000; lines 9-14 = 0; line 15 = 4,000
    #   line 23b = 10,000 + 4,000 + 1,200 + 3,000 = 18,200; line 24 = 18,200 x 15 % = 2,730
    #   line 26 = 400 (23a) + 2,730 + 500 (carryover, line 25) = 3,630; line 27 = min(4,000, 3,630) = 3,630
    #   line 28 = 4,000 - 3,630 = 370
    #   Part III: line 37 = min(basis 300,000, FMV 400,000) = 300,000; line 39 = 300,000 - 50,000 = 250,000
    #   line 40 = 250,000 x 15 % = 37,500; line 41 = 2.564 % (first used 2020); line 42 = 961.50 -> 962
    #   line 32 = 962 + 200 (carryover, line 31) = 1,162; line 33 = min(370, 1,162) = 370
    #   line 36 = 3,630 + 370 = 4,000 -> Schedule C line 30
    #   line 43 = 3,630 - 3,630 = 0; line 44 = 1,162 - 370 = 792 carried to 2026
    # Simplified: 300 sq ft x $5 = $1,500 (under the 4,000 income limit) -> actual is larger.
    assert "Schedule C, line 30 $4,000" in text
    assert row(text, "Actual expenses (Form 8829) Recommended").startswith(
        "Actual expenses (Form 8829) Recommended $4,000"
    )
    assert "Simplified method $1,500" in text
    assert "Operating expenses (Form 8829 line 43) $0" in text
    assert "Excess casualty losses and depreciation (line 44) $792" in text
    # Show the math: the worksheet lines with their sources.
    assert (
        "42 Depreciation allowable (see instructions). Multiply line 40 by line 41. Enter here and on line 30 above $962"
        in text
    )
    assert "41 Depreciation percentage" in text or "2.564%" in text
    assert "Form 8829 line 24" in text
    pdf = reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk})
    assert f'href="{pdf}"' in page.content.decode() and "Download the worksheet (PDF)" in text
    tax_return.refresh_from_db()
    assert tax_return.status == "complete"
    # The dashboard shows the deduction of a complete return.
    dashboard = text_of(client.get(reverse("interview:dashboard")))
    assert "Studio on Elm St 2025 Complete" in dashboard  # name, tax year, status
    assert "$4,000" in dashboard


def test_renter_for_whom_the_simplified_method_wins(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Apartment on 5th")
    walk(
        client,
        tax_return,
        location,
        [
            ("work", {**SELF_EMPLOYED, "business_description": "Translation"}),
            ("income", {"gross_income": "30000", "expenses_not_from_home": "5000"}),
            (
                "space",
                {
                    "space_type": "office",
                    "regular_use": "yes",
                    "exclusive_use": "yes",
                    "also_used_for_employee_work": "no",
                },
            ),
            ("place", OFFICE_PRINCIPAL),
            (
                "home",
                {
                    "ownership": "rent",
                    "measure": "sqft",
                    "total_area": "1500",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "120", "office_whole_period": "yes", "shared": "no"}),
            ("expenses", {"rent": "6,000", "utilities": "1,200", "insurance": "180"}),
            ("phone_internet", {"internet_monthly": "60", "internet_business_pct": "50"}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    # Actual: line 3 = 120 / 1,500 = 8.00 %; line 24 = (6,000 + 1,200 + 180) x 8 % = 590.40 -> $590.
    # Simplified: 120 sq ft x $5 = $600, under the income limit (30,000 - 5,000 - internet 360) -> wins by $10.
    # Internet: 12 x $60 = $720 x 50 % = $360 on Schedule C line 25, never on Form 8829.
    assert "Actual expenses (Form 8829) $590" in text
    assert "Simplified method Recommended $600" in text
    assert "using the simplified method" in text
    assert "Schedule C, line 30 $600" in text
    assert "Schedule C, line 25 (Utilities) $360" in text
    assert "$1,400" in text  # the internet note answers the viral claim
    assert "Simplified Method Worksheet" in text


@pytest.mark.parametrize(
    ("year", "law"),
    [(2025, "§67(g)"), (2026, "§67(h)")],
)
def test_w2_employee_is_knocked_out_with_reason_and_alternatives(logged_in, year, law):
    client = logged_in
    tax_return, location = create_return(client, year, "Remote job")
    location = walk(
        client,
        tax_return,
        location,
        [
            (
                "work",
                {"role": "employee", "business_description": "Software engineer", "trade_or_business": "yes"},
            ),
            (
                "employee",
                {
                    "employee_category": "none",
                    "convenience_of_employer": "yes",
                    "rents_space_to_employer": "no",
                },
            ),
        ],
    )
    assert location == reverse("interview:knockout", kwargs={"pk": tax_return.pk})
    page = client.get(location)
    assert page.status_code == 200
    text = text_of(page)
    assert "You cannot deduct a home office for this" in text
    assert law in text  # the citation of the year's rule
    assert "accountable plan" in text
    assert 'There is no "$1,400 home office internet deduction"' in text
    # No dead end: change the answer, check answers, back to the dashboard.
    assert (
        reverse("interview:step", kwargs={"pk": tax_return.pk, "step": "employee"}) in page.content.decode()
    )
    assert reverse("interview:dashboard") in page.content.decode()
    # Opening the return again goes straight to the knockout; the summary never shows amounts.
    assert client.get(reverse("interview:resume", kwargs={"pk": tax_return.pk}))["Location"] == reverse(
        "interview:knockout", kwargs={"pk": tax_return.pk}
    )
    assert client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk}))["Location"].endswith(
        "/not-eligible/"
    )
    tax_return.refresh_from_db()
    assert tax_return.status == "not_eligible"


def test_form_2106_employee_is_told_to_see_a_professional(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Orchestra")
    location = walk(
        client,
        tax_return,
        location,
        [
            ("work", {"role": "employee", "business_description": "Violinist", "trade_or_business": "yes"}),
            (
                "employee",
                {
                    "employee_category": "performing_artist",
                    "convenience_of_employer": "yes",
                    "rents_space_to_employer": "no",
                },
            ),
        ],
    )
    text = text_of(client.get(location))
    assert "You may qualify, but please see a tax professional" in text
    assert "§62(a)(2)(B)" in text


def test_licensed_daycare_used_also_by_the_family(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Little Acorns daycare")
    walk(
        client,
        tax_return,
        location,
        [
            (
                "work",
                {
                    "role": "self_employed",
                    "business_description": "Family daycare",
                    "trade_or_business": "yes",
                },
            ),
            ("income", {"gross_income": "40000", "expenses_not_from_home": "8000"}),
            # Not exclusive: the family uses the rooms in the evening. The daycare exception does not need it.
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
                {
                    "ownership": "rent",
                    "measure": "sqft",
                    "total_area": "2000",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "600", "office_whole_period": "yes", "shared": "no"}),
            ("daycare_hours", {"days_used": "250", "hours_per_day": "12"}),
            ("expenses", {"rent": "18000", "utilities": "2400"}),
            ("phone_internet", {}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    # line 3 = 600 / 2,000 = 30.00 %; line 4 = 250 x 12 = 3,000 h; line 5 = 8,760
    # line 6 = 3,000 / 8,760 = 0.34246... -> 0.3425; line 7 = 30 % x 0.3425 = 10.275 % -> 10.28 %
    # line 24 = (18,000 + 2,400) x 10.28 % = 2,097.12 -> $2,097
    # Simplified: rate $5 x 0.3425 = $1.71 (cents); area capped at 300 sq ft -> 300 x 1.71 = $513
    assert "10.28%" in text
    assert "0.3425" in text
    assert "Schedule C, line 30 $2,097" in text
    assert "Simplified method $513" in text
    assert "The space is also used for personal purposes, so the deduction is limited" in text


def test_inventory_storage_qualifies_without_exclusive_use(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2026, "Candle shop stock")
    walk(
        client,
        tax_return,
        location,
        [
            (
                "work",
                {
                    "role": "self_employed",
                    "business_description": "Online candle shop",
                    "trade_or_business": "yes",
                },
            ),
            ("income", {"gross_income": "50000", "expenses_not_from_home": "20000"}),
            (
                "space",
                {
                    "space_type": "storage",
                    "regular_use": "yes",
                    "exclusive_use": "no",
                    "also_used_for_employee_work": "no",
                },
            ),
            (
                "storage",
                {
                    "sells_products_wholesale_or_retail": "yes",
                    "stores_inventory_or_samples": "yes",
                    "home_only_fixed_location": "yes",
                    "storage_space_separately_identifiable": "yes",
                },
            ),
            (
                "home",
                {
                    "ownership": "rent",
                    "measure": "sqft",
                    "total_area": "1600",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "160", "office_whole_period": "yes", "shared": "no"}),
            ("expenses", {"rent": "15000", "utilities": "1800"}),
            ("phone_internet", {}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    tax_return.refresh_from_db()
    assert C.build_case(tax_return)["homes"][0]["spaces"][0]["use"] == "inventory_storage"
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    # line 3 = 160 / 1,600 = 10.00 %; line 24 = (15,000 + 1,800) x 10 % = $1,680
    # Simplified: 160 x $5 = $800 -> actual wins. 2026 is a provisional year: the page says so.
    assert "Schedule C, line 30 $1,680" in text
    assert "Simplified method $800" in text
    assert "All five storage tests are met" in text
    assert "Provisional year." in text

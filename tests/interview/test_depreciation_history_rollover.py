"""Start 2025 from 2024, then 2026 from 2025: the year-by-year depreciation record travels with the answers
(the case's depreciation `history`), so the 2026 ledger shows what was deducted in 2024 and in 2025, each on
its own row, and only the years before 2024 as the opening amount entered by hand.

Expected figures are worked out by hand below, never read from the engine.
"""

import pytest
from django.urls import reverse

from interview import case as C
from interview import services
from interview.models import TaxReturn
from tests.interview.conftest import post_step, step_url
from tests.interview.test_personas import text_of
from tests.interview.test_rollover_flow import save_all

pytestmark = pytest.mark.django_db

# Owner, 2,000 sq ft, office 200 sq ft (line 7 = 10.00 %), first used for business January 2022.
# Building = min(basis 250,000, FMV 300,000) - land 50,000 = 200,000; business basis = 200,000 x 10 % = 20,000.
#   2022 (first year, January): 20,000 x 2.461 % = 492.20 -> 492; 2023: 20,000 x 2.564 % = 512.80 -> 513
#   -> claimed before 2024, entered by hand: 492 + 513 = 1,005.
# Each year 2024-2026: line 8 = 30,000 - 10,000 = 20,000; operating (mortgage 10,000 + taxes 3,000 +
# utilities 2,400) x 10 % = 1,540; depreciation 20,000 x 2.564 % = 512.80 -> 513, all within the limit
# (line 28 = 20,000 - 1,540 = 18,460) -> actual 1,540 + 513 = 2,053 > simplified 200 x $5 = 1,000: actual.
YEAR_ANSWERS = {
    "income": {"gross_income": "30000", "expenses_not_from_home": "10000"},
    "expenses": {"mortgage_interest": "10000", "real_estate_taxes": "3000", "utilities": "2400"},
    "phone_internet": {"internet_monthly": None, "phone_monthly": None},
    "home": {"ownership": "own", "measure": "sqft", "total_area": "2000", "whole_year": True, "moved": False},
    "office": {"office_area": "200", "office_whole_period": True, "shared": False},
    "deduction": {"filing_status": "single", "deduction": "standard"},
}
FIRST_YEAR = {
    "work": {"role": "self_employed", "business_description": "Studio", "trade_or_business": True},
    "space": {
        "space_type": "office",
        "regular_use": True,
        "exclusive_use": True,
        "also_used_for_employee_work": False,
    },
    "place": {
        "home_is_main_work_location": True,
        "admin_management_at_home": True,
        "substantial_admin_at_other_fixed_location": False,
        "meets_clients_in_person": False,
        "separate_structure": False,
    },
    **YEAR_ANSWERS,
    "depreciation": {
        "purchase_price": "250000",
        "land_value": "50000",
        "fmv_at_first_use": "300000",
        "first_use_month": 1,
        "first_use_year": 2022,
        "depreciation_claimed": "1005",
    },
    "carryovers": {"carryover_operating": None, "carryover_excess": None},
}


def roll_and_finish(client, user, tax_return) -> TaxReturn:
    response = client.post(reverse("interview:roll_over", kwargs={"pk": tax_return.pk}))
    assert response.status_code == 302
    new = TaxReturn.objects.filter(owner=user).latest("id")
    assert new.tax_year == tax_return.tax_year + 1
    for step in ("home", "office", "income", "expenses", "phone_internet", "deduction"):
        new = services.save_step(new, user, step, YEAR_ANSWERS[step], new.version)
    assert new.status == TaxReturn.Status.COMPLETE
    return new


def test_two_rollovers_keep_one_ledger_row_per_year(logged_in, user):
    r2024 = save_all(user, 2024, FIRST_YEAR)
    assert r2024.status == TaxReturn.Status.COMPLETE

    r2025 = roll_and_finish(logged_in, user, r2024)
    dep = r2025.answers["depreciation"]
    assert dep["depreciation_history"] == [
        {"year": 2024, "method": "actual", "business_percentage": "10.00", "depreciation_claimed": "513"}
    ]
    assert dep["depreciation_claimed"] == "1518"  # 1,005 + 513 deducted in 2024

    r2026 = roll_and_finish(logged_in, user, r2025)
    dep = r2026.answers["depreciation"]
    assert [(h["year"], h["method"], h["depreciation_claimed"]) for h in dep["depreciation_history"]] == [
        (2024, "actual", "513"),
        (2025, "actual", "513"),
    ]
    assert dep["depreciation_claimed"] == "2031"  # 1,518 + 513 deducted in 2025
    assert C.build_case(r2026)["homes"][0]["depreciation"]["history"] == dep["depreciation_history"]

    # The 2026 ledger: 2022 and 2023 inside the opening amount (2,031 - 513 - 513 = 1,005, as entered in 2024);
    # 2024, 2025 and 2026 each with the 513 deducted that year.
    text = text_of(logged_in.get(reverse("interview:summary", kwargs={"pk": r2026.pk})))
    assert "Depreciation claimed before these years, as you entered it: $1,005." in text
    assert "2022 Actual expenses $20,000 2.461% $492 see opening amount" in text
    assert "2023 Actual expenses $20,000 2.564% $513 see opening amount" in text
    for year in (2024, 2025, 2026):
        # "Not yet deducted" stays "—": the years inside the opening amount are not known one by one.
        assert f"{year} Actual expenses $20,000 2.564% $513 $513 —" in text
    # Totals: allowable 492 + 4 x 513 = 2,544; allowed 1,005 + 3 x 513 = 2,544.
    assert "Total $2,544 $2,544" in text


def test_the_record_is_shown_on_the_depreciation_page_and_kept_when_the_page_is_saved(logged_in, user):
    r2025 = roll_and_finish(logged_in, user, save_all(user, 2024, FIRST_YEAR))
    html = logged_in.get(step_url(r2025, "depreciation")).content.decode()
    assert "Depreciation by year from your earlier returns here" in html
    assert "2024: actual expenses, 10.00% business use, $513 depreciation deducted" in html
    assert 'type="hidden" name="depreciation-depreciation_history" value="2024:actual:10.00:513"' in html

    # An error elsewhere on the page keeps the record; a valid save keeps it too.
    stored = r2025.answers["depreciation"]
    posted = {k: ("" if v is None else v) for k, v in stored.items()}
    posted["depreciation_history"] = "2024:actual:10.00:513"
    response = post_step(logged_in, r2025, "depreciation", {**posted, "land_value": "lots"})
    assert response.status_code == 200
    assert 'value="2024:actual:10.00:513"' in response.content.decode()
    response = post_step(logged_in, r2025, "depreciation", posted)
    assert response.status_code == 302
    r2025.refresh_from_db()
    assert r2025.answers["depreciation"]["depreciation_history"] == stored["depreciation_history"]

    # The review page reads it as text.
    review = text_of(logged_in.get(reverse("interview:review", kwargs={"pk": r2025.pk})))
    assert "2024: actual expenses, 10.00% business use, $513 depreciation deducted" in review


def test_a_tampered_record_is_refused_with_a_message(logged_in, user):
    r2025 = roll_and_finish(logged_in, user, save_all(user, 2024, FIRST_YEAR))
    stored = r2025.answers["depreciation"]
    posted = {k: ("" if v is None else v) for k, v in stored.items()}
    for bad in ("2024:actual:10.00:5e3", "2024:guess::", "2025:actual::", "2024:actual::1;2024:actual::2"):
        response = post_step(logged_in, r2025, "depreciation", {**posted, "depreciation_history": bad})
        assert response.status_code == 200, bad
        html = response.content.decode()
        assert "could not be read" in html and 'class="error-summary"' in html, bad
        assert 'href="#id_depreciation-depreciation_history-field"' in html, bad
        assert 'id="id_depreciation-depreciation_history-field"' in html, bad
    # Business use moved after the first year of the record: the message names the question to fix.
    response = post_step(
        logged_in,
        r2025,
        "depreciation",
        {**posted, "depreciation_history": "2024:actual:10.00:513", "first_use_year": "2025"},
    )
    assert "Your depreciation record from earlier returns starts in 2024" in response.content.decode()

"""Several improvements placed in service after business use began (up to five rows, no JavaScript): each is
depreciated on its own from its month (Form 8829 line 42 statement).

Expected figures are worked out by hand below, never read from the engine.
"""

import pytest
from django.urls import reverse

from interview import case as C
from tests.interview.conftest import create_return, post_step, step_url, walk
from tests.interview.test_personas import text_of

pytestmark = pytest.mark.django_db

BEFORE_DEPRECIATION = [
    ("work", {"role": "self_employed", "business_description": "Design", "trade_or_business": "yes"}),
    ("income", {"gross_income": "50,000", "expenses_not_from_home": "10,000"}),
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
        {"ownership": "own", "measure": "sqft", "total_area": "2,000", "whole_year": "yes", "moved": "no"},
    ),
    ("office", {"office_area": "200", "office_whole_period": "yes", "shared": "no"}),
    ("expenses", {"utilities": "3,000"}),
    ("phone_internet", {}),
]
HOME = {
    "purchase_price": "300,000",
    "land_value": "50,000",
    "fmv_at_first_use": "400,000",
    "first_use_month": "3",
    "first_use_year": "2020",
}
THREE_IMPROVEMENTS = {
    **HOME,
    "improvement_description": "New roof",
    "improvement_cost": "15,000",
    "improvement_month": "6",
    "improvement_year": "2024",
    "improvement2_description": "Furnace",
    "improvement2_cost": "6,000",
    "improvement2_month": "1",
    "improvement2_year": "2025",
    "improvement3_description": "Windows",
    "improvement3_cost": "$8,000",
    "improvement3_month": "7",
    "improvement3_year": "2025",
}


def test_depreciation_page_offers_five_improvement_rows_folded_when_empty(logged_in):
    tax_return, location = create_return(logged_in, 2025, "Improvements")
    location = walk(logged_in, tax_return, location, BEFORE_DEPRECIATION)
    assert location == step_url(tax_return, "depreciation")
    html = logged_in.get(location).content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    assert "<script" not in form and "onclick" not in form  # plain HTML: works without JavaScript
    for n in range(2, 6):
        assert f"Another improvement ({n} of 5)</summary>" in html
        assert f'name="depreciation-improvement{n}_cost"' in html
    assert '<details class="question-group" open>' not in html  # nothing filled in: all folded
    assert "Pub 587, Improvements; Form 8829 line 42" in html


def test_three_improvements_each_depreciated_from_its_month(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2025, "Improvements")
    location = walk(
        client,
        tax_return,
        location,
        [
            *BEFORE_DEPRECIATION,
            ("depreciation", THREE_IMPROVEMENTS),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    assert location == reverse("interview:review", kwargs={"pk": tax_return.pk})
    tax_return.refresh_from_db()
    assert C.build_case(tax_return)["homes"][0]["depreciation"]["improvements"] == [
        {"description": "New roof", "cost": "15000", "placed_in_service": "2024-06"},
        {"description": "Furnace", "cost": "6000", "placed_in_service": "2025-01"},
        {"description": "Windows", "cost": "8000", "placed_in_service": "2025-07"},
    ]
    # Hand computation (2025 Form 8829, standard deduction):
    #   line 7 = 200 / 2,000 = 10.00 %; line 8 = 50,000 - 10,000 = 40,000; line 15 = 40,000
    #   line 21b = 3,000; line 24 = 300; line 27 = 300; line 28 = 39,700
    #   Part III: line 37 = min(300,000, 400,000) = 300,000; line 39 = 250,000; line 40 = 25,000
    #     line 41 = 2.564 % (first used March 2020) -> 25,000 x 2.564 % = 641.00
    #   Improvements (business basis = cost x 10 %, Table A-7a):
    #     roof 15,000 -> 1,500 x 2.564 % (placed June 2024, second year) = 38.46
    #     furnace 6,000 -> 600 x 2.461 % (January 2025) = 14.766
    #     windows 8,000 -> 800 x 1.177 % (July 2025) = 9.416
    #   line 42 = 641 + 38.46 + 14.766 + 9.416 = 703.642 -> 704 (rounded once)
    #   line 30 = 704; line 32 = 704; line 33 = min(39,700, 704) = 704; line 36 = 300 + 704 = 1,004
    v = C.compute_result(tax_return).homes[0].actual.values
    assert (str(v["40"]), str(v["42"]), str(v["33"]), str(v["36"])) == ("25000", "704", "704", "1004")
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    assert "Schedule C, line 30 $1,004" in text

    # The review page lists the filled rows and leaves out the empty ones.
    review = text_of(client.get(reverse("interview:review", kwargs={"pk": tax_return.pk})))
    assert "Improvement 3: cost $8,000.00" in review
    assert "Improvement 4: cost" not in review

    # Going back to the page shows the rows as saved, unfolded.
    html = client.get(step_url(tax_return, "depreciation")).content.decode()
    assert html.count('<details class="question-group" open>') == 2  # rows 2 and 3
    assert 'value="Windows"' in html


def test_an_incomplete_improvement_row_is_an_error_next_to_the_field_and_in_the_summary(logged_in):
    tax_return, location = create_return(logged_in, 2025, "Improvements")
    walk(logged_in, tax_return, location, BEFORE_DEPRECIATION)
    data = {
        **HOME,
        "improvement4_description": "Deck",
        "improvement4_cost": "4,000",
        "improvement5_cost": "900",
        "improvement5_month": "2",
        "improvement5_year": "2019",
    }
    response = post_step(logged_in, tax_return, "depreciation", data)
    assert response.status_code == 200
    html = response.content.decode()
    # Row 4: month and year missing; row 5: placed in service before business use began (March 2020).
    assert 'href="#id_depreciation-improvement4_month">Improvement 4: month placed in service: Needed' in html
    assert 'href="#id_depreciation-improvement4_year">Improvement 4: year placed in service: Needed' in html
    assert (
        'href="#id_depreciation-improvement5_year">Improvement 5: year placed in service: Improvements before'
        in html
    )
    assert 'id="id_depreciation-improvement4_month-error"' in html
    # The rows with errors are unfolded, and nothing typed is lost.
    assert html.count('<details class="question-group" open>') == 2
    assert 'value="Deck"' in html and 'value="4,000"' in html and 'value="900"' in html
    tax_return.refresh_from_db()
    assert "depreciation" not in tax_return.answers


def test_first_business_use_this_year_must_match_the_months_of_use_already_given():
    """'Used for business the whole year' with a first use in July would compute months that never happened."""
    from interview.forms import FORMS
    from tests.interview.test_rollover_flow import OWNER

    def depreciation_errors(answers, first_use_month, first_use_year=2025):
        data = {**OWNER["depreciation"], "first_use_year": first_use_year, "first_use_month": first_use_month}
        form = FORMS["depreciation"](answers=answers, tax_year=2025, prefix="depreciation")
        bound = FORMS["depreciation"](
            data=form.data_from_storage(data), answers=answers, tax_year=2025, prefix="depreciation"
        )
        bound.is_valid()
        return bound.errors.get("first_use_month", [])

    all_year = {k: v for k, v in OWNER.items() if k != "depreciation"}
    assert depreciation_errors(all_year, 1) == []
    (message,) = depreciation_errors(all_year, 7)
    assert "began in January 2025" in message
    # The office set up in July: a first use in July is what the earlier answers say.
    from_july = {
        **all_year,
        "office": {
            "office_area": "200",
            "office_whole_period": False,
            "office_first_month": 7,
            "office_last_month": 12,
            "shared": False,
        },
    }
    assert depreciation_errors(from_july, 7) == []
    assert "began in July 2025" in depreciation_errors(from_july, 3)[0]
    # A first use in an earlier year is not compared with this year's months.
    assert depreciation_errors(from_july, 3, first_use_year=2024) == []

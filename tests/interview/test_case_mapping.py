"""Answers -> the engine's case format (docs/case-format.md). Checked on the dict, field by field."""

import pytest
from django.urls import reverse

from homeoffice.engine import case_from_dict
from interview import case as C
from interview import services
from tests.interview.conftest import create_return, walk
from tests.interview.test_personas import OFFICE_PRINCIPAL, text_of

pytestmark = pytest.mark.django_db


def _save_all(user, year, answers):
    tax_return = services.create_return(user, year, "Mapping")
    for step, data in answers.items():
        tax_return = services.save_step(tax_return, user, step, data, tax_return.version)
    return tax_return


PARTNER = {
    "work": {"role": "partner", "business_description": "Law partnership", "trade_or_business": True},
    "income": {"gross_income": "30000", "expenses_not_from_home": "5000"},
    "space": {
        "space_type": "office",
        "regular_use": True,
        "exclusive_use": True,
        "also_used_for_employee_work": False,
    },
    "place": {
        "home_is_main_work_location": False,
        "admin_management_at_home": True,
        "substantial_admin_at_other_fixed_location": False,
        "meets_clients_in_person": False,
        "separate_structure": False,
    },
    "home": {
        "ownership": "rent",
        "measure": "rooms",
        "total_area": None,
        "total_rooms": 5,
        "whole_year": False,
        "first_month": 3,
        "last_month": 12,
        "moved": True,
    },
    "office": {
        "office_area": "150",
        "office_rooms": 1,
        "office_whole_period": False,
        "office_first_month": 4,
        "office_last_month": 12,
        "shared": True,
        "shared_area": "50",
        "shared_percentage": None,
    },
    "expenses": {
        "rent": "12000",
        "utilities": "1200",
        "security": "120",
        "other": "80",
        "expenses_cover": "business_period",
    },
    "phone_internet": {"internet_monthly": "50", "internet_business_pct": "40", "phone_monthly": None},
    "carryovers": {"carryover_operating": None, "carryover_excess": None},
    "deduction": {"filing_status": "married_joint", "deduction": "itemize"},
    "salt": {"state_local_income_or_sales_tax": "5000", "magi": "-100"},
}


def test_partner_renter_by_rooms_part_year_shared_itemizing(user):
    tax_return = _save_all(user, 2025, PARTNER)
    case = C.build_case(tax_return)
    assert (
        case["tax_year"] == 2025
        and case["deduction"] == "itemize"
        and case["filing_status"] == "married_joint"
    )
    assert case["businesses"] == [
        {
            "id": "business",
            "name": "Law partnership",
            "schedule": "partner",
            "gross_income": "30000",
            "expenses_not_from_home": "5000",
        }
    ]
    home = case["homes"][0]
    # Rooms: 5 rooms, the office is 1 room of 150 sq ft -> the home counts as 5 x 150 = 750 sq ft (20 %).
    assert home["total_area"] == "750.00"
    assert home["business_use"] == {"start": "2025-03-01", "end": "2025-12-31"}
    assert home["expenses_cover"] == "business_period"
    space = home["spaces"][0]
    assert space["area"] == "150" and space["use"] == "regular_exclusive"
    assert space["periods"] == [{"start": "2025-04-01", "end": "2025-12-31"}]
    assert space["shared_area"] == "50" and "shared_percentage" not in space
    # Security monitoring joins "other" (Form 8829 line 22): 120 + 80.
    assert home["expenses"] == {"rent": "12000", "utilities": "1200", "other": "200"}
    assert "depreciation" not in home and "mortgage_interest" not in home
    # Internet: 12 x $50 = $600 a year at 40 %.
    assert case["internet"] == {"annual_cost": "600", "business_use_percentage": "40", "business": "business"}
    assert "second_phone_line" not in case
    assert case["salt"]["magi"] == "-100" and case["salt"]["state_local_income_or_sales_tax"] == "5000"
    assert case["eligibility"]["admin_management_at_home"] is True
    case_from_dict(case)  # the engine accepts it


def test_owner_depreciation_and_improvement_mapping(user):
    answers = {
        **{k: v for k, v in PARTNER.items() if k not in ("salt",)},
        "work": {"role": "self_employed", "business_description": "Studio", "trade_or_business": True},
        "home": {
            "ownership": "own",
            "measure": "sqft",
            "total_area": "2000",
            "whole_year": True,
            "moved": False,
        },
        "office": {"office_area": "200", "office_whole_period": True, "shared": False},
        "expenses": {
            "mortgage_interest": "9000",
            "mortgage_interest_deductible": "8000",
            "real_estate_taxes": "3000",
            "repairs_direct": "250",
        },
        "depreciation": {
            "purchase_price": "300000",
            "improvements_before": "20000",
            "land_value": "60000",
            "fmv_at_first_use": "350000",
            "first_use_month": 6,
            "first_use_year": 2019,
            "depreciation_claimed": "5000",
            "simplified_years": "2021, 2022",
            "improvement_description": "New roof",
            "improvement_cost": "15000",
            "improvement_month": 7,
            "improvement_year": 2024,
        },
        "carryovers": {"carryover_operating": "100", "carryover_excess": None},
        "deduction": {"filing_status": "single", "deduction": "standard"},
    }
    case = C.build_case(_save_all(user, 2025, answers))
    home = case["homes"][0]
    assert home["mortgage_interest"] == {"paid": "9000", "deductible_if_itemizing": "8000"}
    assert home["real_estate_taxes"] == "3000"
    assert home["expenses"] == {"repairs": {"direct": "250"}}
    # Adjusted basis including land = price 300,000 + earlier improvements 20,000.
    assert home["depreciation"] == {
        "first_business_use": "2019-06",
        "adjusted_basis": "320000",
        "fair_market_value": "350000",
        "land_value": "60000",
        "depreciation_claimed": "5000",
        "simplified_years": [2021, 2022],
        "improvements": [{"description": "New roof", "cost": "15000", "placed_in_service": "2024-07"}],
    }
    assert home["carryover_in"] == {"operating": "100", "excess_casualty_and_depreciation": "0"}
    assert "salt" not in case  # standard deduction
    case_from_dict(case)


def test_incomplete_return_cannot_build_a_case(user):
    tax_return = services.create_return(user, 2025, "Empty")
    with pytest.raises(C.CaseIncomplete) as exc:
        C.build_case(tax_return)
    assert exc.value.step == "work"


def test_farmer_reports_on_schedule_f_line_32(logged_in):
    client = logged_in
    tax_return, location = create_return(client, 2024, "Orchard office")
    walk(
        client,
        tax_return,
        location,
        [
            ("work", {"role": "farmer", "business_description": "Apple orchard", "trade_or_business": "yes"}),
            ("income", {"gross_income": "80000", "expenses_not_from_home": "50000"}),
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
                    "total_area": "2000",
                    "whole_year": "yes",
                    "moved": "no",
                },
            ),
            ("office", {"office_area": "200", "office_whole_period": "yes", "shared": "no"}),
            ("expenses", {"rent": "12000", "utilities": "1200"}),
            ("phone_internet", {}),
            ("carryovers", {}),
            ("deduction", {"filing_status": "single", "deduction": "standard"}),
        ],
    )
    text = text_of(client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})))
    # 200 / 2,000 = 10 %; (12,000 + 1,200) x 10 % = $1,320 on the Pub 587 worksheet -> Schedule F line 32.
    # Simplified: 200 x $5 = $1,000.
    assert "Schedule F, line 32" in text
    assert "$1,320" in text
    assert "Simplified method $1,000" in text


def test_judging_the_same_answers_again_is_remembered_but_an_in_place_change_is_seen():
    answers = {"work": dict(PARTNER["work"]), "income": dict(PARTNER["income"])}
    first = C.effective_answers(answers, 2025)
    assert first["income"]["gross_income"] == "30000"
    assert C.first_unanswered(answers, 2025) == "space"
    answers["income"]["gross_income"] = "31000"  # the same dict object, changed in place
    assert C.effective_answers(answers, 2025)["income"]["gross_income"] == "31000"
    answers["work"]["role"] = "employee"  # a role that brings in the employee questions
    assert C.first_unanswered(answers, 2025) != "space"
    assert first["income"]["gross_income"] == "30000"  # what was handed out earlier is not shared

"""Case dicts for the PDF tests (docs/case-format.md), computed by the engine. The PDF tests check the
presentation — every line's amount printed on its line — so expected amounts come from the engine's Result,
except the hand-checked Pub 587 figures (Mary Lake), which are written out here."""

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

from homeoffice.engine import case_from_dict, compute

ROOT = Path(__file__).resolve().parents[2]

OFFICE = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "office",
    "exclusive_use": True,
    "also_used_for_employee_work": False,
    "regular_use": True,
    "home_is_main_work_location": True,
}
DAYCARE = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "daycare",
    "daycare_qualifying_care": True,
    "daycare_license_status": "granted",
    "exclusive_use": False,
    "also_used_for_employee_work": False,
    "regular_use": True,
}


def doc_example() -> dict:
    """The complete example of docs/case-format.md: homeowner, itemizer, depreciation, an improvement,
    carryovers in, internet."""
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"## Complete example.*?```json\n(.*?)```", text, re.S).group(1))


# Pub 587 (2013), Daycare Facility, Example 1 (Mary Lake): 1,600 of 3,200 sq ft, 12 h x 5 d x 50 weeks = 3,000
# hours of 8,760; rent 8,400 and utilities 850 (indirect), basement painting 500 (direct, daycare area not
# used exclusively). Pub 587: line 7 = 17.13%; 9,250 x 17.13% = 1,585; 500 x 34.25% = 171; Schedule C
# line 30 = 1,756.
MARY_LAKE = {
    "tax_year": 2013,
    "method": "actual",
    "eligibility": DAYCARE,
    "businesses": [
        {
            "id": "daycare",
            "name": "Mary Lake Family Daycare",
            "gross_income": "50000",
            "expenses_not_from_home": "25000",
        }
    ],
    "homes": [
        {
            "id": "home",
            "ownership": "rent",
            "total_area": "3200",
            "spaces": [{"id": "basement", "area": "1600", "use": "daycare"}],
            "daycare": {"hours_used": "3000"},
            "expenses": {"rent": "8400", "utilities": "850", "repairs": {"direct_daycare": "500"}},
        }
    ],
}

SIMPLIFIED = {
    "tax_year": 2025,
    "method": "simplified",
    "eligibility": OFFICE,
    "businesses": [
        {
            "id": "writing",
            "name": "Freelance writing",
            "gross_income": "42000",
            "expenses_not_from_home": "3000",
        }
    ],
    "homes": [
        {
            "id": "apartment",
            "ownership": "rent",
            "total_area": "900",
            "spaces": [{"id": "den", "area": "180"}],
            "expenses": {"rent": "18000", "utilities": "1500"},
        }
    ],
}

FARM = {
    "tax_year": 2025,
    "method": "actual",
    "eligibility": {**OFFICE, "role": "farmer"},
    "businesses": [
        {
            "id": "farm",
            "name": "Orchard",
            "schedule": "F",
            "gross_income": "60000",
            "expenses_not_from_home": "30000",
        }
    ],
    "homes": [
        {
            "id": "farmhouse",
            "ownership": "own",
            "total_area": "2400",
            "spaces": [{"id": "office", "area": "240"}],
            "mortgage_interest": {"paid": "9000"},
            "real_estate_taxes": "3000",
            "expenses": {"insurance": "1500", "utilities": "3000"},
            "depreciation": {
                "first_business_use": "2019-05",
                "adjusted_basis": "300000",
                "fair_market_value": "350000",
                "land_value": "60000",
            },
        }
    ],
}

# A W-2 employee: the engine's verdict is "does not qualify" (IRC §67(g), 2018-2025); no amounts.
NOT_QUALIFYING = {
    "tax_year": 2025,
    "eligibility": {"role": "employee", "trade_or_business": True, "employee_category": "none"},
    "businesses": [{"id": "job", "name": "W-2 job", "gross_income": "90000"}],
    "homes": [
        {
            "id": "apartment",
            "ownership": "rent",
            "total_area": "900",
            "spaces": [{"id": "den", "area": "120"}],
            "expenses": {"rent": "18000"},
        }
    ],
}


# Moved in July: two homes, each with its own Form 8829 (Pub 587, More than one home).
TWO_HOMES = {
    "tax_year": 2025,
    "eligibility": OFFICE,
    "businesses": [{"id": "design", "gross_income": "80000", "expenses_not_from_home": "10000"}],
    "homes": [
        {
            "id": "old-apartment",
            "ownership": "rent",
            "total_area": "800",
            "business_use": {"start": "2025-01-01", "end": "2025-06-30"},
            "spaces": [{"id": "den", "area": "100"}],
            "expenses": {"rent": "9000", "utilities": "900"},
        },
        {
            "id": "new-house",
            "ownership": "rent",
            "total_area": "1600",
            "business_use": {"start": "2025-07-01", "end": "2025-12-31"},
            "spaces": [{"id": "office", "area": "200"}],
            "expenses": {"rent": "12000", "utilities": "1500"},
        },
    ],
}


def provisional_2026() -> dict:
    case = copy.deepcopy(SIMPLIFIED)
    case["tax_year"] = 2026
    return case


def with_review_flag() -> dict:
    """Depreciation after a simplified-method year: the engine flags it for review."""
    case = doc_example()
    case["homes"][0]["depreciation"]["simplified_years"] = [2023]
    return case


CASES = {
    "doc_example": doc_example,
    "mary_lake_daycare": lambda: copy.deepcopy(MARY_LAKE),
    "simplified": lambda: copy.deepcopy(SIMPLIFIED),
    "farm_pub587": lambda: copy.deepcopy(FARM),
    "not_qualifying": lambda: copy.deepcopy(NOT_QUALIFYING),
    "two_homes": lambda: copy.deepcopy(TWO_HOMES),
    "provisional_2026": provisional_2026,
    "review_flag": with_review_flag,
}


def result_for(name: str):
    return compute(case_from_dict(CASES[name](), allow_reference_years=True))


def expected_text(amount, kind: str) -> str:
    """How the PDF must write a line's amount (the presentation contract, written out independently)."""
    if amount is None:
        return ""
    d = Decimal(amount)
    if kind == "percent":
        return f"{d:,f}%"
    if kind == "decimal":
        return f"{d:f}"
    if kind == "rate":
        return f"${d:,.2f}" if d.as_tuple().exponent > -2 else f"${d:,f}"
    if kind == "money":
        # The site's money format (issue #16): whole dollars without cents, otherwise cents; no $ in the
        # column; negative in parentheses as on the form.
        text = f"{abs(d):,.0f}" if d == d.to_integral_value() else f"{abs(d):,.2f}"
        return f"({text})" if d < 0 else text
    return f"{d:,f}"

"""Shared helpers for engine tests (no database, no Django needed)."""

import copy
import json
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# A committed copy, so a clone without shared/ beside it still runs every case; tests/site/
# test_reference_data.py fails when it drifts from the team's shared/domain copy.
REFERENCE_CASES = REPO_ROOT / "tests" / "data" / "reference_cases.json"

OFFICE_ELIGIBILITY = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "office",
    "exclusive_use": True,
    "also_used_for_employee_work": False,
    "regular_use": True,
    "home_is_main_work_location": True,
}
DAYCARE_ELIGIBILITY = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "daycare",
    "daycare_qualifying_care": True,
    "daycare_license_status": "granted",
    "exclusive_use": False,
    "also_used_for_employee_work": False,
    "regular_use": True,
}

BASE_CASE = {
    "tax_year": 2025,
    "filing_status": "single",
    "deduction": "standard",
    "method": "auto",
    "eligibility": OFFICE_ELIGIBILITY,
    "businesses": [{"id": "biz", "name": "Consulting", "schedule": "C", "gross_income": "80000"}],
    "homes": [
        {
            "id": "home",
            "ownership": "rent",
            "total_area": "1000",
            "spaces": [{"id": "office", "area": "100"}],
            "expenses": {"rent": "12000", "utilities": "2400"},
        }
    ],
}


def load_reference_cases() -> dict:
    # Fail loudly: the reference file is the oracle; a missing file must never turn into skipped tests.
    if not REFERENCE_CASES.is_file():
        raise FileNotFoundError(f"reference cases not found at {REFERENCE_CASES}")
    with REFERENCE_CASES.open(encoding="utf-8") as fh:
        return json.load(fh, parse_float=Decimal)


def make_case(**changes) -> dict:
    """A valid case dict (BASE_CASE) with top-level keys replaced; nested edits via the returned dict."""
    case = copy.deepcopy(BASE_CASE)
    case.update(copy.deepcopy(changes))
    return case

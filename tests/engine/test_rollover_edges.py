"""Rollover and ledger edges: last supported year, starting point from another preparer, Pub 523 (C18)."""

import copy
from decimal import Decimal

import pytest

from homeoffice.engine import UnsupportedYear, case_from_dict, compute
from homeoffice.engine.rollover import home_ledger, roll_forward

from .casekit import load_reference_cases, make_case
from .test_rollover_scenario import CASE_2023

D = Decimal
C18 = next(c for c in load_reference_cases()["cases"] if c["id"].startswith("C18"))


def test_no_rollover_past_the_last_supported_year():
    case = make_case(tax_year=2026)
    with pytest.raises(UnsupportedYear):
        roll_forward(case, compute(case_from_dict(case)))


def test_result_of_another_year_is_refused():
    case = make_case(tax_year=2024)
    r = compute(case_from_dict(make_case(tax_year=2025)))
    with pytest.raises(ValueError):
        roll_forward(case, r)


def test_forced_method_is_reset_and_not_qualifying_year_keeps_carryovers():
    case = make_case(tax_year=2024, method="simplified")
    case["homes"][0]["carryover_in"] = {"operating": "75"}
    case["eligibility"] = dict(case["eligibility"], exclusive_use=False)
    r = compute(case_from_dict(case))
    assert not r.computed
    roll = roll_forward(case, r)
    assert roll.case["method"] == "auto"
    assert roll.case["homes"][0]["carryover_in"] == {
        "operating": "75",
        "excess_casualty_and_depreciation": "0",
    }


def _from_other_preparer():
    """Taxpayer coming from another preparer: first use 2024-12, 'depreciation claimed so far' 2,000 (no
    year-by-year history), 2025 under the simplified method. 2024 allowable: 20,000 x 0.107 % = 21.40 -> 21."""
    case = copy.deepcopy(CASE_2023)
    case["tax_year"] = 2025
    case["method"] = "simplified"
    dep = case["homes"][0]["depreciation"]
    dep["first_business_use"] = "2024-12"
    dep["depreciation_claimed"] = "2000"
    return case


def test_opening_balance_from_another_preparer():
    case = _from_other_preparer()
    r = compute(case_from_dict(case))
    ledger = home_ledger(case_from_dict(case), r, "elm")
    assert [(e.year, e.method, e.allowable, e.allowed) for e in ledger.rows] == [
        (2024, "actual", D(21), None),  # covered by the 2,000 entered as claimed so far
        (2025, "simplified", D(0), D(0)),
    ]
    assert ledger.opening_allowed == D(2000)
    # allowed or allowable: max(2,000, 21) = 2,000
    assert (ledger.total_allowable, ledger.total_allowed, ledger.basis_reduction) == (D(21), D(2000), D(2000))
    # rolled forward: the total claimed so far grows by what was deducted in 2025 (nothing: simplified)
    roll = roll_forward(case, r)
    assert roll.case["homes"][0]["depreciation"]["depreciation_claimed"] == "2000"
    assert roll.case["homes"][0]["depreciation"]["simplified_years"] == [2025]


def test_c18_pub523_sale_from_the_ledger():
    """Reference case C18: depreciation allowed 2,000, gain 13,000 -> 2,000 unrecaptured §1250, 11,000
    excludable (inputs and expected values read from reference_cases.json)."""
    i, expected = C18["inputs"], C18["expected"]
    case = _from_other_preparer()
    case["homes"][0]["depreciation"]["depreciation_claimed"] = str(i["depreciation_allowed_after_1997_05_06"])
    r = compute(case_from_dict(case))
    ledger = home_ledger(case_from_dict(case), r, "elm")
    sale = ledger.sale(D(i["gain"]))
    assert sale.unrecaptured_1250_gain == expected["unrecaptured_sec1250_gain_recognized"]
    assert sale.excludable_gain == expected["excludable_gain"]


def test_renter_has_no_ledger():
    case = make_case()
    r = compute(case_from_dict(case))
    assert home_ledger(case_from_dict(case), r, "home") is None

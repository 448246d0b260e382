"""Moved during the year: two homes in one return, each with its own Form 8829 for its months and expenses;
the simplified method for one home only (Pub 587, More than one home; i8829: one Form 8829 per home).

Hand figures. Business: gross 30,000 - other expenses 6,000 = 24,000 (Schedule C line 29).
income_by_home: old 12,000, new 18,000 of 30,000 -> line 8 old = 24,000 x 0.4 = 9,600; new = 24,000 x 0.6 = 14,400.
Old home (rented Jan-Jun): 100 / 1,000 sq ft = 10 %; rent 6,000 + utilities 1,200 = 7,200 x 10 % = 720;
  + 300 operating carryover in = 1,020 (line 36). Simplified: 100 sq ft for 6 months -> 600 / 12 = 50 sq ft
  -> 50 x $5 = 250.
New home (owned Jul-Dec): 300 / 2,000 = 15 %; standard deduction -> mortgage 5,000 + taxes 1,500 on lines
  16/17 (b); with utilities 1,000 + insurance 600: 8,100 x 15 % = 1,215. Depreciation: 37 = 300,000,
  38 = 60,000, 39 = 240,000, 40 = 36,000 x 1.177 % (July) = 423.72 -> 424. Line 36 = 1,215 + 424 = 1,639.
  Simplified: 300 sq ft x 6 months / 12 = 150 sq ft -> 750.
Options: all actual 1,020 + 1,639 = 2,659; simplified old 250 + 1,639 = 1,889; simplified new 1,020 + 750 = 1,770.
"""

import copy
from decimal import Decimal

import pytest

from homeoffice.engine import InputError, case_from_dict, compute
from homeoffice.engine.rollover import roll_forward

from .casekit import OFFICE_ELIGIBILITY

D = Decimal

MOVED = {
    "tax_year": 2025,
    "deduction": "standard",
    "eligibility": OFFICE_ELIGIBILITY,
    "businesses": [
        {
            "id": "biz",
            "name": "Design",
            "gross_income": "30000",
            "expenses_not_from_home": "6000",
            "income_by_home": {"old": "12000", "new": "18000"},
        }
    ],
    "homes": [
        {
            "id": "old",
            "ownership": "rent",
            "total_area": "1000",
            "business_use": {"start": "2025-01-01", "end": "2025-06-30"},
            "spaces": [{"id": "o1", "area": "100"}],
            "expenses": {"rent": "6000", "utilities": "1200"},
            "carryover_in": {"operating": "300"},
        },
        {
            "id": "new",
            "ownership": "own",
            "total_area": "2000",
            "business_use": {"start": "2025-07-01", "end": "2025-12-31"},
            "spaces": [{"id": "o2", "area": "300"}],
            "mortgage_interest": "5000",
            "real_estate_taxes": "1500",
            "expenses": {"utilities": "1000", "insurance": "600"},
            "depreciation": {
                "first_business_use": "2025-07",
                "adjusted_basis": "300000",
                "fair_market_value": "320000",
                "land_value": "60000",
            },
        },
    ],
}


def _homes(result):
    return {h.home: h for h in result.homes}


def test_each_home_has_its_own_form_8829():
    r = compute(case_from_dict(MOVED))
    h = _homes(r)
    old, new = h["old"].actual.values, h["new"].actual.values
    assert (old["7"], old["8"], old["24"], old["25"], old["36"]) == (
        D("0.1"),
        D(9600),
        D(720),
        D(300),
        D(1020),
    )
    assert (new["7"], new["8"], new["24"], new["40"], new["41"], new["42"], new["36"]) == (
        D("0.15"),
        D(14400),
        D(1215),
        D(36000),
        D("1.177"),
        D(424),
        D(1639),
    )
    assert [h["old"].simplified[0].amount, h["new"].simplified[0].amount] == [D(250), D(750)]
    assert r.total_deduction == D(2659)
    assert {h.method for h in r.homes} == {"actual"}


def test_simplified_method_for_one_home_only():
    r = compute(case_from_dict(MOVED))
    totals = {o.simplified_home: o.total for o in r.comparison.options}
    assert totals == {None: D(2659), "old": D(1889), "new": D(1770)}
    # No option puts both homes on the simplified method
    assert all(sum(m == "simplified" for _, m, _ in o.by_home) <= 1 for o in r.comparison.options)
    case = copy.deepcopy(MOVED)
    case["method"] = "simplified"
    case["simplified_home"] = "new"
    r = compute(case_from_dict(case))
    assert {h.home: h.method for h in r.homes} == {"old": "actual", "new": "simplified"}
    assert r.total_deduction == D(1770)
    # The old home's carryover is used on its own Form 8829 (actual), nothing frozen there
    assert _homes(r)["old"].carryover_frozen is False


def test_periods_of_two_homes_must_not_overlap():
    case = copy.deepcopy(MOVED)
    case["homes"][1]["business_use"]["start"] = "2025-06-15"
    with pytest.raises(InputError) as e:
        case_from_dict(case)
    assert e.value.field == "homes"


def test_rollover_continues_with_the_new_home_and_gathers_carryovers():
    case = copy.deepcopy(MOVED)
    # old home earns 1,000 of 30,000: line 8 = 24,000 / 30 = 800 < 1,020 -> 220 operating carries over
    case["businesses"][0]["income_by_home"] = {"old": "1000", "new": "29000"}
    r = compute(case_from_dict(case))
    assert _homes(r)["old"].actual.values["43"] == D(220)
    roll = roll_forward(case, r)
    nxt = roll.case
    assert [h["id"] for h in nxt["homes"]] == ["new"]
    assert nxt["homes"][0]["carryover_in"] == {"operating": "220", "excess_casualty_and_depreciation": "0"}
    assert "business_use" not in nxt["homes"][0]
    assert "income_by_home" not in nxt["businesses"][0]
    nr = compute(case_from_dict(nxt))
    v = nr.homes[0].actual.values
    # 2026, whole year in the new home: line 25 = 220; depreciation year 2 = 36,000 x 2.564 % = 923.04 -> 923
    assert (v["25"], v["41"], v["42"]) == (D(220), D("2.564"), D(923))


def test_an_itemizer_who_moved_counts_the_other_homes_real_estate_taxes_on_each_line_11_worksheet():
    # 2024 (flat $10,000 cap). Both homes owned, each 10 % office, each with 3,000 of real estate taxes for
    # its months; 6,000 of state income tax. Total SALT 12,000 > 10,000: the worksheet for each home.
    # Old home: 1 = 6,000; 2 = 3,000; 3 = 3,000 (the new home); 5 = 12,000; 6 = 3,000 x 10 % = 300;
    # 7a = 11,700; 8 = 10,000; 9 = 0; 10 = 0 -> line 11(a) 0; 11 = 300 -> line 17(a) 300. The new home alike.
    # (Each worksheet on its own would see 9,000 <= 10,000 and put the 300 in tier 1, twice over the cap.)
    d = copy.deepcopy(MOVED)
    d.update(tax_year=2024, deduction="itemize", salt={"state_local_income_or_sales_tax": "6000"})
    for home, (start, end) in zip(d["homes"], (("01-01", "06-30"), ("07-01", "12-31")), strict=True):
        home.update(ownership="own", total_area="1000", real_estate_taxes="3000")
        home["business_use"] = {"start": f"2024-{start}", "end": f"2024-{end}"}
        home["spaces"][0]["area"] = "100"
        home.pop("depreciation", None)
        home.pop("mortgage_interest", None)
    d["homes"][1]["depreciation"] = {
        "first_business_use": "2024-07",
        "adjusted_basis": "300000",
        "fair_market_value": "320000",
        "land_value": "60000",
    }
    r = compute(case_from_dict(d))
    for h in r.homes:
        v = h.actual.values
        assert (v["11a"], v["11b"], v["17a"]) == (D(0), D(0), D(300)), h.home
        assert h.actual.line11.amount("l11ws.3") == D(3000)

"""Method advisor (homeoffice.engine.advisor): both methods now and next year with the same facts.

Hand figures: the BASE_CASE renter (casekit): 1,000 sq ft, office 100 sq ft -> 10 %; rent 12,000 + utilities
2,400 = 14,400 x 10 % = 1,440 actual; simplified 100 x $5 = 500.
"""

from decimal import Decimal

from homeoffice.engine.advisor import advise

from .casekit import make_case
from .test_rollover_scenario import CASE_2023

D = Decimal


def test_renter_actual_larger_now_and_next_year():
    case = make_case()  # 2025
    a = advise(case)
    assert a.computed and a.recommended == "actual"
    act, simp = a.scenario("actual"), a.scenario("simplified")
    assert (act.this_year, simp.this_year) == (D(1440), D(500))
    # 2026 with the same facts: again 1,440 / 500
    assert a.next_year_available
    assert (act.next_year_actual, act.next_year_simplified) == (D(1440), D(500))
    assert act.two_years == D(2880)
    assert simp.two_years == D(1940)  # 500 + 1,440
    # Tax saved (single, 2025, no other income given, no W-2 wages), by hand:
    # no home office: profit 80,000; SE earnings 80,000 x 0.9235 = 73,880.00; SE tax 9,161.12 + 2,142.52 =
    #   11,303.64; AGI 80,000 - 5,651.82 = 74,348.18; less standard 15,750 = 58,598.18; §199A 20% of the
    #   smaller of 74,348.18 and 58,598.18 = 11,719.64; taxable 46,878.54; tax 1,192.50 + 12% x 34,953.54 =
    #   5,386.92.
    # actual (1,440): profit 78,560; earnings 72,550.16; SE 8,996.22 + 2,103.95 = 11,100.17 (203.47 less);
    #   AGI 78,560 - 5,550.09 = 73,009.91; - 15,750 = 57,259.91; §199A 11,451.98; taxable 45,807.93;
    #   tax 1,192.50 + 12% x 33,882.93 = 5,258.45 (128.47 less). Saved 203.47 + 128.47 = 331.94.
    assert act.tax_saved == D("331.94")
    assert "actual expenses about $332 (self-employment tax $203, income tax $128)" in a.points[1]
    assert a.recommended_by == "tax_two_years"
    assert a.points[-1].startswith("Recommendation: actual expenses (it saves more federal tax over 2025")


def test_frozen_carryovers_and_depreciation_trade_offs():
    """CASE_2023 rolled to 2024 facts with carryovers 200/492 in (see test_rollover_scenario)."""
    case = dict(CASE_2023)
    case["homes"] = [
        dict(
            CASE_2023["homes"][0],
            carryover_in={"operating": "200", "excess_casualty_and_depreciation": "492"},
        )
    ]
    case["tax_year"] = 2024
    a = advise(case)
    act, simp = a.scenario("actual"), a.scenario("simplified")
    # 2024 actual: line 8 1,500, tier 1 1,300, line 15 200; ops 400 + 200 = 600 -> 200 allowed, 400 carried;
    # depreciation 513 + 492 carried -> 0 allowed, 1,005 carried. Deduction 1,500; carried 1,405.
    assert act.this_year == D(1500)
    assert act.carryover_out == D(1405)
    assert act.depreciation == D(0)
    # simplified: 1,000; the 692 carried in stays frozen
    assert simp.this_year == D(1000)
    assert simp.frozen and simp.carryover_out == D(692)
    assert any("You bring $692 of unallowed expenses" in p and "frozen" in p for p in a.points)
    assert any("$1,405 does not fit under this year's income limit" in p for p in a.points)


def test_depreciation_point_when_actual_deducts_depreciation():
    case = dict(CASE_2023)
    case["businesses"] = [dict(CASE_2023["businesses"][0], gross_income="18000")]
    a = advise(case)  # 2023, line 8 10,000: all of 492 deducted
    assert a.scenario("actual").depreciation == D(492)
    assert any(p.startswith("Actual expenses deduct $492 of depreciation this year.") for p in a.points)


def test_next_year_not_available_for_the_last_supported_year():
    case = make_case(tax_year=2026)
    a = advise(case)
    assert a.computed and not a.next_year_available
    assert a.scenario("actual").next_year_actual is None
    assert any("cannot be estimated yet" in p for p in a.points)

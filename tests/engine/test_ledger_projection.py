"""Issue #13: the depreciation ledger projected to the end of recovery, and "allowed" said truthfully.

Pub 587's George Miller: business use from May 2013, building basis 115,000 x 8 % = 9,200 (business basis).
Table A-7a (39-year, mid-month): May first year 1.605 %, years 2-39 2.564 %, year 40 (2052) 0.963 %;
1.605 + 38 x 2.564 + 0.963 = 100.000. In whole dollars: 2013 147.66 -> 148; each later year 235.888 -> 236.
"""

from decimal import Decimal

from homeoffice.engine import case_from_dict, compute
from homeoffice.engine.rollover import home_ledger

from .casekit import make_case

D = Decimal


def miller(**depreciation):
    home = {
        "id": "home",
        "ownership": "own",
        "total_area": "1000",
        "spaces": [{"id": "office", "area": "80"}],
        "expenses": {"utilities": "10000"},  # actual 800 + 236 beats simplified 80 x $5 = 400
        "depreciation": {
            "first_business_use": "2013-05",
            "adjusted_basis": "125000",  # 115,000 building + 10,000 land
            "fair_market_value": "175000",
            "land_value": "10000",
            **depreciation,
        },
    }
    case = case_from_dict(make_case(homes=[home]))
    return home_ledger(case, compute(case), "home")


def test_george_miller_ledger_runs_to_year_40_and_totals_the_business_basis():
    ledger = miller()
    assert ledger.business_basis == D(9200)
    # Through 2025: 148 + 12 x 236 = 2,980.
    assert [r.allowable for r in ledger.rows][:2] == [D(148), D(236)]
    assert ledger.total_allowable == D(2980)
    proj = ledger.projection
    assert (proj[0].year, proj[-1].year, proj[-1].recovery_year) == (2026, 2052, 40)
    # 2026-2051: 26 x 236 = 6,136 -> 9,116 so far; 2052 takes the rest, 84 (the table's 0.963 % would be 89:
    # rounding each year up from 235.888 added 4.26, and 147.66 -> 148 added 0.34).
    assert all(r.rate == D("2.564") and r.allowable == D(236) for r in proj[:-1])
    assert (proj[-1].rate, proj[-1].allowable) == (D("0.963"), D(84))
    assert ledger.projected_total == D(9200) == ledger.business_basis


def test_ledger_says_the_allowable_amount_was_assumed_when_nothing_was_entered():
    ledger = miller()
    assert ledger.assumed_years == tuple(range(2013, 2025))
    assert "assumes the allowable amount was claimed" in ledger.allowed_note
    assert "allowed-or-allowable" in ledger.allowed_note
    assert "as you entered it" not in ledger.allowed_note


def test_ledger_says_as_entered_only_when_it_was_entered():
    ledger = miller(depreciation_claimed="2832")
    assert ledger.assumed_years == ()
    assert ledger.opening_allowed == D(2832)
    assert "as you entered it" in ledger.allowed_note

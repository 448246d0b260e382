"""Simplified method: allowable area by month, 300 sq ft cap, sharing, daycare rate, income limit."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeoffice.engine import case_from_dict, compute, load_params

from .casekit import DAYCARE_ELIGIBILITY, make_case

RATE = load_params(2025)["simplified_rate"]
CAP = load_params(2025)["simplified_max_area"]


def simplified(spaces, *, gross="100000", homes_extra=None, **case_changes):
    home = {"id": "home", "ownership": "rent", "total_area": "3000", "spaces": spaces}
    home.update(homes_extra or {})
    d = make_case(
        businesses=case_changes.pop("businesses", [{"id": "biz", "gross_income": gross}]),
        homes=[home],
        method="simplified",
        **case_changes,
    )
    return compute(case_from_dict(d))


@pytest.mark.parametrize("area", [299, 300, 301])
def test_simplified_method_caps_area_at_300_sq_ft(area):
    use = simplified([{"id": "s", "area": str(area)}]).homes[0].simplified[0]
    assert use.values["smw.2"] == min(Decimal(area), CAP)
    assert use.values["smw.4"] == min(Decimal(area), CAP) * RATE


@pytest.mark.parametrize(("days", "counts"), [(14, False), (15, True)])
def test_month_with_fewer_than_15_days_of_use_counts_zero(days, counts):
    # Use starts so that June has exactly `days` days of use.
    start = f"2025-06-{30 - days + 1:02d}"
    use = simplified([{"id": "s", "area": "200", "periods": [{"start": start, "end": "2025-12-31"}]}]).homes[
        0
    ]
    monthly = use.simplified[0].monthly
    assert monthly[5] == (Decimal(200) if counts else 0)
    assert all(m == 200 for m in monthly[6:]) and all(m == 0 for m in monthly[:5])


def test_area_change_mid_month_counts_the_larger_area_used_at_least_15_days():
    periods = [
        {"start": "2025-01-01", "end": "2025-03-10", "area": "100"},
        {"start": "2025-03-11", "end": "2025-12-31", "area": "250"},
    ]
    monthly = simplified([{"id": "s", "area": "250", "periods": periods}]).homes[0].simplified[0].monthly
    assert monthly[2] == 250  # March: 250 sq ft used 21 days
    assert monthly[0] == 100


def test_several_businesses_share_one_300_sq_ft_cap():
    businesses = [{"id": "a", "gross_income": "50000"}, {"id": "b", "gross_income": "50000"}]
    spaces = [{"id": "x", "area": "200", "business": "a"}, {"id": "y", "area": "200", "business": "b"}]
    uses = simplified(spaces, businesses=businesses).homes[0].simplified
    assert sum(u.values["smw.2"] for u in uses) == CAP
    assert uses[0].values["smw.2"] == uses[1].values["smw.2"]


def test_daycare_reduces_the_rate_by_the_hours_fraction():
    r = simplified(
        [{"id": "s", "area": "300", "use": "daycare"}],
        homes_extra={"daycare": {"hours_used": "3400"}},
        eligibility=DAYCARE_ELIGIBILITY,
    )
    use = r.homes[0].simplified[0]
    assert use.values["smw.3b"] == (Decimal(3400) / 8760).quantize(Decimal("0.0001"))
    assert use.values["smw.3c"] == (RATE * use.values["smw.3b"]).quantize(Decimal("0.01"))
    assert use.daycare is not None


def test_no_daycare_rate_reduction_with_300_sq_ft_used_exclusively_for_daycare():
    r = simplified(
        [
            {"id": "ex", "area": "300", "use": "daycare_exclusive"},
            {"id": "pt", "area": "100", "use": "daycare"},
        ],
        homes_extra={"daycare": {"hours_used": "3400"}},
        eligibility=DAYCARE_ELIGIBILITY,
    )
    use = r.homes[0].simplified[0]
    assert use.values["smw.3b"] == 1 and use.values["smw.3c"] == RATE


def test_gross_income_limit_cuts_the_deduction_without_carryover():
    r = simplified([{"id": "s", "area": "300"}], gross="700")
    use = r.homes[0].simplified[0]
    assert use.values["smw.5"] == Decimal(700)
    assert r.homes[0].carryover_next_year.operating == 0
    assert r.homes[0].carryover_frozen


def test_negative_income_limit_gives_zero_not_a_negative_deduction():
    r = simplified(
        [{"id": "s", "area": "300"}],
        businesses=[{"id": "biz", "gross_income": "100", "expenses_not_from_home": "900"}],
    )
    assert r.homes[0].simplified[0].values["smw.5"] == 0


def test_prior_actual_method_carryovers_are_frozen_and_reported_not_used():
    r = simplified(
        [{"id": "s", "area": "200"}],
        homes_extra={"carryover_in": {"operating": "700", "excess_casualty_and_depreciation": "300"}},
    )
    home = r.homes[0]
    assert home.method == "simplified"
    assert home.simplified[0].values["smw.6a"] == 700 and home.simplified[0].values["smw.6b"] == 300
    assert home.carryover_next_year.operating == 700 and home.carryover_frozen
    assert r.report[0].amount == home.simplified[0].values["smw.4"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=2000), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=500_000),
)
def test_simplified_never_exceeds_1500_per_home(areas, gross):
    spaces = [{"id": f"s{i}", "area": str(a)} for i, a in enumerate(areas)]
    total = sum(areas)
    r = simplified(spaces, gross=str(gross), homes_extra={"total_area": str(max(total, 3000))})
    assert sum(u.values["smw.5"] for u in r.homes[0].simplified) <= RATE * CAP

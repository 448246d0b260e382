"""Per-year parameter files and depreciation (Part III, improvements, ledger, sale)."""

import calendar
from decimal import Decimal

import pytest

from homeoffice.engine import UnsupportedYear, load_params, missing_parameters, supported_years
from homeoffice.engine.depreciation import depreciation_ledger, home_part3, rate_for_year, table_rate
from homeoffice.engine.facts import DepreciationFacts, Improvement, YearMonth
from homeoffice.engine.params import REQUIRED_KEYS, available_years


def test_filing_years_are_2023_to_2026_and_2013_is_reference_only():
    assert supported_years() == (2023, 2024, 2025, 2026)
    assert 2013 in available_years()
    assert load_params(2013).filing_supported is False


@pytest.mark.parametrize("year", [2013, 2023, 2024, 2025, 2026])
def test_every_parameter_file_is_complete_and_cited(year):
    assert missing_parameters(year) == []
    params = load_params(year)
    for key in REQUIRED_KEYS:
        assert params.param(key).source.strip()


@pytest.mark.parametrize("year", [2018, 2022, 2027, 1999])
def test_missing_year_raises_unsupported_year(year):
    with pytest.raises(UnsupportedYear):
        load_params(year)


@pytest.mark.parametrize("year", [2013, 2023, 2024, 2025, 2026])
def test_hours_in_year_is_24_times_days(year):
    assert load_params(year)["hours_in_year"] == 24 * (366 if calendar.isleap(year) else 365)


def test_2024_leap_year_hours_are_flagged_unverified():
    assert load_params(2024).param("hours_in_year").verified is False


def test_employee_rule_by_year():
    expected = {2013: "allowed_2pct_floor", 2023: "suspended_67g", 2025: "suspended_67g", 2026: "denied_67h"}
    for year, rule in expected.items():
        assert load_params(year)["employee_home_office"] == rule


def test_only_2026_is_provisional_with_a_reason():
    for year in (2023, 2024, 2025):
        assert load_params(year).provisional is False
    assert load_params(2026).provisional and load_params(2026).provisional_reason


def test_macrs_table_columns_sum_to_100_percent():
    p = load_params(2025)
    for month in range(1, 13):
        first = YearMonth(2000, month)
        total = sum(table_rate(p, first, 2000 + i) for i in range(40))
        assert total == 100, month


def test_first_year_rate_uses_the_month_row_and_later_years_2564():
    p = load_params(2025)
    assert table_rate(p, YearMonth(2025, 1), 2025) == p["macrs_39_first_year"][0]
    assert table_rate(p, YearMonth(2025, 12), 2025) == p["macrs_39_first_year"][11]
    assert table_rate(p, YearMonth(2010, 6), 2025) == p["macrs_39_later_year"]


def _facts(**kw):
    base = {
        "first_business_use": YearMonth(2020, 4),
        "adjusted_basis": Decimal(300000),
        "fair_market_value": Decimal(280000),
        "land_value": Decimal(60000),
    }
    base.update(kw)
    return DepreciationFacts(**base)


def test_line_37_takes_the_smaller_of_basis_and_fmv_including_land():
    p3 = home_part3(_facts(), load_params(2025), 2025, Decimal("0.1"))
    assert p3.line37 == 280000 and p3.line39 == 220000 and p3.line40 == 22000
    assert p3.line42 == round(Decimal(22000) * p3.line41 / 100)
    assert p3.review == ()


def test_improvement_after_first_use_is_depreciated_from_its_own_month():
    imp = Improvement("Roof", Decimal(20000), YearMonth(2025, 7))
    p = load_params(2025)
    p3 = home_part3(_facts(improvements=(imp,)), p, 2025, Decimal("0.1"))
    item = p3.improvements[0]
    assert item.business_basis == 2000 and item.rate == p["macrs_39_first_year"][6]
    assert p3.line42 == round(Decimal(22000) * p3.line41 / 100 + item.amount)


def test_business_use_ending_midyear_applies_mid_month_and_flags_review():
    p = load_params(2025)
    rate = rate_for_year(p, YearMonth(2020, 4), 2025, YearMonth(2025, 6))
    assert rate == (p["macrs_39_later_year"] * Decimal("5.5") / 12).quantize(Decimal("0.001"))
    assert home_part3(_facts(business_use_ended=YearMonth(2025, 6)), p, 2025, Decimal("0.1")).review


def test_ledger_counts_simplified_years_as_zero_and_uses_claimed_amounts():
    facts = _facts(simplified_years=(2021,))
    rows = depreciation_ledger(facts, load_params(2025), 2025, Decimal("0.1"))
    assert [r.year for r in rows] == [2020, 2021, 2022, 2023, 2024, 2025]
    by_year = {r.year: r for r in rows}
    assert by_year[2021].allowable == 0 and by_year[2021].method == "simplified"
    assert by_year[2020].rate == load_params(2025)["macrs_39_first_year"][3]
    assert by_year[2022].allowable == round(Decimal(22000) * Decimal("2.564") / 100)


def test_39_year_rate_starts_after_may_12_1993_read_from_the_parameter():
    """Form 8829 line 41: 39-year property if first used after May 12, 1993 (macrs_39_earliest_first_use =
    1993-05-13). A case gives months only: May 1993 mixes days before and after, so June 1993 is the first
    month that is wholly 39-year property (issue #13: May 1993 used to be accepted)."""
    from homeoffice.engine import InputError, case_from_dict, form8829_lines

    from .casekit import make_case

    def case(first):
        home = {
            "id": "home",
            "ownership": "own",
            "total_area": "1000",
            "spaces": [{"id": "office", "area": "100"}],
            "depreciation": {
                "first_business_use": first,
                "adjusted_basis": "100000",
                "fair_market_value": "150000",
                "land_value": "10000",
            },
        }
        return make_case(homes=[home])

    with pytest.raises(InputError, match="after May 12, 1993") as exc:
        case_from_dict(case("1993-05"))
    assert exc.value.field == "homes[0].depreciation.first_business_use"
    case_from_dict(case("1993-06"))  # accepted
    with pytest.raises(InputError, match="after May 12, 1993"):
        form8829_lines(
            2025, {"1": "100", "2": "1000", "8": "5000", "37": "100000", "first_business_use": "1993-05"}
        )
    # June 1993 in 2025 is a later year: 2.564 % of the business basis 9,000 (90,000 x 10 %) = 230.76 -> 231.
    out = form8829_lines(
        2025,
        {
            "1": "100",
            "2": "1000",
            "8": "5000",
            "37": "100000",
            "38": "10000",
            "first_business_use": "1993-06",
        },
    )
    assert (out["41"], out["42"]) == ("2.564", "231")

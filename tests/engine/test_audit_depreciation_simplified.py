"""Audit of Form 8829 Part III (depreciation), the simplified method and the rollover/ledger (#3, #6).

Every expected figure is worked out by hand in the comments from the rules (RULES.md §3, §4, §7; Pub 587
(2013) text in shared/seeds): the percentages come from the printed IRS table (Pub 587 Table 2 = Pub 946
Table A-7a), never from the engine:

    month first used   Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    year 1 %          2.461 2.247 2.033 1.819 1.605 1.391 1.177 0.963 0.749 0.535 0.321 0.107
    years 2-39 %      2.564

The standard home (unless a test says otherwise): owned, 2,000 sq ft, office 200 sq ft -> line 7 = 10 %;
adjusted basis 300,000 and FMV 350,000 (both including land), land 60,000:
    line 37 = min(300,000, 350,000) = 300,000; line 38 = 60,000; line 39 = 240,000;
    line 40 = 240,000 x 10 % = 24,000.
Income is ample (90,000, no other expenses) so the gross-income limit never binds in Part III tests.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from homeoffice.engine import case_from_dict, compute
from homeoffice.engine.depreciation import REVIEW_AFTER_SIMPLIFIED, REVIEW_USE_ENDED
from homeoffice.engine.rollover import home_ledger, roll_forward

from .casekit import DAYCARE_ELIGIBILITY, OFFICE_ELIGIBILITY

D = Decimal


def owned_case(
    *,
    year: int = 2025,
    first_use: str = "2021-03",
    basis: str = "300000",
    fmv: str = "350000",
    land: str = "60000",
    office: str = "200",
    business_use: dict | None = None,
    gross: str = "90000",
    **dep_extra,
) -> dict:
    home = {
        "id": "h",
        "ownership": "own",
        "total_area": "2000",
        "spaces": [{"id": "office", "area": office}],
        "expenses": {"utilities": "2400"},
        "depreciation": {
            "first_business_use": first_use,
            "adjusted_basis": basis,
            "fair_market_value": fmv,
            "land_value": land,
            **dep_extra,
        },
    }
    if business_use is not None:
        home["business_use"] = business_use
    return {
        "tax_year": year,
        "deduction": "standard",
        "method": "actual",
        "eligibility": OFFICE_ELIGIBILITY,
        "businesses": [{"id": "biz", "name": "Consulting", "gross_income": gross}],
        "homes": [home],
    }


def part3(case: dict) -> dict:
    r = compute(case_from_dict(case))
    v = r.homes[0].actual.values
    return {k: v[k] for k in ("7", "37", "38", "39", "40", "41", "42")} | {
        "_review": r.homes[0].actual.review
    }


def lines(**amounts) -> dict:
    return {k.removeprefix("l"): D(v) for k, v in amounts.items()}


def from_month(year: int, month: int) -> dict:
    return {"start": f"{year}-{month:02d}-01", "end": f"{year}-12-31"}


# ------------------------------------------------------------------------------------- Part III, year one


@pytest.mark.parametrize(
    "month, rate, amount",
    [
        # 24,000 x 2.461 % = 590.64 -> 591
        (1, "2.461", "591"),
        # 24,000 x 1.819 % = 436.56 -> 437
        (4, "1.819", "437"),
        # 24,000 x 1.177 % = 282.48 -> 282
        (7, "1.177", "282"),
        # 24,000 x 0.107 % = 25.68 -> 26
        (12, "0.107", "26"),
    ],
)
def test_first_business_use_in_the_year_takes_the_first_year_rate_of_its_month(month, rate, amount):
    case = owned_case(first_use=f"2025-{month:02d}", business_use=from_month(2025, month))
    got = part3(case)
    assert got | {"_review": ()} == lines(
        l7="0.1", l37="300000", l38="60000", l39="240000", l40="24000", l41=rate, l42=amount
    ) | {"_review": ()}


def test_first_business_use_in_july_takes_the_1_177_percent_first_year_rate():
    # Named case of the brief: July -> 1.177 %; 24,000 x 1.177 % = 282.48 -> 282
    got = part3(owned_case(first_use="2025-07", business_use=from_month(2025, 7)))
    assert (got["41"], got["42"]) == (D("1.177"), D(282))


def test_home_first_used_in_an_earlier_year_takes_2_564_percent():
    # Recovery year 5 (2021 -> 2025): 24,000 x 2.564 % = 615.36 -> 615
    got = part3(owned_case(first_use="2021-03"))
    assert (got["40"], got["41"], got["42"]) == (D(24000), D("2.564"), D(615))


def test_fmv_below_basis_sets_line_37_and_land_is_taken_out_on_line_38():
    # Basis 300,000 but FMV 250,000 at first use (land 50,000); office 250 / 2,000 = 12.5 %.
    # line 37 = min(300,000, 250,000) = 250,000; 38 = 50,000; 39 = 200,000; 40 = 200,000 x 12.5 % = 25,000
    # April: 25,000 x 1.819 % = 454.75 -> 455 (half-up)
    case = owned_case(
        first_use="2025-04", fmv="250000", land="50000", office="250", business_use=from_month(2025, 4)
    )
    got = part3(case)
    assert {k: got[k] for k in ("7", "37", "38", "39", "40", "41", "42")} == lines(
        l7="0.125", l37="250000", l38="50000", l39="200000", l40="25000", l41="1.819", l42="455"
    )


def test_land_is_never_depreciated_even_when_it_is_most_of_the_value():
    # Basis 500,000 incl. land 350,000: building 150,000; 10 % -> 15,000; year 5: 15,000 x 2.564 % = 384.60
    # -> 385. Depreciating land too would give 500,000 x 10 % x 2.564 % = 1,282.
    got = part3(owned_case(basis="500000", fmv="520000", land="350000"))
    assert (got["39"], got["40"], got["42"]) == (D(150000), D(15000), D(385))


# ----------------------------------------------------------------------------------- improvements (line 42)


def test_improvement_placed_in_service_mid_year_is_depreciated_from_its_own_month():
    # Home year 5: 24,000 x 2.564 % = 615.36
    # New roof 18,000 in September 2025: 18,000 x 10 % = 1,800 x 0.749 % (Sept, year 1) = 13.482
    # line 42 = 615.36 + 13.482 = 628.842 -> 629 (one rounding for the line)
    case = owned_case(improvements=[{"description": "Roof", "cost": "18000", "placed_in_service": "2025-09"}])
    r = compute(case_from_dict(case))
    a = r.homes[0].actual
    assert a.values["42"] == D(629)
    (item,) = a.part3.improvements
    assert (item.business_basis, item.rate) == (D(1800), D("0.749"))


def test_improvement_from_an_earlier_year_takes_2_564_and_a_direct_one_its_own_percentage():
    # Roof 18,000 in June 2024 -> 2025 is its year 2: 1,800 x 2.564 % = 46.152
    # Office-only built-ins 3,000 at 100 % in May 2025: 3,000 x 1.605 % = 48.15
    # line 42 = 615.36 + 46.152 + 48.15 = 709.662 -> 710
    case = owned_case(
        improvements=[
            {"description": "Roof", "cost": "18000", "placed_in_service": "2024-06"},
            {
                "description": "Built-in shelves",
                "cost": "3000",
                "placed_in_service": "2025-05",
                "business_percentage": "100",
            },
        ]
    )
    r = compute(case_from_dict(case))
    a = r.homes[0].actual
    assert [(i.business_basis, i.rate) for i in a.part3.improvements] == [
        (D(1800), D("2.564")),
        (D(3000), D("1.605")),
    ]
    assert a.values["42"] == D(710)


def test_improvement_in_the_first_use_year_gets_its_own_later_month_rate():
    # Home first used March 2025: 24,000 x 2.033 % = 487.92
    # Addition wiring 6,000 in November 2025: 600 x 0.321 % = 1.926
    # line 42 = 489.846 -> 490
    case = owned_case(
        first_use="2025-03",
        business_use=from_month(2025, 3),
        improvements=[{"description": "Wiring", "cost": "6000", "placed_in_service": "2025-11"}],
    )
    assert part3(case)["42"] == D(490)


# ------------------------------------------------------------------ business use ending (mid-month rule)


def test_business_use_ended_mid_year_counts_the_final_month_as_half():
    # First use 2021; use ended June 2025: 5.5 months -> 2.564 % x 5.5 / 12 = 1.17516.. -> 1.175 %
    # 24,000 x 1.175 % = 282.00 -> 282 (review flag)
    case = owned_case(business_use={"start": "2025-01-01", "end": "2025-06-30"}, business_use_ended="2025-06")
    got = part3(case)
    assert (got["41"], got["42"]) == (D("1.175"), D(282))
    assert REVIEW_USE_ENDED in got["_review"]


def test_home_whose_business_use_period_ends_in_june_is_not_depreciated_for_the_whole_year():
    # Same facts, but only the home's business_use period says the use stopped June 30 (how the interview and
    # the moved-home case describe it). Part-year use (Pub 587): no expense for months not used for business,
    # so the full-year 2.564 % (615) is wrong; the engine's rule for a stop in the year gives 1.175 % -> 282.
    case = owned_case(business_use={"start": "2025-01-01", "end": "2025-06-30"})
    got = part3(case)
    assert (got["41"], got["42"]) == (D("1.175"), D(282))
    assert REVIEW_USE_ENDED in got["_review"]


def test_use_started_and_stopped_in_the_same_year_counts_the_months_between_mid_months():
    # First use March 2025, stopped October 2025: mid-March to mid-October = 7 months
    # 2.564 % x 7 / 12 = 1.49566.. -> 1.496 %; 24,000 x 1.496 % = 359.04 -> 359
    case = owned_case(
        first_use="2025-03",
        business_use={"start": "2025-03-01", "end": "2025-10-31"},
        business_use_ended="2025-10",
    )
    got = part3(case)
    assert (got["41"], got["42"]) == (D("1.496"), D(359))


def test_business_use_starting_in_october_and_ending_next_april():
    # 2025: first use October -> 0.535 %; 24,000 x 0.535 % = 128.40 -> 128
    case = owned_case(first_use="2025-10", business_use=from_month(2025, 10))
    r = compute(case_from_dict(case))
    assert (r.homes[0].actual.values["41"], r.homes[0].actual.values["42"]) == (D("0.535"), D(128))
    # 2026: use ends April -> 3.5 months: 2.564 % x 3.5 / 12 = 0.74783.. -> 0.748 %
    # 24,000 x 0.748 % = 179.52 -> 180
    nxt = roll_forward(case, r).case
    nxt["homes"][0]["business_use"] = {"start": "2026-01-01", "end": "2026-04-30"}
    nxt["homes"][0]["depreciation"]["business_use_ended"] = "2026-04"
    got = part3(nxt)
    assert (got["41"], got["42"]) == (D("0.748"), D(180))


# ---------------------------------------------------------------------------------------- simplified method


def simplified_case(spaces, *, gross="90000", business_use=None, daycare=None, businesses=None, year=2025):
    home = {
        "id": "h",
        "ownership": "rent",
        "total_area": "2000",
        "spaces": spaces,
        "expenses": {"rent": "12000"},
    }
    if business_use:
        home["business_use"] = business_use
    if daycare:
        home["daycare"] = daycare
    return {
        "tax_year": year,
        "deduction": "standard",
        "method": "simplified",
        "eligibility": DAYCARE_ELIGIBILITY if daycare else OFFICE_ELIGIBILITY,
        "businesses": businesses or [{"id": "biz", "name": "Consulting", "gross_income": gross}],
        "homes": [home],
    }


def smw(case, business=0):
    r = compute(case_from_dict(case))
    return r, r.homes[0].simplified[business]


@pytest.mark.parametrize(
    "area, amount",
    [
        ("299", "1495"),  # 299 x $5 = 1,495
        ("300", "1500"),  # 300 x $5 = 1,500
        ("301", "1500"),  # capped: 300 x $5 = 1,500
    ],
)
def test_simplified_area_299_300_301_square_feet(area, amount):
    r, use = smw(simplified_case([{"id": "s", "area": area}]))
    assert use.values["smw.2"] == min(D(area), D(300))
    assert use.amount == D(amount)
    assert r.total_deduction == D(amount)


@pytest.mark.parametrize(
    "start, months, amount",
    [
        # June 17-30 = 14 days -> June counts 0; July-Dec 6 x 200 = 1,200 / 12 = 100 -> 100 x 5 = 500
        ("2025-06-17", 6, "500"),
        # June 16-30 = 15 days -> June counts; 7 x 200 = 1,400 / 12 = 116.666.. -> 116.67 x 5 = 583.35 -> 583
        ("2025-06-16", 7, "583"),
        # February 2025 has 28 days: Feb 15-28 = 14 days -> 0; Mar-Dec 10 x 200 = 2,000 / 12 = 166.67 -> 833.35
        # -> 833
        ("2025-02-15", 10, "833"),
        # Feb 14-28 = 15 days -> counts: 11 x 200 = 2,200 / 12 = 183.33 -> 916.65 -> 917
        ("2025-02-14", 11, "917"),
    ],
)
def test_a_month_with_fewer_than_15_days_of_use_counts_zero_and_15_days_counts(start, months, amount):
    _, use = smw(
        simplified_case([{"id": "s", "area": "200"}], business_use={"start": start, "end": "2025-12-31"})
    )
    assert sum(1 for m in use.monthly if m > 0) == months
    assert use.amount == D(amount)


def test_area_change_mid_year_averages_the_monthly_allowable_area_capped_at_300():
    # 150 sq ft Jan 1 - Apr 30, then 350 sq ft (cap 300) May 1 - Dec 31
    # (4 x 150 + 8 x 300) / 12 = (600 + 2,400) / 12 = 250 -> 250 x 5 = 1,250
    spaces = [
        {
            "id": "s",
            "area": "350",
            "periods": [
                {"start": "2025-01-01", "end": "2025-04-30", "area": "150"},
                {"start": "2025-05-01", "end": "2025-12-31", "area": "350"},
            ],
        }
    ]
    _, use = smw(simplified_case(spaces))
    assert use.monthly == (D(150),) * 4 + (D(300),) * 8
    assert (use.values["smw.2"], use.amount) == (D(250), D(1250))


def test_area_change_within_a_month_counts_the_area_used_at_least_15_days():
    # 150 sq ft until May 20, 250 sq ft from May 21: May has 20 days at 150 and 11 at 250 -> 150.
    # Jan-May 5 x 150 = 750, Jun-Dec 7 x 250 = 1,750; 2,500 / 12 = 208.33 -> 208.33 x 5 = 1,041.65 -> 1,042
    spaces = [
        {
            "id": "s",
            "area": "250",
            "periods": [
                {"start": "2025-01-01", "end": "2025-05-20", "area": "150"},
                {"start": "2025-05-21", "end": "2025-12-31", "area": "250"},
            ],
        }
    ]
    _, use = smw(simplified_case(spaces))
    assert use.monthly[4] == D(150)
    assert (use.values["smw.2"], use.amount) == (D("208.33"), D(1042))


def test_pub_587_andy_and_amy_average_monthly_area():
    # Andy: 420 sq ft from July 20 -> July 12 days = 0; Aug-Dec 5 x 300 = 1,500 / 12 = 125 -> 625
    _, andy = smw(
        simplified_case(
            [{"id": "s", "area": "420"}], business_use={"start": "2025-07-20", "end": "2025-12-31"}
        )
    )
    assert (andy.values["smw.2"], andy.amount) == (D(125), D(625))
    # Amy: 100 sq ft from April 20 (April 11 days = 0), 330 from August 5 (August: 4 days at 100, 27 at 330)
    # (3 x 100 + 5 x 300) / 12 = 1,800 / 12 = 150 -> 750
    amy_spaces = [
        {
            "id": "s",
            "area": "330",
            "periods": [
                {"start": "2025-04-20", "end": "2025-08-04", "area": "100"},
                {"start": "2025-08-05", "end": "2025-12-31", "area": "330"},
            ],
        }
    ]
    _, amy = smw(simplified_case(amy_spaces, business_use={"start": "2025-04-20", "end": "2025-12-31"}))
    assert (amy.values["smw.2"], amy.amount) == (D(150), D(750))


def test_daycare_not_exclusive_reduces_the_rate_by_the_hours_fraction():
    # 400 sq ft used for daycare, not exclusively: area capped at 300.
    # hours 250 x 12 + 50 x 8 = 3,400; 3,400 / 8,760 = 0.38812.. -> 0.3881; rate 5 x 0.3881 = 1.9405 -> 1.94
    # 300 x 1.94 = 582
    case = simplified_case(
        [{"id": "play", "area": "400", "use": "daycare"}],
        daycare={"schedule": [{"days": 250, "hours_per_day": "12"}, {"days": 50, "hours_per_day": "8"}]},
    )
    _, use = smw(case)
    assert (use.values["smw.3b"], use.values["smw.3c"], use.amount) == (D("0.3881"), D("1.94"), D(582))


def test_daycare_hours_fraction_uses_8784_hours_in_a_leap_year():
    # 2024: 3,400 / 8,784 = 0.38706.. -> 0.3871; 5 x 0.3871 = 1.9355 -> 1.94; 300 x 1.94 = 582
    # Same hours with 2,000 hours: 2,000 / 8,784 = 0.22768.. -> 0.2277; 5 x 0.2277 = 1.1385 -> 1.14
    # 250 sq ft x 1.14 = 285
    case = simplified_case(
        [{"id": "play", "area": "250", "use": "daycare"}], daycare={"hours_used": "2000"}, year=2024
    )
    _, use = smw(case)
    assert (use.values["smw.3b"], use.values["smw.3c"], use.amount) == (D("0.2277"), D("1.14"), D(285))


def test_two_businesses_in_separate_rooms_share_one_300_sq_ft_cap():
    # A 250 sq ft, B 100 sq ft: 350 > 300 -> in proportion: A 250 x 300 / 350 = 214.29, B 85.71
    # A 214.29 x 5 = 1,071.45 -> 1,071; B 85.71 x 5 = 428.55 -> 429; total 1,500 (never more than 300 x 5)
    businesses = [
        {"id": "a", "name": "A", "gross_income": "50000"},
        {"id": "b", "name": "B", "gross_income": "50000"},
    ]
    case = simplified_case(
        [{"id": "ra", "area": "250", "business": "a"}, {"id": "rb", "area": "100", "business": "b"}],
        businesses=businesses,
    )
    r = compute(case_from_dict(case))
    uses = {u.business: u for u in r.homes[0].simplified}
    assert (uses["a"].values["smw.2"], uses["b"].values["smw.2"]) == (D("214.29"), D("85.71"))
    assert (uses["a"].amount, uses["b"].amount) == (D(1071), D(429))
    assert r.total_deduction == D(1500)


def test_one_space_shared_by_two_businesses_is_split_by_their_shares():
    # 240 sq ft, 50/50 -> 120 each (total 240 <= 300): 120 x 5 = 600 each, 1,200 total
    businesses = [
        {"id": "a", "name": "A", "gross_income": "50000"},
        {"id": "b", "name": "B", "gross_income": "50000"},
    ]
    case = simplified_case(
        [{"id": "s", "area": "240", "businesses": {"a": "50", "b": "50"}}], businesses=businesses
    )
    r = compute(case_from_dict(case))
    assert [u.amount for u in r.homes[0].simplified] == [D(600), D(600)]
    assert r.total_deduction == D(1200)


def test_space_shared_with_another_person_counts_only_this_taxpayers_part():
    # Pub 587 Kristin: 300 sq ft of which 100 shared with Lindsey, split evenly -> 250 sq ft -> 1,250
    case = simplified_case([{"id": "s", "area": "300", "shared_area": "100", "shared_percentage": "50"}])
    _, use = smw(case)
    assert (use.values["smw.2"], use.amount) == (D(250), D(1250))


def test_gross_income_below_the_simplified_amount_limits_it_with_no_carryover():
    # 200 sq ft -> 1,000; gross income 600 (no other expenses) -> line 5 = min(600, 1,000) = 600; nothing carries
    r, use = smw(simplified_case([{"id": "s", "area": "200"}], gross="600"))
    assert (use.values["smw.1"], use.values["smw.4"], use.amount) == (D(600), D(1000), D(600))
    h = r.homes[0]
    assert (
        h.carryover_next_year.operating == 0 and h.carryover_next_year.excess_casualty_and_depreciation == 0
    )


def test_prior_actual_carryovers_are_frozen_in_a_simplified_year_and_reported():
    # Carryover in 400 operating + 250 depreciation: not used (line 5 stays 1,000), shown on 6a/6b, carried on
    case = simplified_case([{"id": "s", "area": "200"}])
    case["homes"][0]["carryover_in"] = {"operating": "400", "excess_casualty_and_depreciation": "250"}
    r, use = smw(case)
    assert (use.amount, use.values["smw.6a"], use.values["smw.6b"]) == (D(1000), D(400), D(250))
    h = r.homes[0]
    assert h.carryover_frozen is True
    assert (h.carryover_next_year.operating, h.carryover_next_year.excess_casualty_and_depreciation) == (
        D(400),
        D(250),
    )


# ------------------------------------------------------------- three years: actual -> simplified -> actual

# 2024: first use April 2024, home used April-December. line 40 = 250,000 - 50,000 = 200,000 x 10 % = 20,000
#   April: 20,000 x 1.819 % = 363.80 -> 364. Standard deduction; income 3,000 - 1,500 = line 8 1,500.
#   mortgage 10,000 (16b) + taxes 3,000 (17b) + insurance 1,200 + utilities 2,400 = line 23(b) 16,600
#   line 24 = 1,660; line 14 = 0; line 15 = 1,500; line 26 = 1,660; line 27 = 1,500; line 43 = 160
#   line 28 = 0; line 30 = 364; line 32 = 364; line 33 = 0; line 44 = 364; line 36 = 1,500.
# 2025: simplified (chosen): 200 x 5 = 1,000 <= limit 1,500. Carryovers 160 / 364 frozen. Depreciation zero.
# 2026: actual; income 20,000 - 1,500 -> line 8 18,500. Recovery year 3 from April 2024 (RULES.md §4 reading)
#   -> 2.564 %: 20,000 x 2.564 % = 512.80 -> 513. line 26 = 1,660 + 160 = 1,820 = line 27; line 28 = 16,680;
#   line 30 = 513, 31 = 364, 32 = 877, 33 = 877; 43 = 0; 44 = 0; line 36 = 1,820 + 877 = 2,697.
# Ledger through 2026: 2024 actual allowable 364, deducted 0; 2025 simplified 0; 2026 actual allowable 513,
#   deducted 877 (incl. the 364 released). Totals 877 / 877 -> basis reduction 877.
# Sale at a 50,000 gain: 877 unrecaptured section 1250 gain, 49,123 excludable (Pub 523).

CASE_2024 = {
    "tax_year": 2024,
    "deduction": "standard",
    "method": "actual",
    "eligibility": OFFICE_ELIGIBILITY,
    "businesses": [{"id": "biz", "name": "Design", "gross_income": "3000", "expenses_not_from_home": "1500"}],
    "homes": [
        {
            "id": "elm",
            "ownership": "own",
            "total_area": "2000",
            "business_use": {"start": "2024-04-01", "end": "2024-12-31"},
            "spaces": [{"id": "office", "area": "200"}],
            "mortgage_interest": "10000",
            "real_estate_taxes": "3000",
            "expenses": {"insurance": "1200", "utilities": "2400"},
            "depreciation": {
                "first_business_use": "2024-04",
                "adjusted_basis": "250000",
                "fair_market_value": "300000",
                "land_value": "50000",
            },
        }
    ],
}


def three_years():
    r24 = compute(case_from_dict(CASE_2024))
    roll25 = roll_forward(CASE_2024, r24)
    c25 = roll25.case
    c25["method"] = "simplified"
    r25 = compute(case_from_dict(c25))
    roll26 = roll_forward(c25, r25)
    c26 = roll26.case
    c26["businesses"][0]["gross_income"] = "20000"
    r26 = compute(case_from_dict(c26))
    return (CASE_2024, r24), (c25, r25, roll25), (c26, r26, roll26)


def test_three_years_first_year_actual_carries_the_unallowed_depreciation():
    (_, r24), _, _ = three_years()
    v = r24.homes[0].actual.values
    assert {
        k: v[k] for k in ("8", "15", "24", "26", "27", "30", "33", "36", "41", "42", "43", "44")
    } == lines(
        l8="1500",
        l15="1500",
        l24="1660",
        l26="1660",
        l27="1500",
        l30="364",
        l33="0",
        l36="1500",
        l41="1.819",
        l42="364",
        l43="160",
        l44="364",
    )


def test_three_years_simplified_year_freezes_carryovers_and_deems_depreciation_zero():
    _, (c25, r25, _roll25), _ = three_years()
    assert c25["homes"][0]["carryover_in"] == {"operating": "160", "excess_casualty_and_depreciation": "364"}
    h = r25.homes[0]
    assert h.method == "simplified" and r25.total_deduction == D(1000)
    assert (h.simplified[0].values["smw.6a"], h.simplified[0].values["smw.6b"]) == (D(160), D(364))
    assert h.carryover_frozen is True
    # the 2024 history row: actual, 10 %, nothing deducted (all went to line 44)
    assert c25["homes"][0]["depreciation"]["history"] == [
        {"year": 2024, "method": "actual", "business_percentage": "10.00", "depreciation_claimed": "0"}
    ]


def test_three_years_actual_again_releases_carryovers_and_resumes_at_2_564_percent():
    _, _, (c26, r26, roll26) = three_years()
    assert roll26.carryover == {
        "operating": D(160),
        "excess_casualty_and_depreciation": D(364),
        "frozen": True,
    }
    assert c26["homes"][0]["depreciation"]["simplified_years"] == [2025]
    h = r26.homes[0]
    assert h.method == "actual"
    v = h.actual.values
    assert {
        k: v[k] for k in ("8", "25", "26", "27", "28", "30", "31", "32", "33", "36", "41", "42", "43", "44")
    } == lines(
        l8="18500",
        l25="160",
        l26="1820",
        l27="1820",
        l28="16680",
        l30="513",
        l31="364",
        l32="877",
        l33="877",
        l36="2697",
        l41="2.564",
        l42="513",
        l43="0",
        l44="0",
    )
    assert REVIEW_AFTER_SIMPLIFIED in h.actual.review


def test_three_years_ledger_and_unrecaptured_1250_gain():
    _, _, (c26, r26, _) = three_years()
    ledger = home_ledger(case_from_dict(c26), r26, "elm")
    rows = [(r.year, r.recovery_year, r.method, r.rate, r.allowable, r.allowed) for r in ledger.rows]
    assert rows == [
        (2024, 1, "actual", D("1.819"), D(364), D(0)),
        (2025, 2, "simplified", D("2.564"), D(0), D(0)),
        (2026, 3, "actual", D("2.564"), D(513), D(877)),
    ]
    assert (ledger.total_allowable, ledger.total_allowed, ledger.basis_reduction) == (D(877), D(877), D(877))
    sale = ledger.sale(D(50000))
    assert (sale.unrecaptured_1250_gain, sale.excludable_gain) == (D(877), D(49123))


def test_rollover_keeps_the_first_use_month_so_year_two_takes_2_564_percent():
    # The first-use month survives a rollover: 2025 -> 2026 stays recovery year 2 of an October 2025 start.
    case = owned_case(first_use="2025-10", business_use=from_month(2025, 10))
    r = compute(case_from_dict(case))
    nxt = roll_forward(copy.deepcopy(case), r).case
    assert nxt["homes"][0]["depreciation"]["first_business_use"] == "2025-10"
    got = part3(nxt)
    # 2026 whole year, year 2: 24,000 x 2.564 % = 615.36 -> 615
    assert (got["41"], got["42"]) == (D("2.564"), D(615))


def test_three_years_ledger_running_not_deducted_column():
    # 2024: 364 allowable, 0 deducted -> 364 not deducted; 2025: simplified, still 364;
    # 2026: 364 + 513 - 877 = 0
    _, _, (c26, r26, _) = three_years()
    ledger = home_ledger(case_from_dict(c26), r26, "elm")
    assert [r.not_deducted for r in ledger.rows] == [D(364), D(364), D(0)]


def test_home_first_used_in_a_simplified_year_takes_2_564_percent_the_next_actual_year():
    # i8829 (2025) line 41 example, RULES.md §4 reading: first used August 2024 under the simplified method,
    # Form 8829 for 2025 -> recovery year 2 -> 2.564 %: 24,000 x 2.564 % = 615.36 -> 615, with the review note
    case = owned_case(first_use="2024-08", simplified_years=[2024])
    got = part3(case)
    assert (got["41"], got["42"]) == (D("2.564"), D(615))
    assert REVIEW_AFTER_SIMPLIFIED in got["_review"]
    r = compute(case_from_dict(case))
    rows = home_ledger(case_from_dict(case), r, "h").rows
    # 2024 deemed zero (simplified); 2025 615
    assert [(x.year, x.method, x.allowable) for x in rows] == [
        (2024, "simplified", D(0)),
        (2025, "actual", D(615)),
    ]


def test_ledger_of_a_home_whose_use_stopped_in_june_and_the_1250_estimate():
    # First use January 2023, 10 %, no history (allowed = allowable in earlier years):
    # 2023: 24,000 x 2.461 % = 590.64 -> 591; 2024: 24,000 x 2.564 % = 615.36 -> 615;
    # 2025 (stopped June): 24,000 x 1.175 % = 282. Total 1,488.
    # Sold at a gain of 100,000: 1,488 unrecaptured section 1250 gain; 98,512 excludable (Pub 523).
    case = owned_case(first_use="2023-01", business_use={"start": "2025-01-01", "end": "2025-06-30"})
    r = compute(case_from_dict(case))
    ledger = home_ledger(case_from_dict(case), r, "h")
    assert [(x.year, x.rate, x.allowable, x.allowed) for x in ledger.rows] == [
        (2023, D("2.461"), D(591), D(591)),
        (2024, D("2.564"), D(615), D(615)),
        (2025, D("1.175"), D(282), D(282)),
    ]
    assert ledger.basis_reduction == D(1488)
    sale = ledger.sale(D(100000))
    assert (sale.unrecaptured_1250_gain, sale.excludable_gain) == (D(1488), D(98512))


def test_daycare_started_mid_year_prorates_the_hours_available_and_the_months():
    # Daycare from July 1, 2025 (184 days): hours 184 x 10 = 1,840; available 24 x 184 = 4,416
    # 1,840 / 4,416 = 0.416666.. -> 0.4167; 5 x 0.4167 = 2.0835 -> 2.08
    # 250 sq ft for July-December: 6 x 250 / 12 = 125 sq ft -> 125 x 2.08 = 260
    case = simplified_case(
        [{"id": "play", "area": "250", "use": "daycare"}],
        daycare={"hours_used": "1840"},
        business_use={"start": "2025-07-01", "end": "2025-12-31"},
    )
    _, use = smw(case)
    assert use.daycare_hours == (D(1840), D(4416))
    assert (use.values["smw.2"], use.values["smw.3b"], use.values["smw.3c"], use.amount) == (
        D(125),
        D("0.4167"),
        D("2.08"),
        D(260),
    )


def test_daycare_rate_is_not_reduced_with_300_sq_ft_used_exclusively_for_daycare():
    # 300 sq ft exclusively for daycare + a 200 sq ft playroom used part-time: no reduction (Pub 587);
    # allowable area 500 -> 300 -> 300 x $5 = 1,500
    case = simplified_case(
        [
            {"id": "excl", "area": "300", "use": "daycare_exclusive"},
            {"id": "play", "area": "200", "use": "daycare"},
        ],
        daycare={"hours_used": "3400"},
    )
    _, use = smw(case)
    assert (use.values["smw.3b"], use.amount) == (D(1), D(1500))


def test_ledger_keeps_earlier_years_allowable_when_this_year_does_not_qualify():
    # First use January 2023 at 10 %; in 2025 the space is no longer used exclusively (no deduction).
    # Earlier years stay allowable: 2023 24,000 x 2.461 % = 591; 2024 24,000 x 2.564 % = 615; 2025 none = 0.
    # Basis reduction (and the section 1250 figure) 1,206, not 0.
    case = owned_case(first_use="2023-01")
    case["eligibility"] = dict(OFFICE_ELIGIBILITY, exclusive_use=False)
    r = compute(case_from_dict(case))
    assert not r.computed
    ledger = home_ledger(case_from_dict(case), r, "h")
    assert [(x.year, x.method, x.business_basis, x.allowable) for x in ledger.rows] == [
        (2023, "actual", D(24000), D(591)),
        (2024, "actual", D(24000), D(615)),
        (2025, "none", D(24000), D(0)),
    ]
    assert (ledger.total_allowed, ledger.basis_reduction) == (D(1206), D(1206))


def test_office_first_used_in_july_of_a_home_lived_in_all_year_is_not_prorated_twice():
    # Office 200 sq ft used from July 1 (space period), home otherwise whole-year; first business use July.
    # Business percentage while used = 10 %; line 40 = 24,000; July 1.177 % -> 282.48 -> 282.
    # (Before the fix: line 7 = 200 x 184 / 365 / 2,000 = 5.04 %, line 40 = 12,096 x 1.177 % = 142.37 -> 142.)
    case = owned_case(first_use="2025-07")
    case["homes"][0]["spaces"][0]["periods"] = [{"start": "2025-07-01", "end": "2025-12-31"}]
    assert part3(case)["42"] == D(282)


def test_rollover_continues_with_the_area_in_use_at_the_end_of_the_year():
    # 2025: 150 sq ft Jan-Apr, 350 sq ft from May (space "area" 150, the later period overrides it):
    # (4 x 150 + 8 x 300) / 12 = 250 -> 1,250. 2026 starts from the area used at year end, 350 -> capped 300
    # -> 300 x 5 = 1,500 (not 150 x 5 = 750 from the space's first area).
    spaces = [
        {
            "id": "s",
            "area": "150",
            "periods": [
                {"start": "2025-01-01", "end": "2025-04-30"},
                {"start": "2025-05-01", "end": "2025-12-31", "area": "350"},
            ],
        }
    ]
    case = simplified_case(spaces)
    r, use = smw(case)
    assert use.amount == D(1250)
    nxt = roll_forward(case, r).case
    assert nxt["homes"][0]["spaces"][0]["area"] == "350" and "periods" not in nxt["homes"][0]["spaces"][0]
    _, use26 = smw(nxt)
    assert use26.amount == D(1500)


def test_second_business_starting_in_july_shares_the_cap_only_from_july():
    # A: 200 sq ft all year. B: 200 sq ft from July 10 (22 days in July -> July counts).
    # Jan-Jun: A 200 (total 200 <= 300). Jul-Dec: 400 > 300 -> A 150, B 150.
    # A: (6 x 200 + 6 x 150) / 12 = 175 -> 875; B: 6 x 150 / 12 = 75 -> 375; total 1,250
    businesses = [
        {"id": "a", "name": "A", "gross_income": "50000"},
        {"id": "b", "name": "B", "gross_income": "50000"},
    ]
    spaces = [
        {"id": "ra", "area": "200", "business": "a"},
        {
            "id": "rb",
            "area": "200",
            "business": "b",
            "periods": [{"start": "2025-07-10", "end": "2025-12-31"}],
        },
    ]
    r = compute(case_from_dict(simplified_case(spaces, businesses=businesses)))
    uses = {u.business: u for u in r.homes[0].simplified}
    assert uses["a"].monthly == (D(200),) * 6 + (D(150),) * 6
    assert (uses["a"].values["smw.2"], uses["a"].amount) == (D(175), D(875))
    assert (uses["b"].values["smw.2"], uses["b"].amount) == (D(75), D(375))
    assert r.total_deduction == D(1250)


def test_area_change_on_february_15_still_counts_february():
    # 2025 (28-day February): 100 sq ft Jan 1 - Feb 14, 200 sq ft from Feb 15: February has 14 days at 100
    # and 14 at 200 -> the office was used all 28 days (not "fewer than 15"), at least 100 sq ft every day
    # -> 100. (100 + 100 + 10 x 200) / 12 = 2,200 / 12 = 183.33 -> 916.65 -> 917 (not 875 with February 0)
    spaces = [
        {
            "id": "s",
            "area": "200",
            "periods": [
                {"start": "2025-01-01", "end": "2025-02-14", "area": "100"},
                {"start": "2025-02-15", "end": "2025-12-31"},
            ],
        }
    ]
    _, use = smw(simplified_case(spaces))
    assert use.monthly[:3] == (D(100), D(100), D(200))
    assert (use.values["smw.2"], use.amount) == (D("183.33"), D(917))


def test_a_break_within_a_month_counts_the_days_used_on_both_sides():
    # 200 sq ft used Jan 1 - Mar 10 and again Mar 20 - Dec 31: March has 10 + 12 = 22 days of use -> 200.
    # 12 x 200 / 12 = 200 -> 1,000 (not 11 x 200 / 12 = 183.33 -> 917 with March 0)
    spaces = [
        {
            "id": "s",
            "area": "200",
            "periods": [
                {"start": "2025-01-01", "end": "2025-03-10"},
                {"start": "2025-03-20", "end": "2025-12-31"},
            ],
        }
    ]
    _, use = smw(simplified_case(spaces))
    assert use.monthly[2] == D(200)
    assert use.amount == D(1000)


# ------------------------------------------------------------------------------ the parameter table by year

PRINTED_FIRST_YEAR = ["2.461", "2.247", "2.033", "1.819", "1.605", "1.391", "1.177", "0.963", "0.749", "0.535", "0.321", "0.107"]  # fmt: skip
PRINTED_YEAR_40 = ["0.107", "0.321", "0.535", "0.749", "0.963", "1.177", "1.391", "1.605", "1.819", "2.033", "2.247", "2.461"]  # fmt: skip


@pytest.mark.parametrize("year", [2013, 2023, 2024, 2025, 2026])
def test_every_year_carries_the_printed_table_a_7a_and_the_5_dollar_300_sq_ft_15_day_rules(year):
    from homeoffice.engine import load_params

    p = load_params(year)
    assert list(p["macrs_39_first_year"]) == [D(x) for x in PRINTED_FIRST_YEAR]
    assert p["macrs_39_later_year"] == D("2.564")
    assert list(p["macrs_39_final_year"]) == [D(x) for x in PRINTED_YEAR_40]
    # each month's column sums to 100.000: year 1 + 38 x 2.564 + year 40
    for m in range(12):
        assert p["macrs_39_first_year"][m] + 38 * D("2.564") + p["macrs_39_final_year"][m] == D("100.000")
    assert (p["simplified_rate"], p["simplified_max_area"], p["simplified_min_days_in_month"]) == (5, 300, 15)
    # 24 x days in the year: 8,784 in the leap year 2024, else 8,760
    assert p["hours_in_year"] == (8784 if year == 2024 else 8760)


def test_ledger_with_an_opening_amount_from_another_preparer_reduces_basis_by_allowed_or_allowable():
    # First use June 2021 at 10 %; another preparer's returns claimed 2,000 in total for 2021-2024.
    # Allowable: 2021 24,000 x 1.391 % = 333.84 -> 334; 2022-2024 615 each; 2025 615 -> total 2,794.
    # Allowed: 2,000 opening + 615 in 2025 = 2,615. Basis reduction = the larger = 2,794 (allowed or
    # allowable, Pub 587), with the review note about depreciation not deducted.
    case = owned_case(first_use="2021-06", depreciation_claimed="2000")
    r = compute(case_from_dict(case))
    ledger = home_ledger(case_from_dict(case), r, "h")
    assert [(x.year, x.allowable, x.allowed) for x in ledger.rows] == [
        (2021, D(334), None),
        (2022, D(615), None),
        (2023, D(615), None),
        (2024, D(615), None),
        (2025, D(615), D(615)),
    ]
    assert (ledger.opening_allowed, ledger.total_allowable, ledger.total_allowed) == (
        D(2000),
        D(2794),
        D(2615),
    )
    assert ledger.basis_reduction == D(2794)
    assert len(ledger.review) == 1  # not yet deducted depreciation: have it reviewed


def test_february_15_start_counts_february_in_a_leap_year_only():
    # 2024: Feb 15-29 = 15 days -> February counts: 11 x 200 = 2,200 / 12 = 183.33 -> 916.65 -> 917
    # (2025: Feb 15-28 = 14 days -> 10 months -> 833, above)
    case = simplified_case(
        [{"id": "s", "area": "200"}], business_use={"start": "2024-02-15", "end": "2024-12-31"}, year=2024
    )
    _, use = smw(case)
    assert use.monthly[1] == D(200)
    assert use.amount == D(917)

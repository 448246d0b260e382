"""Audit of Form 8829 Parts I-II (lines 1-36) and Part IV (43-44): hand-computed scenarios (issue #3).

Every expected figure below was worked out by hand from the team's domain notes RULES.md (Form 8829 line map §1.1, Line 11
Worksheet, §7 parameter table) and Pub 587; the arithmetic is in the comments. None was taken from the
engine. Rounding as the engine's documented policy (docs/decisions/0010): percentages to 2 decimals of a
percent, line 6 to 4 decimals, every dollar line half-up to whole dollars, later lines use rounded ones.

Assumption used for the 2025/2026 phase-down (the engine's review note says so): the MAGI in the case is
before the home office deduction, which lowers it (Line 11 Worksheet iteration instructions).
"""

import copy
from decimal import Decimal

import pytest

from homeoffice.engine import case_from_dict, compute

from .casekit import DAYCARE_ELIGIBILITY, OFFICE_ELIGIBILITY


def case(
    *,
    year=2025,
    status="single",
    deduction="standard",
    gross="100000",
    costs="0",
    home,
    salt=None,
    eligibility=OFFICE_ELIGIBILITY,
):
    d = {
        "tax_year": year,
        "filing_status": status,
        "deduction": deduction,
        "method": "actual",
        "eligibility": copy.deepcopy(eligibility),
        "businesses": [
            {
                "id": "biz",
                "name": "Biz",
                "schedule": "C",
                "gross_income": gross,
                "expenses_not_from_home": costs,
            }
        ],
        "homes": [dict({"id": "home"}, **copy.deepcopy(home))],
    }
    if salt is not None:
        d["salt"] = salt
    return d


def office(total, area, **extra):
    return dict(ownership="own", total_area=total, spaces=[{"id": "office", "area": area}], **extra)


def form(text: str) -> dict[str, Decimal]:
    """Expected lines written "7=17.73 24=1915" (lines 3 and 7 in percent, line 6 as a decimal) -> dict."""
    return {k: Decimal(v) for k, v in (item.split("=") for item in text.split())}


# --------------------------------------------------------------------------------------------- scenarios
# Each: (id, case dict, expected Form 8829 lines, expected Line 11 Worksheet lines or None).

SCENARIOS = []


def scenario(id_, d, lines, ws=None):
    SCENARIOS.append(pytest.param(d, lines, ws, id=id_))


# A. 2025 itemizer, MAGI $550,000. Office 200/2,000 = 10%. Line 8 = 200,000 - 50,000 = 150,000.
# Line 11 WS: 1 = 14,800; 2 = 12,000; 5 = 26,800 (> 10,000: worksheet); 6 = 12,000 x 10% = 1,200;
# 7a = 26,800 - 1,200 = 25,600. Income limit does not bind, so line 36 = 20,000 x 10% + 1,200 + 6,000 x 10%
# = 2,000 + 1,200 + 600 = 3,800 whatever the 11/17 split. MAGI after the deduction = 550,000 - 3,800 =
# 546,200; 30% x (546,200 - 500,000) = 13,860; cap 40,000 - 13,860 = 26,140 (above the 10,000 floor).
# 9 = 26,140 - 25,600 = 540; 10 = min(1,200, 540) = 540 -> 11(a); 11 = 1,200 - 540 = 660 -> 17(a).
# 12a = 540; 12b = 20,000; 13 = 2,000; 14 = 2,540; 15 = 150,000 - 2,540 = 147,460; 23a = 660;
# 23b = 2,000 + 4,000 = 6,000; 24 = 600; 26 = 1,260; 27 = 1,260; 28 = 146,200; 34 = 2,540 + 1,260 = 3,800.
scenario(
    "itemizer above the 2025 MAGI threshold gets a reduced SALT cap on the Line 11 Worksheet",
    case(
        deduction="itemize",
        gross="200000",
        costs="50000",
        home=office(
            "2000",
            "200",
            mortgage_interest="20000",
            real_estate_taxes="12000",
            expenses={"insurance": "2000", "utilities": "4000"},
        ),
        salt={"state_local_income_or_sales_tax": "14800", "magi": "550000"},
    ),
    form(
        "7=10.00 8=150000 10b=20000 11a=540 11b=0 12a=540 12b=20000 13=2000 14=2540 15=147460 16b=0 "
        "17a=660 17b=0 18b=2000 21b=4000 23a=660 23b=6000 24=600 25=0 26=1260 27=1260 28=146200 32=0 33=0 "
        "34=3800 35=0 36=3800 43=0 44=0"
    ),
    form("5=26800 6=1200 7a=25600 8=26140 9=540 10=540 11=660"),
)

# A2. As A but MAGI 502,000 and income tax 29,000. WS: 5 = 41,000; 6 = 1,200; 7a = 39,800 (< 40,000, so
# step 7c does not apply). Line 36 = 3,800 as in A; MAGI after it = 502,000 - 3,800 = 498,200 <= 500,000:
# full 40,000 cap. 9 = 40,000 - 39,800 = 200; 10 = 200 -> 11(a); 11 = 1,000 -> 17(a).
# (Without lowering MAGI the cap would be 40,000 - 30% x 2,000 = 39,400 and line 10 would be 0.)
# 13 = 2,000; 14 = 2,200; 15 = 147,800; 23a = 1,000; 24 = 600; 26 = 1,600; 27 = 1,600; 34 = 3,800.
scenario(
    "home office deduction that brings 2025 MAGI back under $500,000 restores the full $40,000 SALT cap",
    case(
        deduction="itemize",
        gross="200000",
        costs="50000",
        home=office(
            "2000",
            "200",
            mortgage_interest="20000",
            real_estate_taxes="12000",
            expenses={"insurance": "2000", "utilities": "4000"},
        ),
        salt={"state_local_income_or_sales_tax": "29000", "magi": "502000"},
    ),
    form(
        "10b=20000 11a=200 11b=0 13=2000 14=2200 15=147800 17a=1000 23a=1000 24=600 26=1600 27=1600 "
        "34=3800 36=3800 43=0"
    ),
    form("5=41000 6=1200 7a=39800 8=40000 9=200 10=200 11=1000"),
)

# A3. Phase-down band with the income limit binding: the SALT cap, MAGI and line 36 depend on each other.
# Office 200/2,000 = 10%; line 8 = 2,600. WS: 5 = 20,500 + 15,000 = 35,500; 6 = 1,500; 7a = 34,000.
# With D = line 36: cap = 40,000 - 30% x (520,000 - D - 500,000) = 34,000 + 0.3 D, so WS 9 = 0.3 D.
# Tier 1 = 2,000 + 11(a); once 11(a) > 600, line 15 = 2,600 - 2,000 - 11(a) -> 0 and D = 2,000 + 11(a).
# Fixed point: 11(a) = 0.3 x (2,000 + 11(a)) -> 11(a) = 600 / 0.7 = 857.14. Check 11(a) = 857: D = 2,857;
# MAGI 520,000 - 2,857 = 517,143; 30% x 17,143 = 5,142.90; cap 34,857.10 -> 34,857; 9 = 857; 10 = 857. (D =
# 2,856 or 2,858 give the same cap 34,857, so 857 is the only fixed point.) 11 = 1,500 - 857 = 643.
# 13 = 2,000; 14 = 2,857; 15 = 0; 23a = 643; 23b = 2,000; 24 = 200; 26 = 843; 27 = 0; 28 = 0; 34 = 2,857;
# 36 = 2,857; 43 = 843. (One pass at MAGI 520,000: cap 34,000, 10 = 0, line 36 = 2,600.)
scenario(
    "phase-down band with the income limit binding iterates MAGI and the SALT cap to a fixed point",
    case(
        deduction="itemize",
        gross="2600",
        home=office(
            "2000",
            "200",
            mortgage_interest="20000",
            real_estate_taxes="15000",
            expenses={"utilities": "2000"},
        ),
        salt={"state_local_income_or_sales_tax": "20500", "magi": "520000"},
    ),
    form(
        "11a=857 13=2000 14=2857 15=0 17a=643 23a=643 23b=2000 24=200 26=843 27=0 28=0 34=2857 36=2857 43=843"
    ),
    form("5=35500 6=1500 7a=34000 8=34857 9=857 10=857 11=643"),
)

# B. 2025 married filing separately, MAGI 260,000. Office 300/1,500 = 20%. Line 8 = 90,000 - 30,000 = 60,000.
# WS: 1 = 10,000; 2 = 9,000; 4 = 500; 5 = 19,500; 6 = 9,000 x 20% = 1,800; 7a = 17,700.
# Line 36 = 15,000 x 20% + 1,800 + 3,000 x 20% = 3,000 + 1,800 + 600 = 5,400 (limit not binding).
# MAGI after = 254,600; MFS threshold 250,000: 30% x 4,600 = 1,380; cap 20,000 - 1,380 = 18,620 (>= 5,000).
# 9 = 18,620 - 17,700 = 920; 10 = 920; 11 = 880. 13 = 3,000; 14 = 3,920; 15 = 56,080; 23a = 880; 24 = 600;
# 26 = 1,480; 27 = 1,480; 28 = 54,600; 34 = 5,400.
scenario(
    "married filing separately: half the 2025 cap, phased down above $250,000 MAGI",
    case(
        status="married_separate",
        deduction="itemize",
        gross="90000",
        costs="30000",
        home=office(
            "1500", "300", mortgage_interest="15000", real_estate_taxes="9000", expenses={"utilities": "3000"}
        ),
        salt={"state_local_income_or_sales_tax": "10000", "personal_property_taxes": "500", "magi": "260000"},
    ),
    form(
        "7=20.00 8=60000 10b=15000 11a=920 13=3000 14=3920 15=56080 17a=880 21b=3000 23a=880 23b=3000 "
        "24=600 26=1480 27=1480 28=54600 34=5400 36=5400"
    ),
    form("1=10000 2=9000 4=500 5=19500 6=1800 7a=17700 8=18620 9=920 10=920"),
)

# B2. As B with MAGI 400,000: 400,000 - 5,400 = 394,600; 30% x 144,600 = 43,380 > 20,000 - 5,000, so the cap is
# the MFS floor 5,000. 9 = max(0, 5,000 - 17,700) = 0; 10 = 0; 11 = 1,800 -> 17(a).
# 14 = 3,000; 15 = 57,000; 23a = 1,800; 26 = 1,800 + 600 = 2,400; 27 = 2,400; 36 = 5,400.
scenario(
    "married filing separately far above the threshold keeps the $5,000 floor",
    case(
        status="married_separate",
        deduction="itemize",
        gross="90000",
        costs="30000",
        home=office(
            "1500", "300", mortgage_interest="15000", real_estate_taxes="9000", expenses={"utilities": "3000"}
        ),
        salt={"state_local_income_or_sales_tax": "10000", "personal_property_taxes": "500", "magi": "400000"},
    ),
    form("11a=0 14=3000 15=57000 17a=1800 23a=1800 26=2400 27=2400 36=5400"),
    form("8=5000 9=0 10=0 11=1800"),
)

# C. 2024 MFS itemizer: flat $5,000 cap, no phase-down. Office 150/1,500 = 10%. Line 8 = 50,000 - 10,000.
# WS: 5 = 2,000 + 6,000 = 8,000 > 5,000; 6 = 600; 7a = 7,400; 8 = 5,000; 9 = 0; 10 = 0; 11 = 600.
# 10b = 9,000; 13 = 900; 14 = 900; 15 = 39,100; 17a = 600; 23a = 600; 23b = 2,400; 24 = 240; 26 = 840;
# 27 = 840; 34 = 900 + 840 = 1,740.
scenario(
    "2024 married filing separately itemizer uses the flat $5,000 SALT cap",
    case(
        year=2024,
        status="married_separate",
        deduction="itemize",
        gross="50000",
        costs="10000",
        home=office(
            "1500", "150", mortgage_interest="9000", real_estate_taxes="6000", expenses={"utilities": "2400"}
        ),
        salt={"state_local_income_or_sales_tax": "2000"},
    ),
    form(
        "10b=9000 11a=0 11b=0 12b=9000 13=900 14=900 15=39100 17a=600 23a=600 23b=2400 24=240 26=840 "
        "27=840 34=1740 36=1740"
    ),
    form("5=8000 6=600 7a=7400 8=5000 9=0 10=0 11=600"),
)

# D. 2025 standard-deduction filer who owns: mortgage interest and taxes go to lines 16(b)/17(b) (tier 2).
# Office 250/2,500 = 10%. Line 8 = 4,300 - 1,000 = 3,300. 14 = 0; 15 = 3,300.
# 23b = 18,000 + 7,000 + 1,500 + 3,500 = 30,000; 24 = 3,000; 26 = 3,000; 27 = 3,000; 28 = 300.
# Part III: 37 = min(300,000, 350,000) = 300,000; 38 = 50,000; 39 = 250,000; 40 = 25,000; 41 = 2.564 (first
# used 2020); 42 = 25,000 x 2.564% = 641. 30 = 641; 32 = 641; 33 = min(300, 641) = 300; 34 = 3,300;
# 36 = 3,300; 43 = 0; 44 = 641 - 300 = 341.
scenario(
    "standard-deduction filer puts mortgage interest and taxes in tier 2 and carries depreciation over",
    case(
        gross="4300",
        costs="1000",
        home=office(
            "2500",
            "250",
            mortgage_interest="18000",
            real_estate_taxes="7000",
            expenses={"insurance": "1500", "utilities": "3500"},
            depreciation={
                "first_business_use": "2020-03",
                "adjusted_basis": "300000",
                "fair_market_value": "350000",
                "land_value": "50000",
            },
        ),
    ),
    form(
        "8=3300 9b=0 10b=0 11a=0 11b=0 14=0 15=3300 16b=18000 17b=7000 18b=1500 21b=3500 23b=30000 "
        "24=3000 26=3000 27=3000 28=300 30=641 32=641 33=300 34=3300 35=0 36=3300 43=0 44=341"
    ),
)

# E. Itemizer with $1,000,000 acquisition debt (after 12/15/2017): $60,000 interest; Pub 936 limit
# 750,000 / 1,000,000 x 60,000 = 45,000 deductible on Schedule A -> line 10(b); the other 15,000 -> line 16(b).
# Office 240/2,000 = 12%. SALT 5,000 + 4,000 = 9,000 <= 10,000: all taxes on line 11(b).
# 12b = 45,000 + 4,000 = 49,000; 13 = 5,880; 14 = 5,880; 15 = 100,000 - 5,880 = 94,120;
# 23b = 15,000 + 2,400 = 17,400; 24 = 2,088; 26 = 2,088; 27 = 2,088; 34 = 7,968.
scenario(
    "itemizer with mortgage debt over $750,000 puts the disallowed interest on line 16",
    case(
        deduction="itemize",
        gross="130000",
        costs="30000",
        home=office(
            "2000",
            "240",
            mortgage_interest={"paid": "60000", "deductible_if_itemizing": "45000"},
            real_estate_taxes="4000",
            expenses={"insurance": "2400"},
        ),
        salt={"state_local_income_or_sales_tax": "5000", "magi": "300000"},
    ),
    form(
        "7=12.00 10b=45000 11b=4000 12b=49000 13=5880 14=5880 15=94120 16b=15000 17a=0 23b=17400 24=2088 "
        "26=2088 27=2088 34=7968 36=7968"
    ),
)

# E2. Same home, standard deduction: all 60,000 interest on 16(b), 4,000 taxes on 17(b).
# 23b = 60,000 + 4,000 + 2,400 = 66,400; 24 = 7,968; 14 = 0; 15 = 100,000; 27 = 7,968; 36 = 7,968.
scenario(
    "standard-deduction filer with mortgage debt over $750,000 puts all interest on line 16",
    case(
        gross="130000",
        costs="30000",
        home=office(
            "2000",
            "240",
            mortgage_interest={"paid": "60000", "deductible_if_itemizing": "45000"},
            real_estate_taxes="4000",
            expenses={"insurance": "2400"},
        ),
    ),
    form("10b=0 14=0 15=100000 16b=60000 17b=4000 23b=66400 24=7968 36=7968"),
)

_DISASTER_HOME = office(
    "2000",
    "300",
    mortgage_interest="12000",
    real_estate_taxes="5000",
    expenses={
        "casualty_losses": "20000",  # federally declared disaster, Schedule A amount (worksheet Form 4684)
        "excess_casualty_losses": "2400",  # business part of the rest: 16,000 x 15%
        "insurance": "1000",
        "utilities": "4000",
    },
    depreciation={
        "first_business_use": "2019-06",
        "adjusted_basis": "250000",
        "fair_market_value": "300000",
        "land_value": "50000",
    },
    carryover_in={"excess_casualty_and_depreciation": "500"},
)

# F. 2024 itemizer, federally declared disaster. Office 300/2,000 = 15%. Line 8 = 20,000 - 12,000 = 8,000.
# SALT 4,000 + 5,000 = 9,000 <= 10,000 -> 11(b) 5,000. 12b = 20,000 + 12,000 + 5,000 = 37,000;
# 13 = 5,550; 14 = 5,550; 15 = 2,450; 23b = 1,000 + 4,000 = 5,000; 24 = 750; 26 = 750; 27 = 750;
# 28 = 1,700. Part III: 39 = 250,000 - 50,000 = 200,000; 40 = 30,000; 42 = 30,000 x 2.564% = 769.2 -> 769.
# 29 = 2,400; 30 = 769; 31 = 500; 32 = 3,669; 33 = min(1,700, 3,669) = 1,700; 34 = 5,550 + 750 + 1,700 =
# 8,000; 35 = 20,000 x 15% + min(2,400, 1,700) = 3,000 + 1,700 = 4,700; 36 = 3,300; 43 = 0;
# 44 = 3,669 - 1,700 = 1,969.
scenario(
    "itemizer with a federally declared disaster loss: line 9 in tier 1, excess casualty before depreciation",
    case(
        year=2024,
        deduction="itemize",
        gross="20000",
        costs="12000",
        home=_DISASTER_HOME,
        salt={"state_local_income_or_sales_tax": "4000"},
    ),
    form(
        "7=15.00 9b=20000 10b=12000 11b=5000 12b=37000 13=5550 14=5550 15=2450 23b=5000 24=750 26=750 "
        "27=750 28=1700 29=2400 30=769 31=500 32=3669 33=1700 34=8000 35=4700 36=3300 43=0 44=1969"
    ),
)

# F2. Same, standard deduction: the disaster loss is not a tier-1 item; its business part 20,000 x 15% = 3,000
# joins line 29: 2,400 + 3,000 = 5,400. 16b = 12,000; 17b = 5,000; 23b = 22,000; 24 = 3,300; 14 = 0;
# 15 = 8,000; 26 = 3,300; 27 = 3,300; 28 = 4,700; 32 = 5,400 + 769 + 500 = 6,669; 33 = 4,700; 34 = 8,000;
# 35 = min(5,400, 4,700) = 4,700; 36 = 3,300; 44 = 6,669 - 4,700 = 1,969.
scenario(
    "standard-deduction filer's disaster loss moves to line 29 and is capped by the income limit",
    case(year=2024, gross="20000", costs="12000", home=_DISASTER_HOME),
    form(
        "9b=0 14=0 15=8000 16b=12000 17b=5000 23b=22000 24=3300 26=3300 27=3300 28=4700 29=5400 32=6669 "
        "33=4700 34=8000 35=4700 36=3300 44=1969"
    ),
)

_PART_YEAR_DAYCARE = {
    "ownership": "rent",
    "total_area": "2400",
    "business_use": {"start": "2025-04-01", "end": "2025-12-31"},
    "spaces": [{"id": "rooms", "area": "1200", "use": "daycare"}],
    "daycare": {"hours_used": "2340"},
}

# G. Daycare started April 1, 2025: 30+31+30+31+31+30+31+30+31 = 275 days. 1 = 1,200; 2 = 2,400; 3 = 50%;
# 4 = 2,340; 5 = 24 x 275 = 6,600; 6 = 2,340 / 6,600 = 0.354545 -> 0.3545; 7 = 50% x 0.3545 = 17.725% ->
# 17.73%. 20(a) = 400 x 0.3545 = 141.8 -> 142 (direct daycare expense x line 6). 23b = 9,000 + 1,800 =
# 10,800; 24 = 10,800 x 17.73% = 1,914.84 -> 1,915; 26 = 142 + 1,915 = 2,057; 15 = 30,000; 27 = 2,057.
scenario(
    "daycare started in April: line 5 is 24 hours x days available",
    case(
        gross="45000",
        costs="15000",
        eligibility=DAYCARE_ELIGIBILITY,
        home=dict(
            _PART_YEAR_DAYCARE,
            expenses={"rent": "9000", "utilities": "1800", "repairs": {"direct_daycare": "400"}},
        ),
    ),
    form(
        "1=1200 2=2400 3=50.00 4=2340 5=6600 6=0.3545 7=17.73 8=30000 19b=9000 20a=142 21b=1800 23a=142 "
        "23b=10800 24=1915 26=2057 27=2057 36=2057"
    ),
)

# G2. As G but the amounts cover the whole year: indirect amounts x 275/365. Rent 12,000 x 275/365 =
# 9,041.10 -> 9,041; utilities 2,400 x 275/365 = 1,808.22 -> 1,808; 23b = 10,849; 24 = 10,849 x 17.73% =
# 1,923.53 -> 1,924; direct 142 as in G; 26 = 2,066; 36 = 2,066.
scenario(
    "part-year daycare with whole-year bills prorates the indirect expenses by days",
    case(
        gross="45000",
        costs="15000",
        eligibility=DAYCARE_ELIGIBILITY,
        home=dict(
            _PART_YEAR_DAYCARE,
            expenses_cover="full_year",
            expenses={"rent": "12000", "utilities": "2400", "repairs": {"direct_daycare": "400"}},
        ),
    ),
    form("5=6600 7=17.73 19b=9041 20a=142 21b=1808 23b=10849 24=1924 36=2066"),
)

# G3. A room used for daycare but not exclusively, with no daycare hours in the year: line 4 = 0; line 5 = 8,760;
# line 6 = 0 / 8,760 = 0; line 7 = line 6 x line 3 = 0 x 50% = 0. 24 = 12,000 x 0 = 0; 36 = 0 (the room was
# not used for business at all, so none of the home's costs are business costs).
scenario(
    "a daycare room not used exclusively and with no daycare hours has a business percentage of zero",
    case(
        eligibility=DAYCARE_ELIGIBILITY,
        home={
            "ownership": "rent",
            "total_area": "2400",
            "spaces": [{"id": "rooms", "area": "1200", "use": "daycare"}],
            "daycare": {"hours_used": "0"},
            "expenses": {"rent": "12000"},
        },
    ),
    form("3=50.00 4=0 5=8760 6=0.0000 7=0.00 19b=12000 24=0 26=0 27=0 36=0"),
)

# H. Mixed daycare rooms (special computation): playroom 600 used only for daycare, 900 used regularly but not
# exclusively; home 3,000 (what lines 1 and 3 show in this case is a presentation question, not asserted).
# 4 = 250 x 12 + 50 x 8 = 3,400; 5 = 8,760;
# 6 = 3,400 / 8,760 = 0.388128 -> 0.3881; 7 = 600/3,000 + 900/3,000 x 0.3881 = 20% + 11.643% = 31.643% ->
# 31.64%. 23b = 600 + 18,000 + 3,000 = 21,600; 24 = 21,600 x 31.64% = 6,834.24 -> 6,834; 36 = 6,834.
scenario(
    "daycare with an exclusive room and a regularly used room adds the exclusive share to the time share",
    case(
        gross="60000",
        costs="20000",
        eligibility=DAYCARE_ELIGIBILITY,
        home={
            "ownership": "rent",
            "total_area": "3000",
            "spaces": [
                {"id": "playroom", "area": "600", "use": "daycare_exclusive"},
                {"id": "living", "area": "900", "use": "daycare"},
            ],
            "daycare": {
                "schedule": [{"days": 250, "hours_per_day": "12"}, {"days": 50, "hours_per_day": "8"}]
            },
            "expenses": {"insurance": "600", "rent": "18000", "utilities": "3000"},
        },
    ),
    form("7=31.64 23b=21600 24=6834 27=6834 36=6834"),
)


def _tier1_home(carry=True):
    home = office(
        "2000",
        "400",
        mortgage_interest="20000",
        real_estate_taxes="6000",
        expenses={"utilities": "5000", "insurance": "1500"},
        depreciation={
            "first_business_use": "2018-01",
            "adjusted_basis": "400000",
            "fair_market_value": "450000",
            "land_value": "100000",
        },
    )
    if carry:
        home["carryover_in"] = {"operating": "400", "excess_casualty_and_depreciation": "200"}
    return home


# I. 2023 itemizer, income below tier 1. Office 400/2,000 = 20%. SALT 3,000 + 6,000 = 9,000 <= 10,000 -> 11(b).
# 12b = 26,000; 13 = 5,200; 14 = 5,200; line 8 = 3,000 < 14 -> 15 = 0. 23b = 6,500; 24 = 1,300;
# 25 = 400; 26 = 1,700; 27 = 0; 28 = 0. Part III: 39 = 300,000; 40 = 60,000; 42 = 60,000 x 2.564% = 1,538.4
# -> 1,538; 31 = 200; 32 = 1,738; 33 = 0; 34 = 5,200 (tier 1 in full, above line 8); 36 = 5,200;
# 43 = 1,700; 44 = 1,738.
scenario(
    "income below tier 1: taxes and interest allowed in full, everything else carried over",
    case(
        year=2023,
        deduction="itemize",
        gross="5000",
        costs="2000",
        home=_tier1_home(),
        salt={"state_local_income_or_sales_tax": "3000"},
    ),
    form(
        "8=3000 11b=6000 12b=26000 13=5200 14=5200 15=0 24=1300 25=400 26=1700 27=0 28=0 30=1538 31=200 "
        "32=1738 33=0 34=5200 36=5200 43=1700 44=1738"
    ),
)

# J. Same with line 8 exactly 5,200 = line 14: 15 = 0, the same carryovers 1,700 / 1,738; 36 = 5,200.
scenario(
    "income exactly equal to tier 1 leaves nothing for operating expenses or depreciation",
    case(
        year=2023,
        deduction="itemize",
        gross="7200",
        costs="2000",
        home=_tier1_home(),
        salt={"state_local_income_or_sales_tax": "3000"},
    ),
    form("8=5200 14=5200 15=0 27=0 33=0 36=5200 43=1700 44=1738"),
)

# J2. One dollar more (line 8 = 5,201): 15 = 1; 27 = min(1, 1,700) = 1; 28 = 0; 36 = 5,201; 43 = 1,699.
scenario(
    "one dollar above tier 1 allows one dollar of operating expenses",
    case(
        year=2023,
        deduction="itemize",
        gross="7201",
        costs="2000",
        home=_tier1_home(),
        salt={"state_local_income_or_sales_tax": "3000"},
    ),
    form("15=1 27=1 28=0 33=0 34=5201 36=5201 43=1699 44=1738"),
)

# K. 2024 renter, operating carryover in and out. Office 150/1,500 = 10%. Line 8 = 10,000 - 7,500 = 2,500.
# 23b = 24,000 + 3,600 = 27,600; 24 = 2,760; 25 = 1,000; 26 = 3,760; 15 = 2,500; 27 = 2,500; 28 = 0;
# 36 = 2,500; 43 = 3,760 - 2,500 = 1,260; 44 = 0.
scenario(
    "operating carryover in is limited with this year's expenses and the rest carries out",
    case(
        year=2024,
        gross="10000",
        costs="7500",
        home={
            "ownership": "rent",
            "total_area": "1500",
            "spaces": [{"id": "office", "area": "150"}],
            "expenses": {"rent": "24000", "utilities": "3600"},
            "carryover_in": {"operating": "1000"},
        },
    ),
    form("14=0 15=2500 23b=27600 24=2760 25=1000 26=3760 27=2500 28=0 36=2500 43=1260 44=0"),
)

# K2. Carryovers typed with cents are dollar lines like every other (rounding policy, whole dollars, half-up):
# 25 = 250.50 -> 251; 31 = 99.50 -> 100. Office 10%, rent 24,000 -> 24 = 2,400; 26 = 2,651; line 8 = 50,000;
# 27 = 2,651; 28 = 47,349; 32 = 100; 33 = 100; 36 = 2,751; 43 = 0; 44 = 0.
scenario(
    "carryovers typed with cents enter lines 25 and 31 as whole dollars",
    case(
        year=2024,
        gross="50000",
        home={
            "ownership": "rent",
            "total_area": "1500",
            "spaces": [{"id": "office", "area": "150"}],
            "expenses": {"rent": "24000"},
            "carryover_in": {"operating": "250.50", "excess_casualty_and_depreciation": "99.50"},
        },
    ),
    form("24=2400 25=251 26=2651 27=2651 28=47349 31=100 32=100 33=100 34=2751 36=2751 43=0 44=0"),
)

# L. 2024 (366 days) itemizer, home used for business Jul 1 - Dec 31 = 184 days, bills for the whole year.
# Office 400/2,000 = 20%. Taxes of the business period 10,000 x 184/366 = 5,027.32 -> 5,027; utilities
# 3,000 x 184/366 = 1,508.20 -> 1,508. Line 11 Worksheet: 1 = 3,000; 2 = 5,027; 3 = the rest of the year's
# taxes on this home, 10,000 - 5,027 = 4,973 (personal, and paid in the year: they count toward the cap);
# 5 = 13,000 > 10,000; 6 = 5,027 x 20% = 1,005.4 -> 1,005; 7a = 11,995; 8 = 10,000; 9 = 0; 10 = 0;
# 11 = 1,005 -> 17(a). Line 8 = 800. 14 = 0; 15 = 800; 23a = 1,005; 23b = 1,508; 24 = 301.6 -> 302;
# 26 = 1,307; 27 = 800; 28 = 0; 36 = 800; 43 = 507.
scenario(
    "part-year itemizer with whole-year taxes counts the rest of the year's taxes toward the SALT cap",
    case(
        year=2024,
        deduction="itemize",
        gross="800",
        home=office(
            "2000",
            "400",
            business_use={"start": "2024-07-01", "end": "2024-12-31"},
            expenses_cover="full_year",
            real_estate_taxes="10000",
            expenses={"utilities": "3000"},
        ),
        salt={"state_local_income_or_sales_tax": "3000"},
    ),
    form(
        "8=800 11a=0 11b=0 14=0 15=800 17a=1005 21b=1508 23a=1005 23b=1508 24=302 26=1307 27=800 28=0 "
        "36=800 43=507"
    ),
    form("1=3000 2=5027 3=4973 5=13000 6=1005 7a=11995 8=10000 9=0 10=0 11=1005"),
)

# N. 2025 renter, office used Jul 1 - Dec 31 (184 days), bills for the whole year, office 100/1,000 = 10%.
# A lighting bill of 300 used 10% for business (i8829 columns exception: business part in column (a)) is an
# indirect expense too, so it is prorated like the others: 300 x 184/365 = 151.23; x 10% = 15.12 -> 21(a) 15.
# 19b = 12,000 x 184/365 = 6,049.32 -> 6,049; 21b = 2,400 x 184/365 = 1,209.86 -> 1,210; 23a = 15;
# 23b = 7,259; 24 = 725.9 -> 726; 26 = 741; line 8 = 50,000; 27 = 741; 36 = 741.
scenario(
    "part-year whole-year bills prorate an indirect item with its own business percentage too",
    case(
        gross="50000",
        home={
            "ownership": "rent",
            "total_area": "1000",
            "spaces": [{"id": "office", "area": "100"}],
            "business_use": {"start": "2025-07-01", "end": "2025-12-31"},
            "expenses_cover": "full_year",
            "expenses": {
                "rent": "12000",
                "utilities": {
                    "indirect": "2400",
                    "partial": [{"amount": "300", "business_percentage": "10", "description": "lighting"}],
                },
            },
        },
    ),
    form("19b=6049 21a=15 21b=1210 23a=15 23b=7259 24=726 26=741 27=741 36=741"),
)

# O. 2023 itemizer with a Schedule C loss: line 8 = 10,000 - 14,000 = -4,000. Office 150/1,500 = 10%.
# SALT 1,000 + 2,000 = 3,000 <= 10,000 -> 11(b). 12b = 10,000 + 2,000 = 12,000; 13 = 1,200; 14 = 1,200;
# 15 = 0 (line 8 - 14 is negative); 23b = 3,000; 24 = 300; 26 = 300; 27 = 0; 28 = 0; 34 = 1,200;
# 36 = 1,200 (tier 1 still allowed: it was deductible on Schedule A anyway); 43 = 300.
scenario(
    "a Schedule C loss still allows tier 1 and carries operating expenses over",
    case(
        year=2023,
        deduction="itemize",
        gross="10000",
        costs="14000",
        home=office(
            "1500", "150", mortgage_interest="10000", real_estate_taxes="2000", expenses={"utilities": "3000"}
        ),
        salt={"state_local_income_or_sales_tax": "1000"},
    ),
    form("8=-4000 11b=2000 12b=12000 13=1200 14=1200 15=0 24=300 26=300 27=0 28=0 34=1200 36=1200 43=300"),
)

# M. 2026 (provisional) itemizer: cap 40,400, threshold 505,000. Office 200/2,000 = 10%. Line 8 = 200,000.
# WS: 5 = 23,000 + 15,000 = 38,000; 6 = 1,500; 7a = 36,500. Line 36 = 2,000 + 1,500 + 200 = 3,700.
# MAGI 520,000 - 3,700 = 516,300; 30% x 11,300 = 3,390; cap 40,400 - 3,390 = 37,010; 9 = 510; 10 = 510;
# 11 = 990. 13 = 2,000; 14 = 2,510; 15 = 197,490; 23a = 990; 24 = 200; 26 = 1,190; 27 = 1,190; 36 = 3,700.
scenario(
    "2026 itemizer uses the $40,400 cap and $505,000 threshold",
    case(
        year=2026,
        deduction="itemize",
        gross="250000",
        costs="50000",
        home=office(
            "2000",
            "200",
            mortgage_interest="20000",
            real_estate_taxes="15000",
            expenses={"utilities": "2000"},
        ),
        salt={"state_local_income_or_sales_tax": "23000", "magi": "520000"},
    ),
    form("11a=510 13=2000 14=2510 15=197490 17a=990 23a=990 24=200 26=1190 27=1190 36=3700"),
    form("5=38000 6=1500 7a=36500 8=37010 9=510 10=510 11=990"),
)


@pytest.mark.parametrize(("d", "lines", "ws"), SCENARIOS)
def test_form_8829_lines_match_the_hand_computation(d, lines, ws):
    result = compute(case_from_dict(d))
    assert result.computed
    home = result.homes[0]
    assert home.method == "actual"
    sheet = home.actual.worksheet
    got = {line: sheet.amount(f"8829.{line}") for line in lines}
    assert got == lines
    if ws is not None:
        l11 = home.actual.line11
        assert l11 is not None, "the Line 11 Worksheet was needed"
        got_ws = {n: l11.amount(f"l11ws.{n}") for n in ws}
        assert got_ws == ws
    # Schedule C line 30 gets line 36; the casualty part (line 35) goes to Form 4684.
    amounts = {r.method: r.amount for r in result.report}
    assert amounts["actual"] == home.actual.values["36"]
    if home.actual.values["35"]:
        assert amounts["casualty"] == home.actual.values["35"]
    assert home.carryover_next_year.operating == home.actual.values["43"]
    assert home.carryover_next_year.excess_casualty_and_depreciation == home.actual.values["44"]


def test_an_office_set_up_in_july_of_a_home_used_all_year_counts_its_own_percentage_for_its_own_months():
    # Pub 587 (George Miller): a renter lived in the home all year and used 200 of its 2,000 sq ft as an
    # office from July 1. Line 7 is the percentage while used, 10.00 % (not 200 x 184/365 / 2,000 = 5.04 %),
    # and the year's bills are cut to the 184 days of use: rent 12,000 x 184/365 = 6,049.32 -> 6,049;
    # utilities 3,650 x 184/365 = 1,840; line 23(b) 7,889; line 24 = 7,889 x 10 % = 788.90 -> 789 = line 36.
    home = {
        "ownership": "rent",
        "total_area": "2000",
        "expenses_cover": "full_year",
        "spaces": [
            {"id": "office", "area": "200", "periods": [{"start": "2025-07-01", "end": "2025-12-31"}]}
        ],
        "expenses": {"rent": "12000", "utilities": "3650"},
    }
    r = compute(case_from_dict(case(home=home)))
    values = r.homes[0].actual.values
    assert values["7"] == Decimal("0.1000")  # stored as a fraction: 10.00 %
    assert (values["19b"], values["21b"], values["23b"], values["24"], values["36"]) == (
        Decimal(6049),
        Decimal(1840),
        Decimal(7889),
        Decimal(789),
        Decimal(789),
    )


def test_a_casualty_loss_is_not_prorated_by_the_days_of_business_use():
    # 2024 itemizer, home used for business July-December, bills for the whole year. A 5,000 disaster loss
    # (indirect) stays 5,000 on line 9(b) — an event, not a bill — while utilities 3,660 are cut to
    # 184/366 days: 3,660 x 184 / 366 = 1,840 on line 21(b).
    home = {
        "ownership": "rent",
        "total_area": "2000",
        "business_use": {"start": "2024-07-01", "end": "2024-12-31"},
        "expenses_cover": "full_year",
        "spaces": [{"id": "office", "area": "200"}],
        "expenses": {"casualty_losses": "5000", "utilities": "3660"},
    }
    d = case(year=2024, deduction="itemize", home=home, salt={"state_local_income_or_sales_tax": "0"})
    r = compute(case_from_dict(d))
    values = r.homes[0].actual.values
    assert (values["9b"], values["21b"]) == (Decimal(5000), Decimal(1840))
    assert any("not prorated by days" in n for n in r.homes[0].actual.notes)


def test_daycare_special_computation_leaves_lines_1_to_6_blank_and_attaches_it_to_line_7():
    """Issue #13, scenario H above: the Form 8829 line 7 instructions — lines 1-6 blank, the computation
    attached. 600 of 3,000 = 20%; 900 of 3,000 = 30% x 3,400 / 8,760 (0.3881) = 11.643%; 31.64%."""
    d = next(p.values[0] for p in SCENARIOS if p.values[0]["homes"][0]["spaces"][0]["id"] == "playroom")
    home = compute(case_from_dict(d)).homes[0]
    sheet = home.actual.worksheet
    assert [sheet.amount(f"8829.{n}") for n in "123456"] == [None] * 6
    line7 = next(x for x in sheet.lines if x.key == "8829.7")
    assert line7.amount == Decimal("31.64")
    assert "See attached computation" in line7.note
    assert "600 of 3,000 sq ft = 20.00%" in line7.note and "3,400 of 8,760" in line7.note
    # The engine still uses line 6 for direct daycare expenses: the value is kept.
    assert home.actual.values["6"] == Decimal("0.3881")

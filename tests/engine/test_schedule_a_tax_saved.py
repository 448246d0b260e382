"""Schedule A side, the tax each method saves and the two-year recommendation (issue #13).

Every figure below is worked by hand in the comments (2025 parameters unless said otherwise: SE 92.35 %,
12.4 % up to $176,100 less W-2 wages, 2.9 %, 0.9 % above $200,000 single / $250,000 joint / $125,000 MFS
less W-2 wages; standard deduction $15,750 single and MFS, $31,500 joint; 10 % to $11,925 / $23,850 joint,
then 12 % to $48,475 / $96,950 joint; §199A 20 % below $197,300 / $394,600 joint).
"""

import copy
from decimal import Decimal

import pytest

from homeoffice.engine import InputError, case_from_dict, compute
from homeoffice.engine.advisor import advise, decide

from .casekit import make_case

D = Decimal


def result(case):
    return compute(case_from_dict(case))


# ---- 1. The married couple: simplified wins once Schedule A counts -------------------------------

COUPLE = make_case(
    filing_status="married_joint",
    deduction="itemize",
    businesses=[
        {
            "id": "biz",
            "name": "Studio",
            "schedule": "C",
            "gross_income": "9400",
            "expenses_not_from_home": "7100",
        }
    ],
    homes=[
        {
            "id": "home",
            "ownership": "own",
            "total_area": "2750",
            "spaces": [{"id": "office", "area": "312"}],
            "mortgage_interest": {"paid": "11840"},
            "real_estate_taxes": "6930",
            "expenses": {"utilities": "2400", "insurance": "1200"},
            "depreciation": {
                "first_business_use": "2020-01",
                "adjusted_basis": "400000",
                "fair_market_value": "500000",
                "land_value": "80000",
            },
        }
    ],
    salt={"state_local_income_or_sales_tax": "4850", "magi": "122000"},
    tax={"other_income": "120000", "other_itemized": "12000"},
)


def test_couple_schedule_a_keeps_interest_and_taxes_under_the_simplified_method():
    r = result(COUPLE)
    # Line 7: 312 / 2,750 = 11.35 %. Line 8: 9,400 - 7,100 = 2,300. Simplified: 300 sq ft cap x $5 = 1,500.
    assert (r.comparison.actual_total, r.comparison.simplified_total) == (D(2300), D(1500))
    sa = r.schedule_a
    # Actual: business interest 11,840 x 11.35 % = 1,343.84 -> 1,344; 8a = 11,840 - 1,344 = 10,496.
    # Business taxes 6,930 x 11.35 % = 786.56 -> 787; 5d = 4,850 + 6,930 - 787 = 10,993 (under the 40,000 cap).
    assert sa["actual"].mortgage_interest == D(10496)
    assert sa["actual"].salt_deductible == D(10993)
    assert sa["actual"].home_total == D(21489)
    # Simplified: all of it, 11,840 + 4,850 + 6,930 = 23,620.
    assert sa["simplified"].mortgage_interest == D(11840)
    assert sa["simplified"].salt_deductible == D(11780)
    # Deductions counting both forms (the figures): 2,300 + 21,489 = 23,789; 1,500 + 23,620 = 25,120.
    assert sa["actual"].home_total + 2300 == D(23789)
    assert sa["simplified"].home_total + 1500 == D(25120)


def test_couple_tax_saved_favours_the_simplified_method():
    est = result(COUPLE).tax_estimate
    # No home office: profit 2,300; SE earnings 2,124.05; SE 263.38 + 61.60 = 324.98; half 162.49.
    #   AGI 120,000 + 2,300 - 162.49 = 122,137.51; Schedule A 23,620 + 12,000 = 35,620 -> 86,517.51;
    #   §199A 20 % x 2,137.51 = 427.50; taxable 86,090.01; tax 2,385 + 12 % x 62,240.01 = 9,853.80.
    #   Total 10,178.78.
    # Actual (2,300): profit 0, no SE tax; AGI 120,000; Schedule A 21,489 + 12,000 = 33,489; taxable 86,511;
    #   tax 2,385 + 12 % x 62,661 = 9,904.32. Saved 10,178.78 - 9,904.32 = 274.46.
    # Simplified (1,500): profit 800; earnings 738.80; SE 91.61 + 21.43 = 113.04; half 56.52;
    #   AGI 120,743.48 - 35,620 = 85,123.48; §199A 20 % x 743.48 = 148.70; taxable 84,974.78;
    #   tax 2,385 + 12 % x 61,124.78 = 9,719.97; total 9,833.01. Saved 345.77.
    assert est.baseline.total == D("10178.78")
    assert est.saved("actual") == D("274.46")
    assert est.saved("simplified") == D("345.77")


def test_couple_recommendation_is_the_simplified_method_with_reasons_in_figures():
    a = advise(COUPLE)
    assert a.recommended == "simplified" and a.recommended_by == "tax_two_years"
    text = " ".join(a.points)
    assert "keeps $2,131 more of your mortgage interest and real estate taxes on Schedule A" in text
    assert "$23,789 with actual expenses and $25,120 with the simplified method" in text
    # SE tax: actual saves 324.98, simplified 324.98 - 113.04 = 211.94: 113 more with actual expenses.
    assert "With actual expenses you save $113 more self-employment tax." in text
    # Carried to 2026 with actual: line 43 240 (operating 409 - 169 allowed) + line 44 931 (depreciation).
    assert "$1,171 does not fit under this year's income limit and carries to 2026" in text
    assert a.points[-1].startswith("Recommendation: the simplified method")


def test_decide_reports_the_recommended_method_for_an_auto_case():
    r, a = decide(COUPLE)
    assert a.recommended == "simplified"
    assert r.comparison.chosen.simplified_home == "home"
    assert r.total_deduction == D(1500)


# ---- 2. Actual expenses win: a renter has nothing on Schedule A to lose --------------------------------


def test_renter_itemizer_actual_wins_and_schedule_a_is_the_same_both_ways():
    case = make_case(
        deduction="itemize",
        salt={"state_local_income_or_sales_tax": "3000", "magi": "80000"},
        tax={"other_income": "0", "other_itemized": "20000"},
    )
    r = result(case)
    sa = r.schedule_a
    # No mortgage interest or real estate taxes: Schedule A is 3,000 of state income tax either way.
    assert sa["actual"].home_total == sa["simplified"].home_total == D(3000)
    est = r.tax_estimate
    # SE: no home office 73,880.00 earnings -> 9,161.12 + 2,142.52 = 11,303.64; actual (1,440): 72,550.16 ->
    # 8,996.22 + 2,103.95 = 11,100.17 (203.47 saved); simplified (500): 73,418.25 -> 9,103.86 + 2,129.13 =
    # 11,232.99 (70.65 saved).
    base_se = est.baseline.se_tax
    assert base_se - est.method("actual").se_tax == D("203.47")
    assert base_se - est.method("simplified").se_tax == D("70.65")
    assert est.saved("actual") > est.saved("simplified")
    assert advise(case).recommended == "actual"


# ---- 3. Married filing separately, mortgage above the $375,000 MFS limit -------------------------------


def own_home(**changes):
    home = {
        "id": "home",
        "ownership": "own",
        "total_area": "2000",
        "spaces": [{"id": "office", "area": "200"}],
        "mortgage_interest": {"paid": "20000"},
        "real_estate_taxes": "8000",
        "expenses": {"utilities": "3000"},
    }
    home.update(changes)
    return home


def test_married_separate_mortgage_limit_and_salt_cap():
    case = make_case(
        filing_status="married_separate",
        deduction="itemize",
        homes=[own_home(mortgage_interest={"paid": "30000", "loan_balance": "500000"})],
        salt={"state_local_income_or_sales_tax": "6000", "magi": "90000"},
        tax={"other_income": "20000", "w2_wages": "20000"},
    )
    r = result(case)
    v = r.homes[0].actual.values
    # Pub 936: 375,000 / 500,000 = 0.750; deductible 30,000 x 0.75 = 22,500 on line 10(b); the other 7,500
    # is not deductible mortgage interest and goes on line 16(b) (business part 750 in tier 2).
    assert (v["10b"], v["16b"]) == (D(22500), D(7500))
    # Line 36: tier 1 2,250 + 800; tier 2 utilities 300 + excess interest 750 = 4,100.
    assert v["36"] == D(4100)
    sa = r.schedule_a
    # 8a actual: 22,500 - 2,250 = 20,250; the personal part of the excess, 7,500 - 750 = 6,750, is lost.
    assert sa["actual"].mortgage_interest == D(20250)
    assert sa["actual"].mortgage_over_limit == D(6750)
    # SALT under the MFS cap of 20,000: 6,000 + 8,000 - 800 = 13,200.
    assert (sa["actual"].salt_limit, sa["actual"].salt_deductible) == (D(20000), D(13200))
    assert sa["simplified"].mortgage_interest == D(22500)


# ---- 4. Over the SALT cap with the MAGI phase-down -------------------------------------------------------


def test_salt_cap_phase_down_lowers_what_stays_on_schedule_a():
    case = make_case(
        filing_status="married_joint",
        deduction="itemize",
        homes=[own_home(real_estate_taxes="12000")],
        salt={"state_local_income_or_sales_tax": "30000", "magi": "560000"},
        tax={"other_income": "480000", "w2_wages": "480000"},
    )
    r = result(case)
    sa = r.schedule_a
    # Actual deduction 3,500 (tier 1 2,000 interest; taxes 1,200 go to line 17; utilities 300): MAGI 556,500;
    # cap 40,000 - 30 % x 56,500 = 23,050. 5d = 30,000 + 12,000 - 1,200 = 40,800 -> 5e 23,050.
    assert r.comparison.actual_total == D(3500)
    assert (sa["actual"].salt_limit, sa["actual"].salt_deductible) == (D(23050), D(23050))
    # Simplified 1,000: MAGI 559,000; cap 40,000 - 30 % x 59,000 = 22,300.
    assert (sa["simplified"].salt_limit, sa["simplified"].salt_deductible) == (D(22300), D(22300))
    est = r.tax_estimate
    # W-2 wages 480,000 fill the wage base: no 12.4 %; 0.9 % on all SE earnings. Actual profit 76,500 ->
    # earnings 70,647.75; 2.9 % = 2,048.78; 0.9 % = 635.83.
    actual = est.method("actual")
    assert (actual.se_tax, actual.additional_medicare) == (D("2048.78"), D("635.83"))
    assert actual.qbi is None  # taxable income above the threshold: §199A not modelled
    assert any("not modelled" in t for t in est.assumptions)


# ---- 5. Mortgage over $750,000 (and the grandfathered $1,000,000) --------------------------------------


def test_mortgage_over_750000_splits_interest_between_line_10_and_line_16():
    case = make_case(
        deduction="itemize",
        homes=[own_home(mortgage_interest={"paid": "50000", "loan_balance": "1000000"})],
        salt={"state_local_income_or_sales_tax": "4000", "magi": "200000"},
    )
    r = result(case)
    v = r.homes[0].actual.values
    # 750,000 / 1,000,000 = 0.750 -> 37,500 deductible (line 10b), 12,500 on line 16b.
    assert (v["10b"], v["16b"]) == (D(37500), D(12500))
    # Line 36 = 3,750 + 800 + 300 + 1,250 = 6,100.
    assert v["36"] == D(6100)
    assert r.schedule_a["actual"].mortgage_interest == D(33750)  # 37,500 - 3,750
    grandfathered = copy.deepcopy(case)
    grandfathered["homes"][0]["mortgage_interest"]["grandfathered"] = True
    v = result(grandfathered).homes[0].actual.values
    assert (v["10b"], v["16b"]) == (D(50000), D(0))  # within the $1,000,000 limit


def test_loan_balance_must_be_money():
    case = make_case(homes=[own_home(mortgage_interest={"paid": "1000", "grandfathered": "yes"})])
    with pytest.raises(InputError) as exc:
        case_from_dict(case)
    assert exc.value.field == "homes[0].mortgage_interest.grandfathered"


# ---- 6. A standard-deduction filer -----------------------------------------------------------------------


def test_standard_filer_is_told_itemizing_would_exceed_the_standard_deduction():
    case = make_case(homes=[own_home()])
    r = result(case)
    sa = r.schedule_a
    # Mortgage interest 20,000 + real estate taxes 8,000 = 28,000 > 15,750.
    assert not sa["itemize"] and sa["if_itemized"].home_total == D(28000)
    text = " ".join(advise(case).points)
    assert "the personal part of mortgage interest and real estate taxes is not deductible" in text
    assert "$28,000" in text and "more than the $15,750 standard deduction" in text


# ---- 7. SE income above the wage base with W-2 wages ----------------------------------------------------


def test_wage_base_less_w2_wages_limits_the_social_security_part():
    case = make_case(
        businesses=[{"id": "biz", "name": "C", "schedule": "C", "gross_income": "150000"}],
        tax={"other_income": "100000", "w2_wages": "100000"},
    )
    est = result(case).tax_estimate
    # Room under the wage base: 176,100 - 100,000 = 76,100 (12.4 % = 9,436.40 with or without the deduction).
    # No home office: earnings 138,525; 2.9 % 4,017.23 (4,017.225); 0.9 % over 200,000 - 100,000:
    #   38,525 x 0.9 % = 346.73. Actual (1,440): earnings 137,195.16; 3,978.66; 37,195.16 x 0.9 % = 334.76.
    base, actual = est.baseline, est.method("actual")
    assert base.se_tax == D("9436.40") + D("4017.23")
    assert actual.se_tax == D("9436.40") + D("3978.66")
    assert (base.additional_medicare, actual.additional_medicare) == (D("346.73"), D("334.76"))
    # SE tax saved: 38.57 + 11.97 = 50.54 — the 12.4 % saves nothing above the wage base.
    assert base.se_tax + base.additional_medicare - actual.se_tax - actual.additional_medicare == D("50.54")


# ---- 8. Two years: the carryover decides -----------------------------------------------------------------


def test_carryover_in_turns_the_recommendation_to_actual_expenses():
    case = make_case(
        homes=[
            {
                "id": "home",
                "ownership": "rent",
                "total_area": "1000",
                "spaces": [{"id": "office", "area": "100"}],
                "expenses": {"rent": "3000", "utilities": "1200"},
                "carryover_in": {"operating": "2000", "excess_casualty_and_depreciation": "0"},
            }
        ],
        tax={"other_income": "0"},
    )
    # Actual: 4,200 x 10 % = 420 + 2,000 carried in = 2,420. Simplified: 100 x $5 = 500, the 2,000 frozen.
    # Next year after actual: 420 or 500 -> 500 (simplified); after simplified: 420 + 2,000 released = 2,420.
    a = advise(case)
    act, simp = a.scenario("actual"), a.scenario("simplified")
    assert (act.this_year, act.next_year_best) == (D(2420), D(500))
    assert (simp.this_year, simp.next_year_best) == (D(500), D(2420))
    assert act.two_years_tax_saved == act.tax_saved + act.next_year_tax_saved
    assert a.recommended == "actual"
    # Without the carryover the simplified method's 500 beats 420 in both years.
    no_carry = copy.deepcopy(case)
    no_carry["homes"][0]["carryover_in"] = {"operating": "0", "excess_casualty_and_depreciation": "0"}
    assert advise(no_carry).recommended == "simplified"


# ---- The 2024 itemizer: next year needs MAGI; it never fails -------------------------------------------


def test_projection_lacking_magi_names_the_answer_and_still_recommends():
    case = make_case(
        tax_year=2024,
        deduction="itemize",
        homes=[own_home()],
        salt={"state_local_income_or_sales_tax": "3000"},
    )
    a = advise(case)
    assert a.computed and a.recommended_by == "tax_this_year"
    assert "salt.magi" in a.needs
    assert any("needs your modified adjusted gross income (MAGI)" in p for p in a.points)


def test_estimate_lists_what_would_sharpen_it():
    est = result(make_case()).tax_estimate
    assert est.sharpen == ("tax.other_income", "tax.w2_wages")
    assert any("not yet verified" in t for t in est.assumptions)

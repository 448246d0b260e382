"""Every numeric reference case (C01-C15, C18) from /work/shared/domain/reference_cases.json.

Inputs and expected values are read from the JSON file; nothing expected is written in this file. Each case
has an adapter that feeds its inputs through the engine's public functions and returns the engine's figures
under the JSON's own names."""

from decimal import Decimal

import pytest

from homeoffice.engine import case_from_dict, compute, form8829_lines, load_params
from homeoffice.engine.actual import part1
from homeoffice.engine.area import business_fraction
from homeoffice.engine.depreciation import home_part3, sale_estimate
from homeoffice.engine.facts import DepreciationFacts, YearMonth, parse_year_month
from homeoffice.engine.money import CENT, HUNDRED
from homeoffice.engine.simplified import simplified_method

from .casekit import DAYCARE_ELIGIBILITY, load_reference_cases, make_case

DATA = load_reference_cases()
NUMERIC_CASES = [c for c in DATA["cases"] if c["id"].startswith("C")]


def pct(fraction: Decimal) -> Decimal:
    return fraction * HUNDRED


def form_line_key(key: str) -> str:
    """JSON form-line keys carry a caption suffix: "39_basis_of_building" -> "39", "7_pct" -> "7"."""
    return key.split("_", 1)[0]


def c01(inputs, _case):
    first = parse_year_month(inputs["first_business_use"], "first_business_use")
    basis = inputs["adjusted_basis_excluding_land_at_start"]
    facts = DepreciationFacts(
        first_business_use=first,
        adjusted_basis=Decimal(basis),
        fair_market_value=Decimal(inputs["fmv_at_start"]),
        land_value=Decimal(0),  # the example's figures already exclude land
    )
    p3 = home_part3(facts, load_params(first.year), first.year, inputs["business_pct"], CENT)
    form = {"39": p3.line39, "40": p3.line40, "41": p3.line41, "42": p3.line42}
    return {
        "expected": {
            "depreciable_basis": p3.line40,
            "first_year_rate_pct": p3.line41,
            "depreciation": p3.line42,
        },
        "layout_2018_plus": form,
    }


def c03(inputs, case):
    pct_ = inputs["business_pct"]
    line8 = inputs["gross_income_from_business"] - inputs["business_expenses_not_related_to_home"]
    lines = {
        "1": pct_ * 100,
        "2": "100",
        "8": line8,
        # Whole-home amounts whose business part (x line 7) is the example's figure.
        "10b": inputs["mortgage_interest_and_re_taxes_business_part"] / pct_,
        "21b": inputs["maintenance_insurance_utilities_business_part"] / pct_,
        # Business basis x 100% = the example's depreciation.
        "37": inputs["depreciation_business_part"] / pct_,
        "41": "100",
    }
    out = form8829_lines(case["tax_year"], {k: str(v) for k, v in lines.items()})
    d = {k: Decimal(v) for k, v in out.items()}
    return {
        "expected": {
            "deduction_limit": d["15"],
            "operating_allowed": d["27"],
            "depreciation_allowed": d["33"],
            "depreciation_carryover_to_next_year": d["44"],
            "tier1_allowed": d["14"],
            "non_home_expenses_allowed": inputs["gross_income_from_business"] - d["8"],
        },
        "derived_expected": {"total_business_use_of_home_deduction": d["36"]},
        "layout_2018_plus": d,
    }


def _mary_lake_case(inputs, tax_year, *, business_use=None, hours=None):
    home = {
        "id": "home",
        "ownership": "rent",
        "total_area": str(inputs.get("home_sqft", "100")),
        "spaces": [{"id": "daycare", "area": str(inputs.get("daycare_area_sqft", "50")), "use": "daycare"}],
        "daycare": {"hours_used": str(hours)},
        "expenses": {
            "rent": str(inputs.get("rent_whole_home", "0")),
            "utilities": str(inputs.get("utilities_whole_home", "0")),
            "repairs": {"direct_daycare": str(inputs.get("painting_basement_direct_not_exclusive", "0"))},
        },
    }
    if business_use:
        home["business_use"] = business_use
    return case_from_dict(
        make_case(
            tax_year=tax_year,
            eligibility=DAYCARE_ELIGIBILITY,
            businesses=[
                {
                    "id": "daycare",
                    "gross_income": str(inputs.get("gross_income", "100000")),
                    "expenses_not_from_home": str(inputs.get("expenses_not_related_to_home", "0")),
                }
            ],
            homes=[home],
            method="actual",
        ),
        allow_reference_years=True,
    )


def c04(inputs, case):
    hours = inputs["hours_per_day"] * inputs["days_per_week"] * inputs["weeks"]
    result = compute(_mary_lake_case(inputs, case["tax_year"], hours=hours))
    v = result.homes[0].actual.values
    assert v["5"] == inputs["hours_available"]
    line30 = next(r.amount for r in result.report if r.method == "actual")
    form = {k: v[k] for k in ("1", "2", "4", "5", "6", "8", "19b", "20a", "21b", "23a", "23b", "24", "25")}
    form.update({k: v[k] for k in ("26", "27", "28", "33", "34", "36", "43", "44")})
    form["3"], form["7"] = pct(v["3"]), pct(v["7"])
    return {
        "expected": {
            "area_pct": pct(v["3"]),
            "daycare_hours": v["4"],
            "time_pct": pct(v["6"]),
            "indirect_pct_line7": pct(v["7"]),
            "schedule_c_line30": line30,
            "form8829_2013_layout": {
                # 2013 numbering -> 2018+ lines (RULES.md §1.2): 18b->19b, 20b->21b, 22b->23b, 23->24,
                # 19a->20a, 25->26, 33->34, 35->36.
                "8": v["8"],
                "18b_rent": v["19b"],
                "20b_utilities": v["21b"],
                "22b": v["23b"],
                "23": v["24"],
                "19a_painting": v["20a"],
                "25": v["26"],
                "33": v["34"],
                "35": v["36"],
            },
        },
        "layout_2018_plus": form,
    }


def c05(inputs, _case):
    # Line 4 / line 5 chosen so that line 6 is the example's time percentage.
    p1 = part1(inputs["area_pct_basement_plus_nap_room"], HUNDRED, inputs["time_pct"] * 100, Decimal(10000))
    return {"expected": {"direct_expense_pct": pct(p1.line6), "indirect_pct": pct(p1.line7)}}


def c06(inputs, case):
    hours = inputs["hours_per_day"] * inputs["days_per_week"] * inputs["weeks"]
    year = case["tax_year"]
    case_ = _mary_lake_case(
        {"home_sqft": 100, "daycare_area_sqft": inputs["area_pct"]},
        year,
        business_use={"start": f"{year}-01-01", "end": inputs["stopped"]},
        hours=hours,
    )
    assert case_.homes[0].business_use.days == inputs["days_available"]
    v = compute(case_).homes[0].actual.values
    return {
        "expected": {
            "daycare_hours": v["4"],
            "hours_available": v["5"],
            "time_pct": pct(v["6"]),
            "indirect_pct": pct(v["7"]),
        }
    }


def c07(inputs, _case):
    area = Decimal(inputs["office_length_ft"] * inputs["office_width_ft"])
    fraction = business_fraction(area, Decimal(inputs["home_sqft"]))
    return {"expected": {"office_sqft": area, "business_pct": pct(fraction)}}


def c08(inputs, _case):
    fraction = business_fraction(Decimal(inputs["rooms_used"]), Decimal(inputs["total_rooms"]))
    return {"expected": {"business_pct": pct(fraction)}}


def _simplified_case(tax_year, spaces):
    return case_from_dict(
        make_case(
            tax_year=tax_year,
            businesses=[{"id": "biz", "gross_income": "100000"}],
            homes=[{"id": "home", "ownership": "rent", "total_area": "3000", "spaces": spaces}],
            method="simplified",
        ),
        allow_reference_years=True,
    )


def _simplified_out(result):
    use = result.homes[0].simplified[0]
    return {
        "expected": {"monthly_allowable": list(use.monthly), "average_monthly_allowable_sqft": use.average},
        "derived_expected": {"simplified_amount_before_income_limit": use.values["smw.4"]},
    }


def c09(inputs, case):
    space = {
        "id": "s",
        "area": str(inputs["sqft"]),
        "periods": [{"start": inputs["start"], "end": inputs["end"]}],
    }
    return _simplified_out(compute(_simplified_case(case["tax_year"], [space])))


def c10(inputs, case):
    periods = [{"start": p["start"], "end": p["end"], "area": str(p["sqft"])} for p in inputs["periods"]]
    area = max(p["sqft"] for p in inputs["periods"])
    space = {"id": "s", "area": str(area), "periods": periods}
    return _simplified_out(compute(_simplified_case(case["tax_year"], [space])))


def c11(inputs, case):
    assert inputs["split"] == "even"
    out = {"expected": {}, "derived_expected": {}}
    for person in ("kristin", "lindsey"):
        space = {
            "id": "s",
            "area": str(inputs[f"{person}_sqft_used"]),
            "shared_area": str(inputs["shared_sqft"]),
            "shared_percentage": "50",
        }
        use = compute(_simplified_case(case["tax_year"], [space])).homes[0].simplified[0]
        out["expected"][f"{person}_allowable_sqft"] = use.average
        out["derived_expected"][f"{person}_simplified_amount"] = use.values["smw.4"]
    return out


def c12(inputs, case):
    # No 2022 parameter file ships (filing years are 2023-2026); the $5 rate and the 8,760 hours of a
    # non-leap year are the same in 2023, so the 2023 parameters stand in.
    assert not inputs["leap_year"] and inputs["full_year"]
    params = load_params(2023)
    hours = inputs["weekday_hours"] * inputs["weekdays"] + inputs["saturday_hours"] * inputs["saturdays"]
    monthly = [Decimal(inputs["area_sqft"])] * 12
    use = simplified_method(
        tax_year=2023,
        params=params,
        gross_income_limit=Decimal(10**6),
        monthly=monthly,
        daycare_hours=(hours, params["hours_in_year"]),
        frozen=None,
        home_id="h",
        business_id="b",
        where="Schedule C, line 30",
    )
    ws = use.daycare
    return {
        "expected": {"daycare_hours": ws.amount("dcws.1")},
        "derived_expected": {
            "worksheet_line2_hours_available": ws.amount("dcws.2"),
            "worksheet_line3_decimal": ws.amount("dcws.3"),
            "smw_line3c_rate": use.values["smw.3c"],
            "smw_line4_amount_for_300_sqft": use.values["smw.4"],
        },
    }


def c13(inputs, case):
    assert inputs["itemizer"]
    d = make_case(tax_year=case["tax_year"], deduction="itemize", salt={"magi": "100000"})
    d["homes"][0]["ownership"] = "own"
    d["homes"][0]["mortgage_interest"] = {
        "paid": str(inputs["acquisition_mortgage_interest_paid"]),
        "deductible_if_itemizing": str(inputs["interest_allowed_on_schedule_a_after_limits"]),
    }
    v = compute(case_from_dict(d)).homes[0].actual.values
    return {
        "expected": {
            "line16_excess_mortgage_interest": v["16b"],
            "line10_deductible_mortgage_interest_col_b": v["10b"],
        }
    }


def c14(inputs, case):
    d = make_case(tax_year=case["tax_year"])
    d["homes"][0]["expenses"] = {
        "utilities": {
            "partial": [
                {
                    "amount": str(inputs["portion_reasonably_for_lighting"]),
                    "business_percentage": str(inputs["business_pct_of_lighting"] * 100),
                }
            ]
        }
    }
    v = compute(case_from_dict(d)).homes[0].actual.values
    return {"expected": {"line21_col_a": v["21a"], "line21_col_b": v["21b"]}}


def c15(inputs, case):
    year = case["tax_year"]
    first_year = int(inputs["first_business_use"])
    assert inputs[f"method_{first_year}"] == "simplified" and inputs[f"method_{year}"] == "actual"
    facts = DepreciationFacts(
        first_business_use=YearMonth(first_year, 1),
        adjusted_basis=Decimal(300000),
        fair_market_value=Decimal(300000),
        land_value=Decimal(50000),
        simplified_years=(first_year,),
    )
    p3 = home_part3(facts, load_params(year), year, Decimal("0.1"))
    assert p3.review, "depreciation after a simplified-method year must carry a review flag"
    return {"expected": {"line41_pct": p3.line41}}


def c18(inputs, _case):
    assert inputs["section121_eligible"] and inputs["office_inside_dwelling"]
    est = sale_estimate(inputs["gain"], inputs["depreciation_allowed_after_1997_05_06"])
    return {
        "expected": {
            "unrecaptured_sec1250_gain_recognized": est.unrecaptured_1250_gain,
            "excludable_gain": est.excludable_gain,
        }
    }


ADAPTERS = {
    "C01": c01,
    "C03": c03,
    "C04": c04,
    "C05": c05,
    "C06": c06,
    "C07": c07,
    "C08": c08,
    "C09": c09,
    "C10": c10,
    "C11": c11,
    "C12": c12,
    "C13": c13,
    "C14": c14,
    "C15": c15,
    "C18": c18,
}


def test_every_numeric_reference_case_has_an_adapter():
    ids = {c["id"][:3] for c in NUMERIC_CASES}
    assert ids == set(ADAPTERS), "reference_cases.json and the adapters disagree about which cases exist"


def _compare(expected, actual, path):
    if isinstance(expected, dict):
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}: engine produced no value"
            _compare(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(expected) == len(actual), path
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _compare(e, a, f"{path}[{i}]")
    else:
        assert Decimal(actual) == Decimal(expected), f"{path}: engine {actual} != reference {expected}"


@pytest.mark.parametrize("case", NUMERIC_CASES, ids=[c["id"] for c in NUMERIC_CASES])
def test_reference_case_matches_engine_exactly(case):
    out = ADAPTERS[case["id"][:3]](case["inputs"], case)
    _compare(case["expected"], out["expected"], "expected")
    if "derived_expected" in case:
        _compare(case["derived_expected"], out["derived_expected"], "derived_expected")
    layout = (case.get("derived_form_lines") or {}).get("layout_2018_plus")
    if layout is not None and "layout_2018_plus" in out:
        engine_lines = out["layout_2018_plus"]
        for key, value in layout.items():
            line = form_line_key(key)
            assert line in engine_lines, f"form line {key}: engine produced no value"
            _compare(value, engine_lines[line], f"layout_2018_plus.{key}")

"""compute(): verdict gating, itemizer vs standard deduction, Line 11 Worksheet, several homes, notes."""

import json
from decimal import Decimal

import pytest

from homeoffice.engine import InputError, case_from_dict, compute
from homeoffice.engine.internet import NO_1400_DEDUCTION

from .casekit import make_case


def run(**changes):
    return compute(case_from_dict(make_case(**changes)))


def owner_case(**changes):
    d = make_case(**changes)
    home = d["homes"][0]
    home.update({"ownership": "own", "mortgage_interest": {"paid": "10000"}, "real_estate_taxes": "8000"})
    home["expenses"] = {"utilities": "3000"}
    return d


def test_standard_deduction_filer_puts_interest_and_taxes_on_lines_16_and_17():
    v = compute(case_from_dict(owner_case())).homes[0].actual.values
    assert v["10b"] == 0 and v["11b"] == 0
    assert v["16b"] == 10000 and v["17b"] == 8000


def test_itemizer_with_salt_of_10000_or_less_puts_real_estate_taxes_on_line_11b():
    # 2,000 of income tax + 8,000 of real estate taxes = 10,000: no worksheet (Form 8829 instructions).
    d = owner_case(deduction="itemize", salt={"state_local_income_or_sales_tax": "2000", "magi": "100000"})
    r = compute(case_from_dict(d))
    v = r.homes[0].actual.values
    assert v["10b"] == 10000 and v["11b"] == 8000 and v["11a"] == 0 and v["17a"] == 0
    assert r.homes[0].actual.line11 is None


def test_2025_itemizer_over_10000_but_under_the_40000_cap_uses_the_line_11_worksheet():
    # 5,000 + 8,000 = 13,000 > 10,000: the worksheet, even though the 2025 cap (40,000) is not reached.
    # Line 6 = 8,000 x line 7 -> all of it on 11(a) (line 9 = 40,000 - (13,000 - line 6) leaves room), 17(a) 0.
    d = owner_case(deduction="itemize", salt={"state_local_income_or_sales_tax": "5000", "magi": "100000"})
    r = compute(case_from_dict(d))
    v = r.homes[0].actual.values
    ws = r.homes[0].actual.line11
    assert ws is not None and ws.amount("l11ws.8") == 40000
    assert v["11b"] == 0 and v["17a"] == 0
    assert v["11a"] == ws.amount("l11ws.6") == (Decimal(8000) * v["7"]).quantize(Decimal(1))


def test_itemizer_over_the_2023_cap_splits_taxes_between_11a_and_17a():
    d = owner_case(tax_year=2023, deduction="itemize", salt={"state_local_income_or_sales_tax": "9000"})
    r = compute(case_from_dict(d))
    v = r.homes[0].actual.values
    ws = r.homes[0].actual.line11
    assert ws.amount("l11ws.8") == 10000
    assert v["11a"] == ws.amount("l11ws.10") and v["17a"] == ws.amount("l11ws.11")
    assert v["11a"] + v["17a"] == ws.amount("l11ws.6") == Decimal(8000) * v["7"]


def test_2025_salt_cap_phases_down_above_500000_magi_but_not_below_10000():
    base = {"state_local_income_or_sales_tax": "45000"}
    high = compute(case_from_dict(owner_case(deduction="itemize", salt=dict(base, magi="550000"))))
    very_high = compute(case_from_dict(owner_case(deduction="itemize", salt=dict(base, magi="900000"))))
    limit_high = high.homes[0].actual.line11.amount("l11ws.8")
    assert Decimal(10000) < limit_high < Decimal(40000)
    assert very_high.homes[0].actual.line11.amount("l11ws.8") == 10000
    assert any(n.kind == "review" and "MAGI" in n.text for n in high.notes)


def test_married_filing_separately_halves_the_2023_salt_cap():
    d = owner_case(
        tax_year=2023,
        filing_status="married_separate",
        deduction="itemize",
        salt={"state_local_income_or_sales_tax": "4000"},
    )
    assert compute(case_from_dict(d)).homes[0].actual.line11.amount("l11ws.8") == 5000


def test_itemizer_needs_no_magi_for_2023_but_result_marks_2026_unverified_salt():
    d = owner_case(tax_year=2026, deduction="itemize", salt={"magi": "100000"})
    r = compute(case_from_dict(d))
    kinds = {n.kind for n in r.notes}
    assert "provisional_year" in kinds and "unverified" in kinds
    assert r.to_dict()["parameters"]["provisional"] is True


def test_amounts_are_computed_only_when_the_verdict_qualifies():
    r = run(
        eligibility={
            "role": "self_employed",
            "trade_or_business": True,
            "space_type": "office",
            "exclusive_use": False,
        }
    )
    assert r.verdict.status != "qualifies"
    assert r.computed is False and r.homes == () and r.report == ()
    assert r.to_dict()["total_deduction"] is None


def test_employee_gets_nothing_and_the_internet_note_says_why():
    r = run(
        tax_year=2025,
        eligibility={"role": "employee", "employee_category": "none"},
        internet={"annual_cost": "1200", "business_use_percentage": "50"},
    )
    assert r.computed is False and r.other_expenses == ()
    texts = [n.text for n in r.notes if n.kind == "internet"]
    assert NO_1400_DEDUCTION in texts and any("employee" in t for t in texts)


def test_internet_goes_to_schedule_c_line_25_never_form_8829():
    r = run(internet={"annual_cost": "1000", "business_use_percentage": "40"})
    internet = [x for x in r.report if x.method == "internet"]
    assert len(internet) == 1 and internet[0].amount == 400 and "line 25" in internet[0].line
    v = r.homes[0].actual.values
    assert v["21b"] == Decimal(make_case()["homes"][0]["expenses"]["utilities"])  # unchanged by internet
    assert any(n.text == NO_1400_DEDUCTION for n in r.notes)


def test_internet_lowers_schedule_c_profit_on_line_8():
    without = run().homes[0].actual.values["8"]
    with_internet = (
        run(internet={"annual_cost": "1000", "business_use_percentage": "40"}).homes[0].actual.values["8"]
    )
    assert without - with_internet == 400


def test_only_one_home_may_use_the_simplified_method():
    d = make_case(
        homes=[
            {
                "id": "old",
                "ownership": "rent",
                "total_area": "800",
                "business_use": {"start": "2025-01-01", "end": "2025-05-31"},
                "spaces": [{"id": "o", "area": "150"}],
                "expenses": {"rent": "100"},
            },
            {
                "id": "new",
                "ownership": "rent",
                "total_area": "1200",
                "business_use": {"start": "2025-06-01", "end": "2025-12-31"},
                "spaces": [{"id": "o", "area": "200"}],
                "expenses": {"rent": "200"},
            },
        ]
    )
    r = compute(case_from_dict(d))
    assert [h.method for h in r.homes].count("simplified") <= 1
    assert r.comparison.recommended.total == max(o.total for o in r.comparison.options)
    assert len(r.homes) == 2 and all(h.actual is not None for h in r.homes)
    assert (
        sum(h.actual.values["8"] for h in r.homes)
        == r.homes[0].actual.values["8"] + r.homes[1].actual.values["8"]
    )


def test_partner_uses_the_pub_587_worksheet_and_schedule_e():
    r = run(
        businesses=[
            {"id": "biz", "schedule": "partner", "gross_income": "30000", "expenses_not_from_home": "5000"}
        ],
        method="actual",
    )
    home = r.homes[0]
    assert home.actual.form == "p587"
    assert home.actual.worksheet.amount("p587.4") == 30000
    assert home.actual.worksheet.amount("p587.13") == home.actual.values["15"]
    assert "Schedule E" in r.report[0].line


def test_several_businesses_split_line_36_and_the_parts_add_up():
    r = run(
        businesses=[{"id": "a", "gross_income": "50000"}, {"id": "b", "gross_income": "20000"}],
        homes=[
            {
                "id": "home",
                "ownership": "rent",
                "total_area": "1000",
                "spaces": [{"id": "x", "businesses": {"a": "70", "b": "30"}, "area": "150"}],
                "expenses": {"rent": "12001"},
            }
        ],
        method="actual",
    )
    alloc = dict(r.homes[0].allocation)
    assert sum(alloc.values()) == r.homes[0].actual.values["36"]
    assert alloc["a"] > alloc["b"]


def test_part_year_full_year_expenses_are_prorated_by_days():
    d = make_case()
    d["homes"][0]["business_use"] = {"start": "2025-07-01", "end": "2025-12-31"}
    d["homes"][0]["expenses_cover"] = "full_year"
    v = compute(case_from_dict(d)).homes[0].actual.values
    assert v["19b"] == round(Decimal(12000) * 184 / 365)


def test_input_hash_is_stable_and_changes_with_the_input():
    a = run().input_sha256
    assert a == run().input_sha256
    assert a != run(method="actual").input_sha256


def test_result_to_dict_is_json_ready_with_decimal_strings():
    data = run().to_dict()
    text = json.dumps(data)
    assert "rounding_policy" in data and data["parameters"]["id"] == "params-2025"
    assert isinstance(data["total_deduction"], str)
    assert "e+" not in text.lower().replace("true", "")


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["homes"][0]["spaces"][0].update(area="NaN"), "homes[0].spaces[0].area"),
        (lambda d: d["homes"][0]["expenses"].update(rent=12.5), "homes[0].expenses.rent"),
        (lambda d: d.update(tax_year=2019), "tax_year"),
        (lambda d: d["businesses"][0].update(gross_income="1e30"), "businesses[0].gross_income"),
        (lambda d: d["homes"][0].update(total_area="50"), "homes[0].spaces"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["eligibility"].update(role="astronaut"), "eligibility.role"),
    ],
)
def test_bad_case_raises_input_error_with_the_dotted_path(mutate, field):
    d = make_case()
    mutate(d)
    with pytest.raises(InputError) as exc:
        case_from_dict(d)
    assert exc.value.field == field


@pytest.mark.parametrize("salt", [None, {"state_local_income_or_sales_tax": "9000"}])
def test_a_2025_itemizer_without_magi_is_an_input_error_naming_the_field(salt):
    d = owner_case(deduction="itemize")
    d.pop("salt", None)
    if salt is not None:
        d["salt"] = salt
    with pytest.raises(InputError) as exc:
        case_from_dict(d)
    assert exc.value.field == "salt.magi"
    # Before 2025 the cap is flat: MAGI is not needed.
    d["tax_year"] = 2024
    case_from_dict(d)


@pytest.mark.parametrize(
    ("schedule", "where", "note_says"),
    [
        ("C", "Schedule C, line 25 (Utilities)", "Schedule C line 25"),
        ("F", "Schedule F (Utilities), as a farm expense", "farm expenses on Schedule F"),
        ("partner", "Schedule E, Part II (unreimbursed partnership expenses)", "unreimbursed partnership"),
    ],
)
def test_internet_is_reported_where_the_business_it_belongs_to_reports_it(schedule, where, note_says):
    d = make_case()
    d["businesses"][0]["schedule"] = schedule
    d["internet"] = {"annual_cost": "1200", "business_use_percentage": "40"}
    r = compute(case_from_dict(d))
    # 1,200 x 40 % = 480, never on the home office worksheet.
    assert [(x.line, x.amount) for x in r.report if x.method == "internet"] == [(where, Decimal(480))]
    internet_notes = [n.text for n in r.notes if n.kind == "internet"]
    assert NO_1400_DEDUCTION in internet_notes
    assert any(note_says in t for t in internet_notes)
    if schedule != "C":
        assert not any("Schedule C" in t for t in internet_notes if t != NO_1400_DEDUCTION)

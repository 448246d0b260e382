"""“Why is my deduction limited or zero?” (homeoffice.engine.explain)."""

from decimal import Decimal

from homeoffice.engine import case_from_dict, compute, form8829_lines
from homeoffice.engine.explain import explain_form8829, explain_home, explain_simplified

from .casekit import load_reference_cases, make_case

C03 = next(c for c in load_reference_cases()["cases"] if c["id"].startswith("C03"))


def _c03_lines() -> dict:
    """Reference case C03 (Pub 587 2013, Deduction Limit) through the engine's line-level calculator."""
    i = C03["inputs"]
    pct = i["business_pct"]
    lines = {
        "1": pct * 100,
        "2": "100",
        "8": i["gross_income_from_business"] - i["business_expenses_not_related_to_home"],
        "10b": i["mortgage_interest_and_re_taxes_business_part"] / pct,
        "21b": i["maintenance_insurance_utilities_business_part"] / pct,
        "37": i["depreciation_business_part"] / pct,
        "41": "100",
    }
    return form8829_lines(C03["tax_year"], {k: str(v) for k, v in lines.items()})


def test_c03_pub587_deduction_limit_example_in_plain_words():
    out = _c03_lines()
    form = C03["derived_form_lines"]["layout_2018_plus"]
    # The engine's lines are the reference's (read from the JSON)
    for line in ("8", "14", "27", "33", "44"):
        assert Decimal(out[line]) == form[line]
    e = explain_form8829(out)
    assert e.text == (
        "Your business earned $4,000 after its other expenses. "
        "Mortgage interest and taxes for the office used $3,000 of that. "
        "Operating costs took $800. "
        "Only $200 was left for depreciation, so $1,400 carries to next year."
    )
    assert e.limited and not e.zero
    assert e.headline == "Why your deduction is limited"
    # The figures in the text are the engine's lines, not recomputed
    assert {k: e.lines[k] for k in ("8", "14", "27", "33", "44")} == {
        k: Decimal(out[k]) for k in ("8", "14", "27", "33", "44")
    }


def test_not_limited():
    r = compute(case_from_dict(make_case()))
    e = explain_home(r.homes[0])
    assert not e.limited and not e.zero
    assert e.sentences[-1] == "Everything fit within the limit, so nothing carries over."
    assert e.sentences[0] == "Your business earned $80,000 after its other expenses."


def test_loss_gives_zero_and_carries_everything():
    case = make_case()
    case["businesses"][0]["expenses_not_from_home"] = "81000"  # line 8 = -1,000
    case["method"] = "actual"
    r = compute(case_from_dict(case))
    e = explain_home(r.homes[0])
    assert e.zero and e.limited
    assert e.headline == "Why your deduction is zero"
    assert e.sentences[0].startswith("Your business had a loss of $1,000")
    # rent 12,000 + utilities 2,400 = 14,400 x 10 % = 1,440 operating costs, all carried
    assert "Nothing was left for operating costs, so $1,440 carries to next year." in e.sentences


def test_tier1_above_income_and_carryover_in():
    lines = {
        "8": "500",
        "14": "900",
        "15": "0",
        "25": "100",
        "26": "300",
        "27": "0",
        "28": "0",
        "32": "0",
        "33": "0",
        "36": "900",
        "43": "300",
        "44": "0",
    }
    e = explain_form8829(lines)
    assert e.sentences[1] == (
        "Mortgage interest and taxes for the office used all of it ($900; they are allowed in full even above "
        "the income)."
    )
    assert e.sentences[2] == (
        "Nothing was left for operating costs (including $100 carried over from last year), so $300 carries to "
        "next year."
    )


def test_simplified_limited_by_income_and_frozen_carryovers():
    e = explain_simplified(
        {
            "smw.1": "600",
            "smw.2": "200",
            "smw.3c": "5.00",
            "smw.4": "1000",
            "smw.5": "600",
            "smw.6a": "250",
            "smw.6b": "100",
        }
    )
    assert e.text == (
        "The simplified method allows $5 × 200 sq ft = $1,000. Your business earned only $600 after its other "
        "expenses, so the deduction is $600; under the simplified method the rest is lost (nothing carries "
        "over). The $350 carried over from earlier years stays frozen this year; it is used the next year you "
        "use actual expenses."
    )
    assert e.limited and not e.zero

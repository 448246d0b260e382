"""Audit of the worksheet PDF across kinds of return (#5): what each role's PDF says, read back with pypdf.
The PDFs carry the web's extras (interview.rollover.extras: ledger, limit explanation, method advice, home
names), as `manage.py compute --pdf` and the web do."""

import copy
import re

import pytest

from homeoffice.engine import case_from_dict, compute
from interview import pdf
from tests.pdf.cases import CASES, OFFICE, TWO_HOMES
from tests.pdf.conftest import text_lines

pytest.importorskip("weasyprint")

_cache: dict[str, list[str]] = {}


def full_text(name: str, case: dict) -> list[str]:
    """Text lines of the PDF the web would give for `case` (Result + rollover extras)."""
    if name not in _cache:
        from interview.rollover import extras

        parsed = case_from_dict(case, allow_reference_years=True)
        result = compute(parsed)
        data = {**result.to_dict(), **extras(case, parsed, result)}
        _cache[name] = text_lines(pdf.render_worksheet_pdf(data, return_name="Audit"))
    return _cache[name]


def joined(lines: list[str]) -> str:
    return " ".join(lines)


# Two businesses sharing one office: line 36 is split between them (60 % / 40 %).
TWO_BUSINESSES = {
    "tax_year": 2025,
    "method": "actual",
    "eligibility": OFFICE,
    "businesses": [
        {"id": "consult", "name": "Consulting", "gross_income": "50000", "expenses_not_from_home": "5000"},
        {"id": "photo", "name": "Photography", "gross_income": "20000", "expenses_not_from_home": "4000"},
    ],
    "homes": [
        {
            "id": "condo",
            "ownership": "rent",
            "total_area": "1200",
            "spaces": [{"id": "office", "area": "240", "businesses": {"consult": "60", "photo": "40"}}],
            "expenses": {"rent": "20000", "utilities": "2000"},
        }
    ],
}


def moved_owner() -> dict:
    """TWO_HOMES with the interview's home ids, the second home owned and depreciated."""
    case = copy.deepcopy(TWO_HOMES)
    case["homes"][0]["id"] = "home"
    new = case["homes"][1]
    new.update(
        id="other_home",
        ownership="own",
        depreciation={
            "first_business_use": "2025-07",
            "adjusted_basis": "300000",
            "fair_market_value": "320000",
            "land_value": "50000",
        },
    )
    new["expenses"] = {"insurance": "800", "utilities": "1500"}
    return case


def test_the_form_says_enter_zero_with_both_dashes():
    lines = full_text("doc_example", CASES["doc_example"]())
    line15 = next(x for x in lines if x.startswith("15 Subtract line 14 from line 8"))
    assert "If zero or less, enter -0-" in line15
    line43 = next(x for x in lines if x.startswith("43 Operating expenses"))
    assert "If less than zero, enter -0-" in line43


def test_a_moved_taxpayer_sees_home_names_not_internal_ids_in_the_ledger_and_limit_sections():
    text = joined(full_text("moved_owner", moved_owner()))
    assert "How the deduction limit applies — Your other home" in text
    assert "Depreciation ledger — Your other home" in text
    assert "(for your other home)" in text  # the comparison's reasons, mid-sentence
    assert "other_home" not in text


def test_each_business_simplified_comparison_names_its_business():
    text = joined(full_text("two_businesses", TWO_BUSINESSES))
    assert "Simplified Method Worksheet (2025) — Consulting — for comparison, not filed" in text
    assert "Simplified Method Worksheet (2025) — Photography — for comparison, not filed" in text


def test_line_36_split_between_two_businesses_is_shown_with_the_form():
    lines = full_text("two_businesses", TWO_BUSINESSES)
    start = next(i for i, x in enumerate(lines) if x.startswith("Line 36 allocation"))
    block = lines[start : start + 4]
    assert any(x.startswith("Consulting") and x.endswith("2,640") for x in block), block
    assert any(x.startswith("Photography") and x.endswith("1,760") for x in block), block


def test_the_method_advice_review_box_says_it_concerns_the_projection():
    # The doc example never used the simplified method; the flag comes from the advisor's "simplified this
    # year" projection, and must not read as a flag on this year's own figures.
    text = joined(full_text("doc_example", CASES["doc_example"]()))
    assert "Review this (the 2026 projection above)." in text


def test_a_short_part_is_not_split_across_pages():
    # Two homes: the second Form 8829 reached the foot of page 3 with Part III's heading and line 37 only.
    import io

    from pypdf import PdfReader

    from tests.pdf.cases import result_for

    body = pdf.render_worksheet_pdf(result_for("two_homes"), return_name="Audit")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages]
    for page in pages:
        for first, last in (
            ("37 Enter the smaller", "42 Depreciation allowable"),
            ("43 Operating", "44 Excess"),
        ):
            assert (first in page) == (last in page), f"{first!r} and {last!r} on different pages"


def test_every_page_of_a_provisional_return_says_provisional():
    # Pages are kept and copied separately; the 2026 figures rest on the draft form.
    case = copy.deepcopy(CASES["provisional_2026"]())
    case["method"] = "actual"  # the longer worksheet: more than one page
    import io

    from pypdf import PdfReader

    from interview.rollover import extras

    parsed = case_from_dict(case)
    result = compute(parsed)
    body = pdf.render_worksheet_pdf({**result.to_dict(), **extras(case, parsed, result)}, return_name="Audit")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages]
    assert len(pages) > 1
    for n, page in enumerate(pages, 1):
        assert "Home Office Deduction Worksheet 2026 (provisional) · Audit · not an IRS form" in page, n


def test_a_form_2106_group_is_told_why_no_amounts_are_shown():
    case = copy.deepcopy(CASES["not_qualifying"]())
    case["eligibility"]["employee_category"] = "performing_artist"
    text = joined(full_text("refer_2106", case))
    assert "Eligibility: Needs a professional's review" in text
    assert (
        "No amounts are shown: this worksheet does not figure a home office deduction for an employee in a "
        "Form 2106 group; have a tax professional figure it." in text
    )


@pytest.mark.parametrize("name", ["farm_pub587", "simplified"])
def test_a_worksheet_that_is_never_filed_is_not_called_a_copy_of_an_official_form(name):
    # The Pub 587 worksheet (Schedule F, partners) and the Simplified Method Worksheet are kept, not filed:
    # the amount goes to the schedule line under "Where to report".
    text = joined(full_text(name, CASES[name]()))
    assert "copy the amounts to the official form" not in text
    assert (
        "The IRS worksheet is not filed either: enter the deduction where “Where to report” says and keep this "
        "worksheet with your records." in text
    )


def test_a_form_8829_worksheet_still_says_to_copy_to_the_official_form():
    text = joined(full_text("doc_example", CASES["doc_example"]()))
    assert "copy the amounts to the official form" in text


def test_page_x_of_n_stays_on_one_line_with_a_long_return_name():
    from tests.pdf.cases import result_for

    long_name = "Return-for-the-Northwestern-Pacific-Architectural-Visualization-Studio-2025-final-v2"
    lines = text_lines(pdf.render_worksheet_pdf(result_for("doc_example"), return_name=long_name))
    folios = [x for x in lines if "Page 1 of" in x]
    assert folios and all(re.search(r"Page 1 of \d+$", x) for x in folios), folios


def test_a_long_unbroken_name_wraps_inside_its_cell():
    # A name with no space or hyphen ran across the next column and off the page.
    case = CASES["doc_example"]()
    word = "NorthwesternPacificArchitecturalVisualizationStudioLLC"
    case["businesses"][0]["name"] = word
    lines = text_lines(pdf.render_worksheet_pdf(compute(case_from_dict(case)), return_name="Audit"))
    assert not [x for x in lines if word in x]
    assert "Where to report" in lines


def test_the_longest_return_name_wraps_in_the_footer_and_the_heading():
    from tests.pdf.cases import result_for

    name = "X" * 120  # the longest a return's name may be (interview.models.TaxReturn.name)
    lines = text_lines(pdf.render_worksheet_pdf(result_for("simplified"), return_name=name))
    assert not [x for x in lines if name in x]
    assert any(x.endswith("· not an IRS form") for x in lines)


def test_two_homes_limit_charts_have_distinct_ids_in_the_tagged_pdf(caplog):
    # Each chart's SVG carries a title and a description referenced by id; two charts must not share them.
    from interview.rollover import extras

    case = moved_owner()
    parsed = case_from_dict(case)
    result = compute(parsed)
    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf.render_worksheet_pdf({**result.to_dict(), **extras(case, parsed, result)}, return_name="Ids")
    assert not [r for r in caplog.records if "defined twice" in r.getMessage()]

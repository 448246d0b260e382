"""The worksheet PDF uses its own small user-agent stylesheet (static/css/print-ua.css) instead of WeasyPrint's
full HTML one, for speed. It must change nothing: every PDF test case, with the web view's extras (ledger,
advice, the SVG tier chart), renders to the very same bytes both ways."""

import re

import pytest

from homeoffice.engine import case_from_dict, compute
from homeoffice.engine.errors import InputError
from interview import pdf
from interview.rollover import extras
from tests.pdf.cases import CASES, ROOT

pytest.importorskip("weasyprint")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_small_user_agent_stylesheet_renders_the_same_bytes_as_weasyprints_own(name):
    case = CASES[name]()
    case_obj = case_from_dict(case, allow_reference_years=True)
    result = compute(case_obj)
    try:
        more = extras(case, case_obj, result)
    except InputError:  # Pub 587's 2013 examples: the advisor looks at next year, which is not supported
        more = {}
    data = {**result.to_dict(), **more}
    html = pdf.render_html(data, return_name="Studio on Elm St", taxpayer_name="Dana Reyes")
    ours = pdf.html_to_pdf(html, identifier=b"same", variant=pdf.PDF_VARIANT)
    full = pdf.html_to_pdf(html, identifier=b"same", variant=pdf.PDF_VARIANT, full_user_agent_stylesheet=True)
    assert ours == full


def test_the_worksheet_is_rendered_with_the_small_user_agent_stylesheet():
    pdf._weasyprint()
    html_class = pdf._state["html_class"]
    (sheet,) = html_class(string="<p>x</p>")._ua_stylesheets()
    assert sheet is not pdf._state["weasyprint"].HTML(string="<p>x</p>")._ua_stylesheets()[0]


INLINE = {"span", "strong", "b", "em", "i", "small", "br", "a", "abbr", "sup", "sub"}


def test_every_element_the_print_templates_use_has_its_rules_in_the_small_stylesheet():
    ua = (ROOT / "static" / "css" / "print-ua.css").read_text()
    selectors = set(
        re.findall(r"(?<![-\w.#:])([a-z][a-z0-9]*)\b(?=[^{}]*\{)", re.sub(r"/\*.*?\*/", "", ua, flags=re.S))
    )
    used = set()
    for path in (ROOT / "templates" / "pdf").glob("*.html"):
        used |= set(re.findall(r"<([a-z][a-z0-9]*)", path.read_text()))
    used.add("svg")  # interview/charts.py; the elements inside an <svg> are drawn by WeasyPrint's SVG code
    missing = sorted(used - INLINE - selectors)
    assert not missing, f"add rules for {missing} to static/css/print-ua.css (from WeasyPrint's html5_ua.css)"

"""The worksheet a preparer files from (issue #16): the taxpayer's name (asked once, optional), the date it was
prepared, every amount, the tax-year figures in words with the answers' fingerprint in a footnote, header cells
with their scope in the tagged PDF, no near-empty page, and a PDF from the not-eligible page too.

Figures are Dana's, worked out by hand in tests/e2e/personas.py (DESIGNER_EXPECTED)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.e2e import personas as P
from tests.e2e.browsing import pdf_amounts, pdf_cells, pdf_text
from tests.interview.conftest import create_return, walk

pytest.importorskip("weasyprint")

FORM = "Form 8829 —"
NAME = "Dana Q. Ortiz-Whitfield"


def _designer(client, taxpayer_name):
    work, *rest = P.DESIGNER
    pages = [(work[0], {**work[1], "taxpayer_name": taxpayer_name}), *rest]
    tax_return, location = create_return(client)
    walk(client, tax_return, location, pages)
    tax_return.refresh_from_db()
    return tax_return


def _pdf(client, tax_return) -> bytes:
    response = client.get(reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _structure(body: bytes):
    """Every structure element of the tagged PDF, with its parent."""
    reader = PdfReader(io.BytesIO(body))
    out = []

    def visit(node, parent):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        out.append((node, parent))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                visit(kid, node)

    visit(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return out


def test_the_worksheet_carries_the_name_the_date_and_every_amount(logged_in):
    tax_return = _designer(logged_in, NAME)
    body = _pdf(logged_in, tax_return)
    text = pdf_text(body)
    flat = " ".join(text.split())

    assert f"Taxpayer {NAME}" in flat
    day = timezone.localdate(tax_return.updated_at)
    assert f"Prepared {day:%B} {day.day}, {day.year}" in flat

    # Every figure of Dana's worksheet (hand-worked in personas.py), as the form's amount column writes it.
    for line, amount in P.DESIGNER_EXPECTED["lines"].items():
        number = line.rstrip("ab") if line in ("23b",) else line
        written = amount.replace("$", "")
        got = pdf_amounts(text, number, after=FORM)
        assert written in got, f"line {line}: {got} (expected {written})"
    report = pdf_cells(text, "Graphic design", after="Where to report")
    assert report[-1] == "$3,901", report
    assert pdf_cells(text, "Actual expenses", after="Method comparison")[:2] == ["Actual expenses", "$3,901"]
    assert pdf_cells(text, "Simplified method", after="Method comparison")[:2] == [
        "Simplified method",
        "$1,200",
    ]

    # The tax-year figures in words; the hash only as an explained footnote.
    assert "The IRS amounts for 2025 that the calculation uses" in flat
    assert "Input hash" not in flat
    assert "Answers fingerprint (SHA-256 of every answer the calculation used)" in flat
    # Citations a reader can follow.
    assert "irs.gov/pub587" in flat and "irs.gov/form8829" in flat


def test_header_cells_say_whether_they_head_a_row_or_a_column(logged_in):
    body = _pdf(logged_in, _designer(logged_in, ""))
    elements = _structure(body)
    headers = [(e, parent) for e, parent in elements if e.get("/S") == "/TH"]
    assert headers
    scopes = {}
    for th, tr in headers:
        scope = th.get("/A", {}).get("/Scope")
        assert scope in ("/Row", "/Column"), f"a header cell without a scope: {th}"
        scopes.setdefault(scope, []).append((th, tr))
    # The form's line numbers head rows; the tables' headings head columns.
    assert len(scopes.get("/Row", [])) >= 40 and len(scopes.get("/Column", [])) >= 5
    for _th, tr in scopes["/Row"]:
        cells = [c.get_object() for c in tr["/K"]] if isinstance(tr["/K"], list) else []
        assert any(c.get("/S") == "/TD" for c in cells if hasattr(c, "get")), "a row header alone in its row"
    for th, tr in scopes["/Column"]:
        cells = [c.get_object() for c in tr["/K"]] if isinstance(tr["/K"], list) else []
        assert not any(
            c.get("/S") == "/TD" and th.get("/ID") in c.get("/A", {}).get("/Headers", [])
            for c in cells
            if hasattr(c, "get")
        )


def test_no_page_holds_only_a_few_lines(logged_in):
    body = _pdf(logged_in, _designer(logged_in, NAME))
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, 1):
        lines = [x for x in (page.extract_text() or "").splitlines() if x.strip()]
        # The running footer is two lines; a balanced page has at least a dozen lines of its own.
        assert len(lines) >= 14, f"page {number} of {len(reader.pages)} holds only {len(lines)} lines"


def test_the_name_is_optional_and_then_not_printed(logged_in):
    tax_return = _designer(logged_in, "")
    flat = " ".join(pdf_text(_pdf(logged_in, tax_return)).split())
    assert "Taxpayer Not given" in flat


def test_the_not_eligible_page_links_its_pdf_with_the_reasons(logged_in):
    tax_return, location = create_return(logged_in, name="Remote job")
    work, *rest = P.EMPLOYEE
    walk(logged_in, tax_return, location, [(work[0], {**work[1], "taxpayer_name": "Riley Remote"}), *rest])
    page = logged_in.get(reverse("interview:knockout", kwargs={"pk": tax_return.pk}))
    pdf_url = reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk})
    assert f'href="{pdf_url}"' in page.content.decode()
    flat = " ".join(pdf_text(_pdf(logged_in, tax_return)).split())
    assert "Taxpayer Riley Remote" in flat
    assert "Eligibility: Does not qualify" in flat
    assert "§67(g)" in flat

"""`manage.py compute CASE.json --pdf OUT.pdf` writes the same PDF as the web for the same case: the worksheet
plus the depreciation ledger, method advice, "why limited" text and tier chart (interview.rollover.extras)."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from interview import case as C
from tests.interview.test_rollover_flow import OWNER, save_all

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


@pytest.fixture
def owner_case(user, tmp_path):
    tax_return = save_all(user, 2025, OWNER, name="Studio")
    path = tmp_path / "studio.json"
    path.write_text(json.dumps(C.build_case(tax_return)))
    return tax_return, path


def test_cli_pdf_has_the_ledger_advisor_and_limit_sections(owner_case, tmp_path):
    pytest.importorskip("weasyprint")
    _, path = owner_case
    out = tmp_path / "out.pdf"
    call_command("compute", str(path), "--pdf", str(out), stdout=io.StringIO())
    text = pdf_text(out.read_bytes())
    # OWNER (tests/interview/test_rollover_flow.py): line 8 = 9,500 - 8,000 = 1,500; operating expenses
    # (10,000 + 3,000 + 2,400) x 10 % = 1,540 take all of it; depreciation 200,000 x 10 % x 2.564 % = 512.80
    # -> 513, nothing left for it, so all 513 carries to 2026.
    assert "Depreciation ledger" in text
    assert "Method advice: 2025 and 2026" in text
    assert "How the deduction limit applies" in text
    assert "Nothing was left for depreciation, so $513 carries to next year." in text
    assert "unrecaptured section 1250 gain" in text


def test_cli_pdf_matches_the_web_pdf_of_the_same_return(owner_case, logged_in, tmp_path):
    pytest.importorskip("weasyprint")
    tax_return, path = owner_case
    web = logged_in.get(reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk}))
    assert web.status_code == 200
    out = tmp_path / "cli.pdf"
    call_command("compute", str(path), "--pdf", str(out), "--name", tax_return.name, stdout=io.StringIO())
    assert pdf_text(out.read_bytes()) == pdf_text(web.content)


def test_the_web_pdf_names_the_business_and_the_home_in_words_not_internal_ids(user, logged_in):
    pytest.importorskip("weasyprint")
    answers = {**OWNER, "work": {**OWNER["work"], "business_description": "Letterpress studio"}}
    tax_return = save_all(user, 2025, answers, name="Studio")
    web = logged_in.get(reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk}))
    text = pdf_text(web.content)
    assert "Letterpress studio Schedule C, line 30" in text
    # The carryover table. OWNER: operating expenses (10,000 + 3,000 + 2,400) x 10 % = 1,540 against a
    # 1,500 limit leave $40; all $513 of depreciation carries.
    assert (
        "Carryovers to 2026 Home Operating expenses Excess casualty losses and depreciation Your home $40 $513"
        in text
    )
    assert "business Schedule C" not in text

"""/returns/<id>/worksheet.pdf: owner only, attachment, private no-store, cached; and WeasyPrint stays in
interview/pdf.py."""

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from interview import case as C
from interview import pdf, pdf_views
from interview.models import TaxReturn
from tests.pdf.cases import CASES, ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user("alex", first_name="Alex", last_name="Rivera")


@pytest.fixture
def tax_return(owner):
    return TaxReturn.objects.create(owner=owner, tax_year=2025, name="Studio on Elm St")


@pytest.fixture
def engine_result(monkeypatch):
    """The return's answers map to a named test case: interview.case.build_case (answers -> case dict) is
    replaced, everything after it (case_from_dict, compute, the PDF) is real."""
    chosen = {"name": "doc_example"}
    monkeypatch.setattr(C, "build_case", lambda tax_return: CASES[chosen["name"]]())
    cache.clear()
    return chosen


def url(tax_return):
    return reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk})


def test_url_is_the_documented_one(tax_return):
    assert url(tax_return) == f"/returns/{tax_return.pk}/worksheet.pdf"


def test_owner_gets_the_pdf_as_a_private_attachment(client, password, owner, tax_return, engine_result):
    client.login(username="alex", password=password)
    response = client.get(url(tax_return))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="form8829-worksheet-2025-studio-on-elm-st.pdf"'
    )
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    body = response.content
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Return Studio on Elm St" in text
    assert "Taxpayer Alex Rivera" in text
    assert re.search(r"36 Allowable expenses for business use of your home.*?3,917", text, re.S)


def test_another_user_gets_404(client, password, make_user, tax_return, engine_result):
    make_user("blair")
    client.login(username="blair", password=password)
    assert client.get(url(tax_return)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, tax_return, engine_result):
    response = client.get(url(tax_return))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_only_get(client, password, owner, tax_return, engine_result):
    client.login(username="alex", password=password)
    assert client.post(url(tax_return)).status_code == 405


def test_not_qualifying_return_gets_a_pdf_with_the_verdict(
    client, password, owner, tax_return, engine_result
):
    engine_result["name"] = "not_qualifying"
    client.login(username="alex", password=password)
    response = client.get(url(tax_return))
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Eligibility: Does not qualify" in text
    assert "No amounts are shown" in text


def test_knocked_out_return_without_a_case_gets_the_verdict_pdf(client, password, owner):
    """A W-2 employee knocked out by the interview: no case can be built, the PDF still shows why."""
    from tests.interview.conftest import create_return, walk

    client.login(username="alex", password=password)
    tax_return, location = create_return(client, 2025, "Remote job")
    walk(
        client,
        tax_return,
        location,
        [
            ("work", {"role": "employee", "business_description": "Engineer", "trade_or_business": "yes"}),
            (
                "employee",
                {
                    "employee_category": "none",
                    "convenience_of_employer": "yes",
                    "rents_space_to_employer": "no",
                },
            ),
        ],
    )
    tax_return.refresh_from_db()
    response = client.get(url(tax_return))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="form8829-worksheet-2025-remote-job.pdf"')
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Eligibility: Does not qualify" in text
    assert "§67(g)" in text


def test_incomplete_return_is_sent_back_to_the_interview(client, password, owner, tax_return):
    client.login(username="alex", password=password)
    response = client.get(url(tax_return))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/returns/{tax_return.pk}/")


def test_unchanged_return_is_served_from_the_cache(
    client, password, owner, tax_return, engine_result, monkeypatch
):
    client.login(username="alex", password=password)
    first = client.get(url(tax_return)).content
    calls, computed = [], []
    monkeypatch.setattr(pdf, "render_worksheet_pdf", lambda *a, **k: calls.append(1) or b"rendered again")
    real_compute = C.compute_result
    monkeypatch.setattr(C, "compute_result", lambda r: computed.append(1) or real_compute(r))
    second = client.get(url(tax_return)).content
    assert calls == [] and computed == []  # a cache hit runs neither the engine nor the renderer
    assert second == first
    engine_result["name"] = "simplified"  # a changed return (another input hash) is rendered
    assert client.get(url(tax_return)).content == b"rendered again"
    assert calls == [1]


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("Studio on Elm St", "form8829-worksheet-2025-studio-on-elm-st.pdf"),
        ("Büro am Markt / 2. OG", "form8829-worksheet-2025-buro-am-markt-2-og.pdf"),
        ("🏠", "form8829-worksheet-2025-return-7.pdf"),
    ],
)
def test_filename_is_a_slug_of_the_return_name(name, filename):
    assert pdf_views.worksheet_filename(TaxReturn(pk=7, tax_year=2025, name=name)) == filename


IMPORT = re.compile(r"^\s*(import\s+weasyprint\b|from\s+weasyprint\b)", re.M)
SKIP = {".venv", ".git", "var", "node_modules", ".ruff_cache", ".pytest_cache"}


def test_weasyprint_is_imported_only_in_interview_pdf():
    importers = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIP & set(rel.parts):
            continue
        if IMPORT.search(path.read_text(encoding="utf-8", errors="replace")):
            importers.append(str(rel))
    assert importers == [str(Path("interview") / "pdf.py")]


def test_forget_return_removes_its_cached_pdfs(
    client, password, owner, tax_return, engine_result, monkeypatch
):
    """Deleting a return or an account should call interview.pdf.forget_return: no copy of its figures stays."""
    client.login(username="alex", password=password)
    client.get(url(tax_return))
    engine_result["name"] = "simplified"  # a second version of the answers, a second cached PDF
    client.get(url(tax_return))
    keys = cache.get(f"worksheet-pdf-return:{tax_return.pk}")
    assert len(keys) == 2 and all(cache.get(k) for k in keys)
    pdf.forget_return(tax_return.pk)
    assert not any(cache.get(k) for k in keys)
    assert cache.get(f"worksheet-pdf-return:{tax_return.pk}") is None

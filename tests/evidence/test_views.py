"""The evidence page, downloads and the audit pack, through the web."""

import base64
import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interview.evidence.models import Evidence
from tests.evidence import files
from tests.evidence.conftest import evidence_url

pytestmark = pytest.mark.django_db


def upload(client, tax_return, data, name="plan.png", target="area", **extra):
    return client.post(
        evidence_url(tax_return),
        {"target": target, "file": SimpleUploadedFile(name, data), **extra},
    )


def test_attach_a_file_and_see_it_listed_under_its_line(signed_in, alex, make_return):
    tax_return = make_return(alex)
    response = upload(
        signed_in, tax_return, files.png(), note="Measured 12 x 10 ft", document_date="2025-01-05"
    )
    assert response.status_code == 302
    item = Evidence.objects.get()
    assert (item.target, item.note, str(item.document_date)) == ("area", "Measured 12 x 10 ft", "2025-01-05")
    page = signed_in.get(response["Location"]).content.decode()
    assert "plan.png" in page and "Measured 12 x 10 ft" in page
    assert reverse("interview:evidence_file", args=[tax_return.pk, item.pk]) in page


def test_a_bad_file_is_refused_at_the_field_and_the_rest_is_kept(signed_in, alex, make_return):
    tax_return = make_return(alex)
    response = upload(
        signed_in, tax_return, b"MZ not a receipt", name="receipt.pdf", target="utilities", note="Keep me"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'id="id_file-error"' in html and "not a photo or scan" in html
    assert 'data-error-code="evidence.file.type"' in html
    assert 'value="Keep me"' in html
    assert '<option value="utilities" selected>' in html
    assert not Evidence.objects.exists()


def test_an_upload_over_the_limit_stops_early_with_a_message(signed_in, alex, make_return, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 2000
    response = upload(signed_in, make_return(alex), files.pdf(pages=30), name="big.pdf")
    assert response.status_code == 200
    assert "larger than" in response.content.decode()
    assert not Evidence.objects.exists()


def test_missing_file_is_asked_for(signed_in, alex, make_return):
    response = signed_in.post(evidence_url(make_return(alex)), {"target": "area"})
    assert response.status_code == 200
    assert 'id="id_file-error"' in response.content.decode()


def test_the_page_needs_a_csrf_token_for_uploads(alex, make_return):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(alex)
    response = c.post(
        evidence_url(make_return(alex)), {"target": "area", "file": SimpleUploadedFile("a.png", files.png())}
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_download_is_an_attachment_of_the_decrypted_file(signed_in, alex, make_return, attach):
    item = attach(make_return(alex), data=files.pdf(), filename="Closing statement.pdf", target="home_basis")
    response = signed_in.get(reverse("interview:evidence_file", args=[item.tax_return_id, item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Closing" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content == files.pdf()


def test_another_person_gets_404_for_every_evidence_url(client, alex, blake, make_return, attach):
    item = attach(make_return(alex, name="Alex's flat"))
    client.force_login(blake)
    pk = item.tax_return_id
    for method, url in (
        ("get", reverse("interview:evidence", args=[pk])),
        ("post", reverse("interview:evidence", args=[pk])),
        ("get", reverse("interview:evidence_file", args=[pk, item.pk])),
        ("post", reverse("interview:evidence_delete", args=[pk, item.pk])),
        ("get", reverse("interview:audit_pack", args=[pk])),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert b"Alex" not in response.content
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_a_file_is_reachable_only_under_its_own_return(signed_in, alex, make_return, attach):
    item = attach(make_return(alex))
    other = make_return(alex, name="Other")
    assert signed_in.get(reverse("interview:evidence_file", args=[other.pk, item.pk])).status_code == 404


def test_remove_deletes_row_and_object(signed_in, alex, make_return, attach, settings):
    from interview.evidence.storage import evidence_storage

    item = attach(make_return(alex))
    url = reverse("interview:evidence_delete", args=[item.tax_return_id, item.pk])
    assert signed_in.get(url).status_code == 405
    with django_capture_commit():
        assert signed_in.post(url).status_code == 302
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert not evidence_storage().exists(item.stored_name)


def django_capture_commit():
    """Run on_commit callbacks inside the test transaction (the object goes when the deletion commits)."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


EXPENSES = {
    "work": {"role": "self_employed"},
    "expenses": {"utilities": "2400", "insurance": "600", "repairs": None},
}


def read_pack(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_audit_pack_holds_index_and_decrypted_files(signed_in, alex, make_return, attach):
    tax_return = make_return(alex, name="Studio", answers=EXPENSES)
    attach(tax_return, target="area", data=files.png(), filename="floor plan.png", note="12 x 10 ft")
    attach(tax_return, target="utilities", data=files.pdf(), filename="electric.pdf")
    pack = read_pack(signed_in.get(reverse("interview:audit_pack", args=[tax_return.pk])))
    names = set(pack.namelist())
    assert {"index.csv", "index.txt"} <= names
    rows = list(csv.DictReader(io.StringIO(pack.read("index.csv").decode())))
    by_line = {(r["supports"], r["status"]): r for r in rows}
    # Answers: utilities and insurance carry amounts, repairs is blank -> insurance is the expense line
    # without a record; area and exclusive use apply to every return.
    assert by_line[("Utilities", "attached")]["file"] == "files/02-utilities-electric.pdf"
    assert by_line[("Area of the office and of the home", "attached")]["note"] == "12 x 10 ft"
    missing = {r["supports"] for r in rows if r["status"] == "missing"}
    assert missing == {"Insurance", "Regular and exclusive use of the space"}
    assert pack.read("files/02-utilities-electric.pdf") == files.pdf()
    assert pack.read("files/01-area-floor plan.png").startswith(b"\x89PNG")
    text = pack.read("index.txt").decode()
    assert "Lines without evidence: Regular and exclusive use of the space, Insurance" in text


def test_audit_pack_of_an_unfinished_return_says_the_worksheet_is_missing(signed_in, alex, make_return):
    tax_return = make_return(alex)
    pack = read_pack(signed_in.get(reverse("interview:audit_pack", args=[tax_return.pk])))
    assert not [n for n in pack.namelist() if n.endswith(".pdf")]
    assert "Worksheet: not included" in pack.read("index.txt").decode()


def test_the_steps_that_need_records_link_to_the_page(signed_in, alex, make_return):
    tax_return = make_return(alex, answers={"work": {"role": "self_employed"}})
    for step, shown in (("expenses", True), ("office", True), ("work", False)):
        html = signed_in.get(reverse("interview:step", args=[tax_return.pk, step])).content.decode()
        link = f"{evidence_url(tax_return)}?for={step}"
        assert (link in html) is shown, step


def test_exports_include_the_files(signed_in, alex, make_return, attach):
    tax_return = make_return(alex)
    attach(tax_return, target="home_basis", data=files.pdf(), filename="closing.pdf", note="HUD-1")
    for url in (reverse("interview:export_json", args=[tax_return.pk]), reverse("account_export")):
        data = json.loads(signed_in.get(url).content)
        exported = data["return"] if "return" in data else data["returns"][0]
        (item,) = exported["evidence"]
        assert (item["target"], item["filename"], item["note"]) == ("home_basis", "closing.pdf", "HUD-1")
        assert base64.b64decode(item["content_base64"]) == files.pdf()


def test_results_page_names_the_lines_without_records_and_the_pack_holds_the_worksheet(
    signed_in, alex, make_return, attach
):
    from tests.e2e import personas as P
    from tests.evidence.conftest import save_pages

    tax_return = save_pages(make_return(alex, name="Studio on Elm St"), P.DESIGNER)
    attach(tax_return, target="utilities", data=files.pdf(), filename="electric.pdf")
    html = signed_in.get(reverse("interview:summary", args=[tax_return.pk])).content.decode()
    start = html.index('id="evidence-missing"')
    missing = html[start : html.index("</ul>", start)]
    # The designer entered mortgage interest, taxes, insurance, utilities, a direct repair and the home's
    # cost: every one of those lines but utilities (attached), plus area and exclusive use, lacks a record.
    for label in (
        "Area of the office and of the home",
        "Regular and exclusive use of the space",
        "Mortgage interest",
        "Real estate taxes",
        "Insurance",
        "Repairs and maintenance",
        "Cost of the home and value of the land",
    ):
        assert label in missing, label
    for label in ("Utilities", "Rent", "Casualty losses", "Improvements", "Internet"):
        assert label not in missing, label
    assert reverse("interview:audit_pack", args=[tax_return.pk]) in html

    pack = read_pack(signed_in.get(reverse("interview:audit_pack", args=[tax_return.pk])))
    assert pack.read("form8829-worksheet-2025-studio-on-elm-st.pdf").startswith(b"%PDF-")


@pytest.mark.parametrize("role", ["farmer", "partner"])
def test_farmers_and_partners_see_pub_587_worksheet_lines_not_form_8829(
    signed_in, alex, make_return, attach, role
):
    """RULES.md §1.1: partners and Schedule F filers use the Pub 587 worksheet (its line 18 is utilities,
    Form 8829's line 21; homeoffice/engine/actual.py P587_MAP)."""
    tax_return = make_return(alex, answers={"work": {"role": role}, "expenses": {"utilities": "1200"}})
    attach(tax_return, target="utilities", data=files.pdf(), filename="electric.pdf")
    html = signed_in.get(evidence_url(tax_return)).content.decode()
    page = html[html.index("<main") : html.index("</main>")]  # the footer cites Form 8829 for everyone
    assert "Form 8829" not in page
    assert "Pub 587 worksheet line 18" in page and "Pub 587 worksheet lines 1–2" in page
    pack = read_pack(signed_in.get(reverse("interview:audit_pack", args=[tax_return.pk])))
    index = pack.read("index.csv").decode() + pack.read("index.txt").decode()
    assert "Form 8829" not in index
    assert "Pub 587 worksheet line 18,Utilities,attached" in index


@pytest.mark.parametrize("loss", ["object deleted", "key removed"])
def test_a_file_that_can_no_longer_be_read_is_explained_never_a_server_error(
    signed_in, alex, make_return, attach, loss
):
    from cryptography.fernet import Fernet
    from django.core.files.base import ContentFile

    from interview.evidence.storage import evidence_storage

    tax_return = make_return(alex)
    lost = attach(tax_return, target="utilities", data=files.pdf(), filename="electric.pdf")
    kept = attach(tax_return, target="area", data=files.png(), filename="plan.png")
    backend = evidence_storage().backend
    backend.delete(lost.stored_name)
    if loss == "key removed":  # the file alone was written under a key this site no longer has
        stale = Fernet(Fernet.generate_key()).encrypt(files.pdf())
        assert backend.save(lost.stored_name, ContentFile(stale)) == lost.stored_name

    response = signed_in.get(reverse("interview:evidence_file", args=[tax_return.pk, lost.pk]))
    assert response.status_code == 302 and response["Location"] == evidence_url(tax_return)
    page = signed_in.get(response["Location"]).content.decode()
    assert "“electric.pdf” can no longer be read" in page and "Upload the file again" in page
    assert signed_in.get(reverse("interview:evidence_file", args=[tax_return.pk, kept.pk])).status_code == 200

    pack = read_pack(signed_in.get(reverse("interview:audit_pack", args=[tax_return.pk])))
    assert pack.read("files/01-area-plan.png").startswith(b"\x89PNG")
    assert not [n for n in pack.namelist() if n.endswith("electric.pdf")]
    rows = {r["supports"]: r for r in csv.DictReader(io.StringIO(pack.read("index.csv").decode()))}
    assert rows["Utilities"]["file"] == "NOT INCLUDED, could not be read (upload it again): electric.pdf"

    exported = json.loads(signed_in.get(reverse("interview:export_json", args=[tax_return.pk])).content)
    by_name = {item["filename"]: item for item in exported["return"]["evidence"]}
    assert by_name["electric.pdf"]["content_base64"] is None and by_name["electric.pdf"]["unreadable"]
    assert base64.b64decode(by_name["plan.png"]["content_base64"]).startswith(b"\x89PNG")

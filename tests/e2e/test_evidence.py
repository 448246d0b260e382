"""Issue #19 in a real browser: a person attaches a floor plan, a photo and two receipts to a finished return,
sees which lines still lack a record, downloads the audit pack and its index says where each file belongs."""

import csv
import io
import zipfile

import pytest

from tests.e2e import personas as P
from tests.e2e.browsing import Visitor, pdf_text, read_download
from tests.evidence import files

pytestmark = pytest.mark.django_db(transaction=True)


def attach(v: Visitor, target_label: str, path, note=""):
    page = v.page
    page.get_by_label("What does this file support?").select_option(label=target_label)
    page.get_by_label("File", exact=True).set_input_files(str(path))
    if note:
        page.get_by_label("Note").fill(note)
    v.press_button("Attach the file")
    assert "Attached" in v.text(".messages")


def test_attach_records_and_download_the_audit_pack(page, axe_seen, saved_return, tmp_path):
    saved_return("dana.records", P.PASSWORD, 2025, "Studio on Elm St", P.DESIGNER)
    v = Visitor(page, axe_seen)
    v.sign_in("dana.records", P.PASSWORD)
    v.follow("Studio on Elm St", exact=False)
    summary_url = page.url
    assert "/summary/" in summary_url or "/review/" in summary_url
    if "/review/" in summary_url:
        v.goto(summary_url.replace("/review/", "/summary/"))
    assert "Mortgage interest" in v.text("#evidence-missing")

    # From the expenses question, as a person keeping receipts would.
    v.goto(page.url.replace("/summary/", "/interview/expenses/"))
    v.follow("Attach records for this page")
    assert v.h1() == "Records and receipts"

    plan, photo = tmp_path / "floor-plan.png", tmp_path / "IMG_2041.jpg"
    electric, insurance = tmp_path / "electric March.pdf", tmp_path / "insurance 2025.pdf"
    plan.write_bytes(files.png(size=(120, 80)))
    photo.write_bytes(files.jpeg(gps=True))
    electric.write_bytes(files.pdf())
    insurance.write_bytes(files.pdf(pages=2))
    attach(v, "Area of the office and of the home — Form 8829 lines 1–2", plan, note="12 x 20 ft office")
    attach(v, "Regular and exclusive use of the space — Form 8829 line 1 (the space qualifies)", photo)
    attach(v, "Utilities — Form 8829 line 21", electric, note="March electricity")
    attach(v, "Insurance — Form 8829 line 18", insurance)

    # A file that is not a record is refused at the field, and nothing is added.
    bad = tmp_path / "receipt.pdf"
    bad.write_bytes(b"MZ\x90\x00 not a pdf")
    page.get_by_label("File", exact=True).set_input_files(str(bad))
    v.press_button("Attach the file")
    assert "not a photo or scan" in v.text("#id_file-field")

    table = v.text("#evidence-table")
    for name in ("floor-plan.png", "IMG_2041.jpg", "electric March.pdf", "insurance 2025.pdf"):
        assert name in table

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the audit pack (ZIP)").click()
    filename, data = read_download(info.value)
    assert filename == "audit-pack-2025-studio-on-elm-st.zip"
    pack = zipfile.ZipFile(io.BytesIO(data))
    rows = list(csv.DictReader(io.StringIO(pack.read("index.csv").decode())))
    attached = {r["file"]: (r["supports"], r["line"]) for r in rows if r["status"] == "attached"}
    assert attached == {
        "files/01-area-floor-plan.png": ("Area of the office and of the home", "Form 8829 lines 1–2"),
        "files/02-exclusive_use-IMG_2041.jpg": (
            "Regular and exclusive use of the space",
            "Form 8829 line 1 (the space qualifies)",
        ),
        "files/03-insurance-insurance 2025.pdf": ("Insurance", "Form 8829 line 18"),
        "files/04-utilities-electric March.pdf": ("Utilities", "Form 8829 line 21"),
    }
    # Dana entered mortgage interest, real estate taxes, a direct repair and the home's cost: no records yet.
    assert {r["supports"] for r in rows if r["status"] == "missing"} == {
        "Mortgage interest",
        "Real estate taxes",
        "Repairs and maintenance",
        "Cost of the home and value of the land",
    }
    assert pack.read("files/04-utilities-electric March.pdf") == files.pdf()
    assert b"GPS" not in pack.read("files/02-exclusive_use-IMG_2041.jpg")
    # The worksheet in the pack is the one the results page offers: Dana's deduction, worked out by hand in
    # tests/e2e/personas.py, is $3,901.
    assert "3,901" in pdf_text(pack.read("form8829-worksheet-2025-studio-on-elm-st.pdf"))

    v.goto(summary_url.replace("/review/", "/summary/"))
    still = v.text("#evidence-missing")
    assert "Utilities" not in still and "Insurance" not in still and "Mortgage interest" in still

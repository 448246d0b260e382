"""The worksheet PDF, read back with pypdf: every line's amount on its line, the verdict, the page furniture,
the metadata, and byte-for-byte determinism. No database."""

import io
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from interview import pdf
from tests.pdf.cases import CASES, ROOT, expected_text, result_for
from tests.pdf.conftest import RETURN_NAME, rendered

PAIR = re.compile(r"^(\d+[a-z]?)([ab])$")
FORM_NUMBER = re.compile(r"^\d+[a-z]{0,2}$")
MAX_CAPTION_LINES = 4


def printed_worksheets(data: dict) -> list[dict]:
    """The worksheets the PDF prints: the chosen method's, then the simplified method for comparison."""
    out = []
    for home in data["homes"]:
        actual = home.get("actual") or {}
        if home["method"] == "simplified":
            for use in home["simplified"]:
                out += [use["worksheet"], use.get("daycare"), use.get("area")]
        else:
            out += [actual.get("worksheet"), actual.get("line11"), actual.get("improvements")]
            for use in home["simplified"]:
                out += [use["worksheet"], use.get("daycare")]
    return [w for w in out if w]


def expected_rows(ws: dict) -> list[tuple[str, str, str]]:
    """(line number, caption start, the amounts as printed) per row; "19a"/"19b" make one row (a) (b)."""
    lines = ws["lines"]
    number = {ln["key"]: ln["key"].split(".", 1)[1] for ln in lines}
    paired = set()
    if ws["id"] in ("form8829", "p587"):
        cols: dict[str, set] = {}
        for n in number.values():
            if m := PAIR.match(n):
                cols.setdefault(m.group(1), set()).add(m.group(2))
        paired = {base for base, c in cols.items() if c == {"a", "b"}}
    rows, seen = [], {}
    for ln in lines:
        n = number[ln["key"]]
        text = expected_text(ln["amount"], ln["kind"])
        m = PAIR.match(n)
        if m and m.group(1) in paired:
            base = m.group(1)
            if base in seen:
                rows[seen[base]][2].append(text)
                continue
            seen[base] = len(rows)
            rows.append((base, ln["label"].split(" — ")[0], [text]))
        else:
            rows.append((n if FORM_NUMBER.match(n) else "", ln["label"], [text]))
    return [(n, caption[:24].rstrip(), " ".join(t for t in texts if t)) for n, caption, texts in rows]


def find_row(lines: list[str], start: int, number: str, caption: str, amounts: str) -> int:
    """Index of the text line where the row begins ("19 Rent ..."), searching from `start`; asserts that its
    amounts end the row's last caption line (pypdf reads a table row back as one line of text)."""
    head = f"{number} {caption}" if number else caption
    for i in range(start, len(lines)):
        if lines[i].startswith(head):
            break
    else:
        raise AssertionError(f"row {head!r} not found after line {start}")
    if amounts:
        for j in range(i, min(i + MAX_CAPTION_LINES, len(lines))):
            if lines[j] == amounts or lines[j].endswith(" " + amounts):
                return i
        raise AssertionError(f"row {head!r}: amount {amounts!r} not on its line: {lines[i : i + 4]!r}")
    return i


@pytest.mark.parametrize(
    "name", ["doc_example", "mary_lake_daycare", "simplified", "farm_pub587", "review_flag", "two_homes"]
)
def test_every_worksheet_line_prints_its_amount_on_its_line(name):
    result, _body, lines = rendered(name)
    data = result.to_dict()
    worksheets = printed_worksheets(data)
    assert worksheets
    cursor = 0
    for ws in worksheets:
        title = ws["title"]
        cursor = next(i for i in range(cursor, len(lines)) if lines[i].startswith(title[:40]))
        for number, caption, amounts in expected_rows(ws):
            cursor = find_row(lines, cursor, number, caption, amounts)


def test_mary_lake_daycare_hand_checked_against_pub_587():
    """Pub 587 (2013) Example 1: 50% x 34.25% = 17.13%; (8,400 + 850) x 17.13% = 1,585; 500 x 34.25% = 171
    on line 20(a); Schedule C line 30 = $1,756."""
    _result, _body, lines = rendered("mary_lake_daycare", taxpayer_name="Mary Lake")
    text = "\n".join(lines)
    assert "Taxpayer Mary Lake" in text
    find_row(lines, 0, "3", "Divide line 1 by line 2", "50.00%")
    find_row(lines, 0, "4", "Multiply days used", "3,000")
    find_row(lines, 0, "5", "If you started or", "8,760")
    find_row(lines, 0, "6", "Divide line 4 by line 5", "0.3425")
    find_row(lines, 0, "7", "Business percentage", "17.13%")
    find_row(lines, 0, "19", "Rent", "0 8,400")
    find_row(lines, 0, "20", "Repairs and maintenance", "171 0")
    find_row(lines, 0, "21", "Utilities", "0 850")
    find_row(lines, 0, "24", "Multiply line 23, column", "1,585")
    find_row(lines, 0, "36", "Allowable expenses", "1,756")
    # The report names the business as the person did (the name may wrap in its column).
    assert re.search(r"Mary Lake Family\s+Daycare\s+Schedule C, line 30 Actual expenses \$1,756", text)


def test_each_home_has_its_own_form_on_its_own_pages():
    result, body, lines = rendered("two_homes")
    text = "\n".join(lines)
    assert "Home “old-apartment” — Actual expenses" in text
    assert "Home “new-house” — Actual expenses" in text
    assert text.count("Form 8829 — Expenses for Business Use of Your Home (2025)") == 2
    reader = PdfReader(io.BytesIO(body))
    starts = [i for i, page in enumerate(reader.pages) if "Home “new-house”" in page.extract_text()]
    assert starts and reader.pages[starts[0]].extract_text().startswith("Home “new-house”")
    for row in result.to_dict()["report"]:
        amount = expected_text(row["amount"], "money")
        assert f"design {row['home']} Schedule C, line 30 Actual expenses ${amount}" in lines


def test_names_are_printed_as_text_never_as_markup():
    name = 'Moved <b>in</b> July & "Co" <img src="file:///etc/passwd">'
    _result, _body, lines = rendered("simplified", return_name=name, taxpayer_name="Pat O'Neil & Co")
    flat = " ".join(lines)
    assert f"Return {name}" in flat
    assert "Taxpayer Pat O'Neil & Co" in flat


def test_simplified_method_worksheet_is_the_filed_one():
    result, _body, lines = rendered("simplified")
    text = "\n".join(lines)
    data = result.to_dict()
    assert data["comparison"]["chosen_method"] == "simplified"
    assert "A worksheet in the layout of the Simplified Method Worksheet." in text
    assert "Simplified Method Worksheet (2025)" in lines
    assert "Simplified Method Worksheet (2025) — for comparison" not in text
    amount = expected_text(data["report"][0]["amount"], "money")
    assert re.search(rf"Schedule C, line 30 Simplified method \${re.escape(amount)}", text)
    assert "Form 8829 — Expenses" not in text  # the actual method is only in the comparison table
    assert re.search(
        r"Simplified method \$[\d,]+ Recommended · Chosen|Simplified method \$[\d,]+ Chosen", text
    )


def test_actual_method_prints_the_simplified_worksheet_for_comparison():
    _result, _body, lines = rendered("doc_example")
    text = "\n".join(lines)
    assert "Simplified Method Worksheet (2025) — for comparison, not filed" in text
    assert "Method comparison and recommendation" in text
    assert re.search(r"Actual expenses \$3,917 Recommended · Chosen", text)


def test_pub_587_layout_for_schedule_f():
    _result, _body, lines = rendered("farm_pub587")
    text = "\n".join(lines)
    assert "A worksheet in the layout of the Pub 587 worksheet" in text
    assert "Part 1 Part of Your Home Used for Business" in text
    assert "Part 3 Depreciation of Your Home" in text
    assert "Form 8829 — Expenses" not in text
    assert "Schedule F, line 32" in text


def test_not_qualifying_shows_the_verdict_and_reasons_without_amounts():
    result, _body, lines = rendered("not_qualifying")
    text = "\n".join(lines)
    verdict = result.to_dict()["verdict"]
    assert verdict["status"] == "does_not_qualify"
    assert "Eligibility Does not qualify" in text
    assert "No amounts are shown" in text
    flat = " ".join(lines)
    for reason in verdict["reasons"]:
        assert reason["citation"][:30] in flat
        assert " ".join(reason["text"].split())[:40] in flat
    assert "Where to report" not in text
    assert "Form 8829 — Expenses" not in text
    # No amounts, so no rounding policy either.
    for absent in (
        "Simplified Method Worksheet",
        "Method comparison",
        "Carryovers to",
        "Part I ",
        "Rounding policy",
    ):
        assert absent not in text


def test_title_tax_year_names_and_provenance():
    result, _body, lines = rendered("doc_example")
    text = "\n".join(lines)
    data = result.to_dict()
    assert lines[0] == "Home Office Deduction Worksheet 2025"
    assert "A worksheet in the layout of Form 8829. It is not the IRS form" in text
    assert f"Return {RETURN_NAME}" in text
    assert "Prepared with Home Office Deduction 0.1.0" in text
    # Issue #16: the parameter set in words, the input hash in an explained footnote.
    flat = " ".join(lines)
    assert "The IRS amounts for 2025 that the calculation uses" in flat
    assert f"set “{data['parameters']['id']}”" in flat
    assert "Answers fingerprint (SHA-256 of every answer the calculation used)" in flat
    assert data["input_sha256"][:40] in flat.replace(" ", "")
    assert "Rounding policy" in text
    assert data["rounding_policy"][:60] in " ".join(lines)
    assert "Carryovers to 2026" in text
    assert "Eligibility: Qualifies" in text


def test_internet_note_and_review_flags_are_printed():
    result, _body, lines = rendered("review_flag")
    flat = " ".join(lines)
    notes = result.to_dict()["notes"]
    review = [n["text"] for n in notes if n["kind"] == "review"]
    internet = [n["text"] for n in notes if n["kind"] == "internet"]
    assert review and internet
    assert "Review this" in flat
    for text in review + internet:
        assert " ".join(text.split())[:50] in flat


def test_provisional_year_is_marked():
    result, _body, lines = rendered("provisional_2026")
    assert result.to_dict()["parameters"]["provisional"] is True
    text = "\n".join(lines)
    assert "Tax year 2026 PROVISIONAL" in text
    assert "Provisional figures." in text


def test_page_x_of_n_on_every_page_us_letter_fonts_embedded():
    _result, body, _lines = rendered("doc_example")
    reader = PdfReader(io.BytesIO(body))
    n = len(reader.pages)
    assert n >= 2
    for i, page in enumerate(reader.pages, start=1):
        assert f"Page {i} of {n}" in page.extract_text()
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]  # US Letter
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert str(descriptor["/FontName"]).split("+")[1].startswith("DejaVu-Sans")
            assert "/FontFile2" in descriptor  # embedded (subset)


def test_metadata_title_language_tags_and_no_timestamps():
    _result, body, _lines = rendered("doc_example")
    reader = PdfReader(io.BytesIO(body))
    assert reader.metadata.title == f"Home office deduction worksheet 2025 — {RETURN_NAME}"
    assert "/CreationDate" not in reader.metadata
    assert "/ModDate" not in reader.metadata
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert "/StructTreeRoot" in root  # tagged (PDF/UA-1)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert b"CreationDate" not in body and b"uuid" not in body


def test_two_renders_are_byte_identical():
    result = result_for("mary_lake_daycare")
    first = pdf.render_worksheet_pdf(result, return_name=RETURN_NAME, taxpayer_name="Mary Lake")
    second = pdf.render_worksheet_pdf(result.to_dict(), return_name=RETURN_NAME, taxpayer_name="Mary Lake")
    assert first == second


def test_a_fresh_process_renders_the_same_bytes():
    """Same inputs and version -> same bytes, whatever the process (no timestamps, random ids or hash order)."""
    data = result_for("simplified").to_dict()
    here = pdf.render_worksheet_pdf(data, return_name=RETURN_NAME)
    code = (
        "import os, sys, json; sys.path.insert(0, sys.argv[1]);"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'homeoffice.settings');"
        "import django; django.setup();"
        "from interview import pdf;"
        "sys.stdout.buffer.write(pdf.render_worksheet_pdf(json.loads(sys.stdin.read()), return_name=sys.argv[2]))"
    )
    there = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), RETURN_NAME],
        input=json.dumps(data).encode(),
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin", "HOME": str(ROOT / "var")},
    ).stdout
    assert there == here


def test_different_names_give_different_documents_and_cache_keys():
    data = result_for("simplified").to_dict()
    a = pdf.cache_key(data, return_name="A")
    assert a != pdf.cache_key(data, return_name="B")
    assert a != pdf.cache_key(data, return_name="A", taxpayer_name="Pat")
    assert data["input_sha256"] in a


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        ("1756", "money", "1,756"),
        ("1234567.5", "money", "1,234,567.50"),  # cents written as cents
        ("1756.00", "money", "1,756"),  # one format everywhere: whole dollars without .00
        ("147.66", "money", "147.66"),
        ("-2500", "money", "(2,500)"),
        ("17.13", "percent", "17.13%"),
        ("2.564", "percent", "2.564%"),
        ("0.3425", "decimal", "0.3425"),
        ("5", "rate", "$5.00"),
        ("1.71", "rate", "$1.71"),
        ("8760", "hours", "8,760"),
        ("200.00", "sqft", "200.00"),
        (None, "money", ""),
    ],
)
def test_amount_formatting(value, kind, text):
    assert pdf.format_amount(value, kind) == text
    assert expected_text(value, kind) == text


def test_warm_up_renders_and_is_idempotent():
    pdf.warm_up()
    pdf.warm_up()
    assert pdf._state["warm"] is True


def test_every_case_is_covered():
    assert set(CASES) >= {"mary_lake_daycare", "simplified", "not_qualifying"}

"""manage.py form8829 and manage.py compute (thin adapters over the engine)."""

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .casekit import make_case

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"
MARY_LAKE_LINES = {"1": "1600", "2": "3200", "4": "3000", "8": "25000", "19b": "8400", "21b": "850"}


def run(*args, stdin=None):
    out = io.StringIO()
    call_command(*args, stdout=out, stdin=stdin)
    return json.loads(out.getvalue())


def test_form8829_prints_every_line_with_percentages_as_percent(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"tax_year": 2025, "lines": MARY_LAKE_LINES}))
    out = run("form8829", str(path))
    assert out["tax_year"] == 2025
    lines = out["lines"]
    assert {"1", "9a", "9b", "13", "23b", "36", "42", "44"} <= set(lines)
    assert lines["3"] == "50.00" and lines["7"] == "17.13" and lines["6"] == "0.3425"
    assert lines["24"] == str(round(Decimal("9250") * Decimal("0.1713")))


def test_form8829_reads_stdin_and_keeps_batch_order(tmp_path):
    batch = [
        {"tax_year": 2025, "lines": {"1": str(n), "2": "1000", "8": "100000", "21b": "1000"}}
        for n in (100, 250, 50)
    ]
    out = run("form8829", "-", stdin=io.StringIO(json.dumps(batch)))
    assert [o["lines"]["3"] for o in out] == ["10.00", "25.00", "5.00"]


def test_form8829_accepts_first_business_use_instead_of_line_41(tmp_path):
    lines = dict(
        MARY_LAKE_LINES, **{"4": "0", "37": "300000", "38": "50000", "first_business_use": "2025-03"}
    )
    out = run("form8829", "-", stdin=io.StringIO(json.dumps({"tax_year": 2025, "lines": lines})))
    assert out["lines"]["41"] == "2.033"


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ({"tax_year": 2025, "lines": {"1": "100", "2": "1000", "21b": "-3"}}, "lines.21b"),
        ({"tax_year": 2025, "lines": {"1": "100", "2": "1000", "77": "3"}}, "lines.77"),
        ({"tax_year": 2025, "lines": {"1": "100", "2": "1000", "21b": "NaN"}}, "lines.21b"),
        ({"tax_year": 2025, "lines": {"2": "1000"}}, "lines.1"),
        ({"tax_year": 1999, "lines": {"1": "100", "2": "1000"}}, "tax_year"),
        ({"tax_year": 2025, "lines": {"1": "100", "2": "1000"}, "extra": 1}, "extra"),
        (
            [
                {"tax_year": 2025, "lines": {"1": "1", "2": "10"}},
                {"tax_year": 2025, "lines": {"1": "x", "2": "10"}},
            ],
            "[1] lines.1",
        ),
    ],
)
def test_form8829_bad_input_names_the_key(payload, key):
    with pytest.raises(CommandError) as exc:
        call_command("form8829", "-", stdin=io.StringIO(json.dumps(payload)), stdout=io.StringIO())
    assert str(exc.value).startswith(key)


def test_form8829_rejects_invalid_json():
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("form8829", "-", stdin=io.StringIO("{nope"), stdout=io.StringIO())


def test_compute_prints_the_full_result_for_the_documented_example(tmp_path):
    block = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    path = tmp_path / "case.json"
    path.write_text(block)
    out = run("compute", str(path))
    assert out["verdict"]["status"] == "qualifies"
    assert out["computed"] is True
    assert out["comparison"]["reasons"]
    assert len(out["input_sha256"]) == 64
    assert any(n["kind"] == "internet" for n in out["notes"])


def test_compute_bad_case_names_the_dotted_field(tmp_path):
    case = make_case()
    case["homes"][0]["spaces"][0]["area"] = "-5"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    with pytest.raises(CommandError) as exc:
        call_command("compute", str(path), stdout=io.StringIO())
    assert str(exc.value).startswith("homes[0].spaces[0].area")


def test_compute_writes_a_pdf_or_says_rendering_is_unavailable(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(make_case()))
    pdf = tmp_path / "out.pdf"
    try:
        call_command("compute", str(path), "--pdf", str(pdf), stdout=io.StringIO())
    except CommandError as exc:
        assert "PDF rendering not available" in str(exc)
    else:
        assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("command", ["form8829", "compute"])
@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"a": ' * 100_000 + "1" + "}" * 100_000, "1" * 5000],
    ids=["deep-list", "deep-object", "huge-number"],
)
def test_cli_turns_any_malformed_json_into_one_line_error(command, text):
    with pytest.raises(CommandError) as exc:
        call_command(command, "-", stdin=io.StringIO(text), stdout=io.StringIO())
    message = str(exc.value)
    assert "\n" not in message
    assert "not valid JSON" in message or "must be" in message


def test_cli_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b'{"tax_year": "\xff\xfe"}')
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("compute", str(path), stdout=io.StringIO())

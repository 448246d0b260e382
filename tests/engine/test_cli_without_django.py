"""`python -m homeoffice.engine` (issue #17): the calculator without Django, with the same input and output as
`manage.py form8829` and `manage.py compute` (which share its code)."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from homeoffice.engine import cli

from .casekit import make_case

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "case-format.md"
MARY_LAKE_LINES = {"1": "1600", "2": "3200", "4": "3000", "8": "25000", "19b": "8400", "21b": "850"}


def engine_cli(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "homeoffice.engine", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def manage(*args, stdin=""):
    out = io.StringIO()
    call_command(*args, stdout=out, stdin=io.StringIO(stdin))
    return out.getvalue()


def test_form8829_prints_what_manage_py_prints(tmp_path):
    batch = [{"tax_year": 2025, "lines": MARY_LAKE_LINES}, {"tax_year": 2024, "lines": {"1": "1", "2": "10"}}]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch))
    run = engine_cli("form8829", str(path))
    assert run.returncode == 0, run.stderr
    assert run.stdout == manage("form8829", str(path))
    # Mary Lake (Pub 587): 1,600 of 3,200 sq ft = 50.00 %; line 7 is the daycare-adjusted 17.13 %.
    assert json.loads(run.stdout)[0]["lines"]["3"] == "50.00"


def test_compute_prints_what_manage_py_prints_for_the_documented_example():
    text = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    run = engine_cli("compute", "-", stdin=text)
    assert run.returncode == 0, run.stderr
    assert run.stdout == manage("compute", "-", stdin=text)


def test_bad_input_exits_non_zero_naming_the_key():
    run = engine_cli("form8829", "-", stdin=json.dumps({"tax_year": 2025, "lines": {"2": "1000"}}))
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("error: lines.1")
    case = make_case()
    case["tax_year"] = 1999
    run = engine_cli("compute", "-", stdin=json.dumps(case))
    assert run.returncode == 1 and run.stderr.startswith("error: tax_year")
    run = engine_cli("form8829", "-", stdin="{nope")
    assert run.returncode == 1 and "not valid JSON" in run.stderr


def test_pdf_is_refused_with_a_pointer_to_manage_py(tmp_path):
    run = engine_cli("compute", "-", "--pdf", str(tmp_path / "out.pdf"), stdin=json.dumps(make_case()))
    assert run.returncode == 1 and "manage.py compute" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("command", ["form8829", "compute"])
def test_no_django_module_is_loaded(command, tmp_path):
    payload = {"tax_year": 2025, "lines": MARY_LAKE_LINES} if command == "form8829" else make_case()
    path = tmp_path / "in.json"
    path.write_text(json.dumps(payload))
    code = (
        "import sys, io\n"
        "from homeoffice.engine.cli import main\n"
        f"assert main([{command!r}, {str(path)!r}], stdout=io.StringIO()) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_line_calculator_does_not_load_the_eligibility_rules():
    # What keeps a one-form process short: the calculator needs Form 8829's modules only.
    code = (
        "import sys, io, json\n"
        "from homeoffice.engine import cli\n"
        f"cli.form8829({{'tax_year': 2025, 'lines': {MARY_LAKE_LINES!r}}})\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('homeoffice.engine'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert "homeoffice.engine.eligibility" not in loaded and "homeoffice.engine.result" not in loaded
    assert cli.PDF_REFUSED.startswith("--pdf")

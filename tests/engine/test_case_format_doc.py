"""The complete example in docs/case-format.md is valid and computes."""

import json
import re
from decimal import Decimal
from pathlib import Path

from homeoffice.engine import case_from_dict, compute

DOC = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"


def _examples():
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/case-format.md must contain at least one ```json example"
    return [json.loads(b, parse_float=Decimal) for b in blocks]


def test_documented_example_is_a_valid_case_and_computes():
    for example in _examples():
        result = compute(case_from_dict(example))
        assert result.verdict.status == "qualifies"
        data = result.to_dict()
        json.dumps(data)  # JSON-ready: no Decimal or other objects left
        home = data["homes"][0]
        lines = {line["key"]: line["amount"] for line in home["actual"]["worksheet"]["lines"]}
        # The example is a homeowner with depreciation and carryovers: those lines are in play.
        assert Decimal(lines["8829.42"]) > 0
        assert Decimal(lines["8829.25"]) == Decimal(example["homes"][0]["carryover_in"]["operating"])
        reported = sum(
            Decimal(r["amount"]) for r in data["report"] if r["method"] in ("actual", "simplified")
        )
        assert reported == Decimal(data["total_deduction"])
        if home["method"] == "actual":
            assert Decimal(lines["8829.36"]) == reported


def test_documented_example_recommends_a_method_with_reasons():
    result = compute(case_from_dict(_examples()[0]))
    assert result.comparison.reasons
    assert result.comparison.recommended.total == max(o.total for o in result.comparison.options)


def test_every_result_key_of_compute_is_documented():
    """Issue #13: the Schedule A rows, the tax estimate and the advice are in the output and in the doc."""
    import io

    from django.core.management import call_command

    text = DOC.read_text(encoding="utf-8")
    result_section = text[text.index("## Result") :]
    out = io.StringIO()
    call_command("compute", "-", stdin=io.StringIO(json.dumps(_examples()[0], default=str)), stdout=out)
    data = json.loads(out.getvalue())
    for key in data:
        documented = f"`{key}`" in result_section or f"`{key}[]`" in result_section
        assert documented, f"{key} is not documented in docs/case-format.md"
    for key in data["schedule_a"]["actual"]:
        assert key in result_section, f"schedule_a.{key} is not documented"
    for key in data["tax_estimate"]["methods"]["actual"]:
        assert key in result_section, f"tax_estimate.methods.*.{key} is not documented"
    rows = {r["key"] for r in data["schedule_a"]["chosen"]["rows"]}
    assert {"schedule_a_5e", "schedule_a_8a"} <= rows
    advice = data["method_advice"]
    assert advice["recommended"] in ("actual", "simplified") and advice["points"]
    assert data["comparison"]["chosen_method"] == advice["recommended"]

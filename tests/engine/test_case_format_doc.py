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

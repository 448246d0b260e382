"""The committed reference cases are the team's shared copy, byte for byte."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "tests" / "data" / "reference_cases.json"
SHARED = ROOT.parent / "shared" / "domain" / "reference_cases.json"


def test_committed_reference_cases_exist():
    assert COMMITTED.is_file()


@pytest.mark.skipif(not SHARED.is_file(), reason="no shared/ folder beside this clone to compare with")
def test_committed_reference_cases_match_the_shared_copy():
    assert COMMITTED.read_bytes() == SHARED.read_bytes(), (
        "shared/domain/reference_cases.json changed: copy it to tests/data/ and rerun the engine tests"
    )

"""Form 8829 properties (Hypothesis) and a comparison with an independent simple implementation through
the `form8829` command."""

import io
import json
import random
from decimal import Decimal

from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from homeoffice.engine import form8829_lines

from .simple8829 import form8829 as simple_form8829

PERCENT_LINES = {"3", "6", "7", "41"}
FLOORED = ("15", "43", "44", "28", "36", "27", "33")

money = st.integers(min_value=0, max_value=200_000).map(str)


@st.composite
def forms(draw, with_daycare=True):
    total = draw(st.integers(min_value=100, max_value=10_000))
    lines = {
        "1": str(draw(st.integers(min_value=1, max_value=total))),
        "2": str(total),
        "8": str(draw(st.integers(min_value=-50_000, max_value=300_000))),
    }
    for key in (
        "9a",
        "9b",
        "10b",
        "11a",
        "11b",
        "16b",
        "17a",
        "17b",
        "18b",
        "19b",
        "20a",
        "20b",
        "21a",
        "21b",
    ):
        if draw(st.booleans()):
            lines[key] = draw(money)
    for key in ("22a", "22b", "25", "29", "31"):
        if draw(st.booleans()):
            lines[key] = str(draw(st.integers(min_value=0, max_value=20_000)))
    if with_daycare and draw(st.booleans()):
        lines["4"] = str(draw(st.integers(min_value=1, max_value=8760)))
    if draw(st.booleans()):
        basis = draw(st.integers(min_value=10_000, max_value=2_000_000))
        lines["37"] = str(basis)
        lines["38"] = str(draw(st.integers(min_value=0, max_value=basis)))
        year = draw(st.integers(min_value=1994, max_value=2025))
        lines["first_business_use"] = f"{year}-{draw(st.integers(min_value=1, max_value=12)):02d}"
    return lines


def _d(out):
    return {k: Decimal(v) for k, v in out.items()}


@settings(max_examples=300, deadline=None)
@given(forms())
def test_tiers_two_and_three_never_exceed_the_limit(lines):
    v = _d(form8829_lines(2025, lines))
    assert v["27"] <= v["15"]
    assert v["33"] <= v["28"]
    assert v["27"] + v["33"] <= v["15"]


@settings(max_examples=300, deadline=None)
@given(forms())
def test_allowed_plus_carried_over_equals_total_for_each_tier(lines):
    v = _d(form8829_lines(2025, lines))
    assert v["27"] + v["43"] == v["26"]
    assert v["33"] + v["44"] == v["32"]


@settings(max_examples=300, deadline=None)
@given(forms())
def test_lines_the_form_floors_at_zero_are_never_negative(lines):
    v = _d(form8829_lines(2025, lines))
    for line in FLOORED:
        assert v[line] >= 0, line


@settings(max_examples=200, deadline=None)
@given(forms(), st.integers(min_value=0, max_value=100_000))
def test_raising_income_never_lowers_the_deduction(lines, raise_by):
    low = _d(form8829_lines(2025, lines))
    higher = dict(lines, **{"8": str(Decimal(lines["8"]) + raise_by)})
    high = _d(form8829_lines(2025, higher))
    assert high["36"] >= low["36"]
    assert high["43"] + high["44"] <= low["43"] + low["44"]


def test_income_exactly_equal_to_tier_one_leaves_no_room_and_carries_everything():
    lines = {"1": "100", "2": "1000", "10b": "20000", "21b": "3000", "8": "2000", "29": "50"}
    v = _d(form8829_lines(2025, lines))
    assert v["14"] == Decimal(lines["8"])  # 10% of 20,000
    assert v["15"] == 0 and v["27"] == 0 and v["33"] == 0
    assert v["43"] == v["26"] and v["44"] == v["32"]
    assert v["36"] == v["14"]


def test_tier_one_is_allowed_in_full_even_above_line_8():
    v = _d(form8829_lines(2025, {"1": "500", "2": "1000", "8": "1000", "11b": "10000"}))
    assert v["14"] == 5000 and v["15"] == 0 and v["36"] == 5000


def test_bad_line_key_is_named():
    import pytest

    from homeoffice.engine import InputError

    with pytest.raises(InputError) as exc:
        form8829_lines(2025, {"1": "100", "2": "1000", "99": "5"})
    assert exc.value.field == "99"
    for bad in ("NaN", "Infinity", "1e400", "-5"):
        with pytest.raises(InputError) as exc:
            form8829_lines(2025, {"1": "100", "2": "1000", "21b": bad})
        assert exc.value.field == "21b"


def test_cli_matches_independent_implementation_on_random_forms(tmp_path):
    rng = random.Random(8829)
    batch = []
    for _ in range(300):
        lines = _random_form(rng)
        batch.append({"tax_year": rng.choice([2023, 2024, 2025, 2026]), "lines": lines})
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch))
    out = io.StringIO()
    call_command("form8829", str(path), stdout=out)
    results = json.loads(out.getvalue())
    assert len(results) == len(batch)
    for item, result in zip(batch, results, strict=True):
        assert result["tax_year"] == item["tax_year"]
        expected = simple_form8829(item["tax_year"], item["lines"])
        for line, value in expected.items():
            got = Decimal(result["lines"][line])
            if line in PERCENT_LINES:
                assert got == value, (line, item)
            else:
                assert abs(got - value) <= 3, (line, got, value, item)


def _random_form(rng):
    total = rng.randint(200, 5000)
    lines = {"1": str(rng.randint(1, total)), "2": str(total), "8": str(rng.randint(-20_000, 150_000))}
    for key in (
        "9b",
        "10b",
        "11b",
        "16b",
        "17b",
        "18b",
        "19b",
        "20a",
        "20b",
        "21a",
        "21b",
        "22b",
        "25",
        "29",
        "31",
    ):
        if rng.random() < 0.5:
            lines[key] = str(rng.randint(0, 40_000))
    if rng.random() < 0.3:
        lines["4"] = str(rng.randint(1, 8760))
    if rng.random() < 0.5:
        basis = rng.randint(50_000, 900_000)
        lines["37"], lines["38"] = str(basis), str(rng.randint(0, basis // 2))
        if rng.random() < 0.5:
            lines["41"] = rng.choice(["2.564", "1.391", "0.107"])
        else:
            lines["first_business_use"] = f"{rng.randint(1995, 2023)}-{rng.randint(1, 12):02d}"
    return lines

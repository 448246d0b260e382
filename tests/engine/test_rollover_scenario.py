"""Four years, 2023 → 2026, rolled forward one year at a time (homeoffice.engine.rollover).

Every expected number below is computed by hand in the comments; none is read from the engine.

The home: owned, 2,000 sq ft, office 200 sq ft -> line 3 = line 7 = 200 / 2,000 = 10 %.
Basis 250,000 (incl. land), FMV 300,000, land 50,000, first business use January 2023:
  line 37 = min(250,000, 300,000) = 250,000; line 38 = 50,000; line 39 = 200,000; line 40 = 200,000 x 10 % = 20,000.
  2023 (recovery year 1, January): 2.461 % -> 20,000 x 2.461 % = 492.20 -> 492
  2024 (year 2): simplified method -> depreciation deemed zero
  2025 (year 3): 2.564 % -> 20,000 x 2.564 % = 512.80 -> 513 (RULES.md §4 reading; review flag)
  2026 (year 4): 2.564 % -> 513
Itemizer, no other state and local taxes (SALT cap never reached):
  mortgage interest 10,000 -> line 10(b); real estate taxes 3,000 -> line 11(b); line 12(b) 13,000;
  line 13 = 13,000 x 10 % = 1,300 = line 14 (tier 1).
  insurance 1,200 + utilities 2,400 + repairs 400 = line 23(b) 4,000; line 24 = 400.
Simplified method: 200 sq ft x $5 = 1,000 (if income allows).
"""

from decimal import Decimal

from homeoffice.engine import case_from_dict, compute
from homeoffice.engine.depreciation import REVIEW_AFTER_SIMPLIFIED
from homeoffice.engine.explain import explain_form8829
from homeoffice.engine.rollover import home_ledger, roll_forward

from .casekit import OFFICE_ELIGIBILITY

D = Decimal

CASE_2023 = {
    "schema_version": 1,
    "tax_year": 2023,
    "filing_status": "single",
    "deduction": "itemize",
    "method": "auto",
    "eligibility": OFFICE_ELIGIBILITY,
    # 2023: 9,500 - 8,000 = line 8 1,500
    "businesses": [{"id": "biz", "name": "Design", "gross_income": "9500", "expenses_not_from_home": "8000"}],
    "homes": [
        {
            "id": "elm",
            "ownership": "own",
            "total_area": "2000",
            "spaces": [{"id": "office", "area": "200"}],
            "mortgage_interest": "10000",
            "real_estate_taxes": "3000",
            "expenses": {"insurance": "1200", "utilities": "2400", "repairs": "400"},
            "depreciation": {
                "first_business_use": "2023-01",
                "adjusted_basis": "250000",
                "fair_market_value": "300000",
                "land_value": "50000",
            },
        }
    ],
    "salt": {"magi": "60000"},
}

# Hand-computed Form 8829 lines for each year (actual-expense years) and the simplified year.
EXPECTED = {
    2023: {
        # line 8 1,500; tier 1 1,300; line 15 = 1,500 - 1,300 = 200
        # line 26 = 400 + 0 carryover = 400; line 27 = min(200, 400) = 200; line 43 = 400 - 200 = 200
        # line 28 = 200 - 200 = 0; line 30 = 492; line 32 = 492; line 33 = 0; line 44 = 492
        # line 36 = 1,300 + 200 + 0 = 1,500 (simplified would be 1,000: auto picks actual)
        "8": "1500",
        "14": "1300",
        "15": "200",
        "25": "0",
        "26": "400",
        "27": "200",
        "28": "0",
        "30": "492",
        "31": "0",
        "32": "492",
        "33": "0",
        "36": "1500",
        "41": "2.461",
        "42": "492",
        "43": "200",
        "44": "492",
    },
    2025: {
        # line 8 = 18,000 - 8,000 = 10,000; line 15 = 10,000 - 1,300 = 8,700
        # line 25 = 200 released (frozen in 2024); line 26 = 400 + 200 = 600; line 27 = 600; line 43 = 0
        # line 28 = 8,700 - 600 = 8,100; line 30 = 513; line 31 = 492 released; line 32 = 1,005
        # line 33 = min(8,100, 1,005) = 1,005; line 44 = 0; line 36 = 1,300 + 600 + 1,005 = 2,905
        "8": "10000",
        "14": "1300",
        "15": "8700",
        "25": "200",
        "26": "600",
        "27": "600",
        "28": "8100",
        "30": "513",
        "31": "492",
        "32": "1005",
        "33": "1005",
        "36": "2905",
        "41": "2.564",
        "42": "513",
        "43": "0",
        "44": "0",
    },
    2026: {
        # line 8 10,000 again; no carryover: 26 = 400 = 27; 28 = 8,300; 30 = 513 = 32 = 33
        # line 36 = 1,300 + 400 + 513 = 2,213
        "8": "10000",
        "14": "1300",
        "15": "8700",
        "25": "0",
        "26": "400",
        "27": "400",
        "28": "8300",
        "30": "513",
        "31": "0",
        "32": "513",
        "33": "513",
        "36": "2213",
        "41": "2.564",
        "42": "513",
        "43": "0",
        "44": "0",
    },
}


def _lines(result, home="elm"):
    h = next(h for h in result.homes if h.home == home)
    v = h.actual.values
    out = {k: v[k] for k in v}
    out["7"] = v["7"]
    return h, out


def _check(values, expected, year):
    for line, amount in expected.items():
        assert values[line] == D(amount), f"{year} line {line}: engine {values[line]} != hand {amount}"


def _run():
    """The four years; 2024 the person chooses the simplified method, 2025 income rises."""
    years = {}
    case = CASE_2023
    r = compute(case_from_dict(case))
    years[2023] = (case, r)
    for nxt_year, income, method in (
        (2024, "9500", "simplified"),
        (2025, "18000", "auto"),
        (2026, "18000", "auto"),
    ):
        roll = roll_forward(case, r)
        assert roll.to_year == nxt_year
        case = roll.case
        case["businesses"][0]["gross_income"] = income
        case["method"] = method
        r = compute(case_from_dict(case))
        years[nxt_year] = (case, r, roll)
    return years


def test_2023_actual_with_both_carryovers():
    years = _run()
    _, r = years[2023]
    h, v = _lines(r)
    assert h.method == "actual"
    assert v["7"] == D("0.1")
    _check(v, EXPECTED[2023], 2023)
    assert r.total_deduction == D(1500)
    # Simplified for comparison: 200 x 5 = 1,000 (income limit 1,500 does not bind)
    assert r.comparison.simplified_total == D(1000)


def test_2024_simplified_year_freezes_the_carryovers():
    years = _run()
    case, r, roll = years[2024]
    # Carryover in = 2023 lines 43/44
    assert case["homes"][0]["carryover_in"] == {"operating": "200", "excess_casualty_and_depreciation": "492"}
    assert roll.carryover["frozen"] is False  # 2023 was an actual-expense year
    h = r.homes[0]
    assert h.method == "simplified"
    # 200 sq ft x $5 = 1,000 <= limit 1,500
    assert r.total_deduction == D(1000)
    smw = h.simplified[0].values
    assert (smw["smw.1"], smw["smw.4"], smw["smw.5"]) == (D(1500), D(1000), D(1000))
    # Frozen: shown on SMW 6a/6b and carried unchanged
    assert (smw["smw.6a"], smw["smw.6b"]) == (D(200), D(492))
    assert h.carryover_frozen is True
    assert h.carryover_next_year.operating == D(200)
    assert h.carryover_next_year.excess_casualty_and_depreciation == D(492)
    # Depreciation history so far: 2023 actual, 10 %, nothing deducted (all 492 went to line 44)
    dep = case["homes"][0]["depreciation"]
    assert dep["history"] == [
        {"year": 2023, "method": "actual", "business_percentage": "10.00", "depreciation_claimed": "0"}
    ]
    assert dep.get("simplified_years") is None


def test_2025_releases_the_frozen_carryovers_and_flags_depreciation_for_review():
    years = _run()
    case, r, roll = years[2025]
    assert roll.carryover["frozen"] is True
    assert case["homes"][0]["carryover_in"] == {"operating": "200", "excess_casualty_and_depreciation": "492"}
    dep = case["homes"][0]["depreciation"]
    assert dep["simplified_years"] == [2024]
    assert dep["history"][-1] == {
        "year": 2024,
        "method": "simplified",
        "business_percentage": "10.00",
        "depreciation_claimed": "0",
    }
    h, v = _lines(r)
    assert h.method == "actual"
    _check(v, EXPECTED[2025], 2025)
    assert r.total_deduction == D(2905)
    assert REVIEW_AFTER_SIMPLIFIED in roll.review
    assert any(n.kind == "review" and n.text == REVIEW_AFTER_SIMPLIFIED for n in r.notes)


def test_2026_year_four_and_the_ledger():
    years = _run()
    case, r, _ = years[2026]
    dep = case["homes"][0]["depreciation"]
    # 2025 deducted 1,005 of depreciation (513 this year + 492 released)
    assert dep["history"][-1]["depreciation_claimed"] == "1005"
    assert dep["simplified_years"] == [2024]
    _h, v = _lines(r)
    _check(v, EXPECTED[2026], 2026)
    assert r.total_deduction == D(2213)
    ledger = home_ledger(case_from_dict(case), r, "elm")
    rows = [(e.year, e.method, e.rate, e.allowable, e.allowed, e.not_deducted) for e in ledger.rows]
    assert rows == [
        # year, method, rate, allowable, allowed (deducted), running not yet deducted
        (2023, "actual", D("2.461"), D(492), D(0), D(492)),  # all 492 carried on line 44
        (2024, "simplified", D("2.564"), D(0), D(0), D(492)),  # deemed zero; carryover frozen
        (2025, "actual", D("2.564"), D(513), D(1005), D(0)),  # 513 + 492 released; 492 + 513 - 1,005 = 0
        (2026, "actual", D("2.564"), D(513), D(513), D(0)),
    ]
    # totals: allowable 492 + 0 + 513 + 513 = 1,518; allowed 0 + 0 + 1,005 + 513 = 1,518
    assert (ledger.total_allowable, ledger.total_allowed, ledger.basis_reduction) == (
        D(1518),
        D(1518),
        D(1518),
    )
    # Sold at a 20,000 gain: 1,518 unrecaptured §1250 gain, 18,482 excludable (Pub 523)
    sale = ledger.sale(D(20000))
    assert (sale.unrecaptured_1250_gain, sale.excludable_gain) == (D(1518), D(18482))
    assert REVIEW_AFTER_SIMPLIFIED in ledger.review


def test_stable_facts_are_copied():
    years = _run()
    case, _, roll = years[2026]
    home = case["homes"][0]
    src = CASE_2023["homes"][0]
    for key in (
        "id",
        "ownership",
        "total_area",
        "spaces",
        "mortgage_interest",
        "real_estate_taxes",
        "expenses",
    ):
        assert home[key] == src[key]
    for key in ("first_business_use", "adjusted_basis", "fair_market_value", "land_value"):
        assert home["depreciation"][key] == src["depreciation"][key]
    assert case["eligibility"] == CASE_2023["eligibility"]
    assert roll.method == "actual"


def test_2023_explanation_reads_the_limit_lines():
    _, r = _run()[2023]
    text = explain_form8829(r.homes[0].actual.values).text
    assert text.startswith(
        "Your business earned $1,500 after its other expenses. Mortgage interest and taxes for the office used "
        "$1,300 of that. Operating costs took the $200 that was left, so $200 of them carries to next year. "
        "Nothing was left for depreciation, so $492 carries to next year."
    )

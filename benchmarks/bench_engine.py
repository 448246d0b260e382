"""Engine throughput: full cases per second through compute() on one core (goal >= 5,000/s).

Run: .venv/bin/python benchmarks/bench_engine.py [N]. Not a test; prints one figure per scenario.
Cases are validated (case_from_dict) before timing: the figure is the calculation itself.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from homeoffice.engine import case_from_dict, compute  # noqa: E402

GOAL = 5000
ELIGIBILITY = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "office",
    "exclusive_use": True,
    "also_used_for_employee_work": False,
    "regular_use": True,
    "home_is_main_work_location": True,
}


def documented_example() -> dict:
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))


def random_case(rng: random.Random) -> dict:
    total = rng.randint(600, 4000)
    owner = rng.random() < 0.6
    itemize = rng.random() < 0.4
    home = {
        "id": "home",
        "ownership": "own" if owner else "rent",
        "total_area": str(total),
        "spaces": [{"id": "office", "area": str(rng.randint(50, total // 3))}],
        "expenses": {
            "utilities": str(rng.randint(500, 6000)),
            "insurance": str(rng.randint(0, 2500)),
            "repairs": {"direct": str(rng.randint(0, 800)), "indirect": str(rng.randint(0, 3000))},
        },
        "carryover_in": {"operating": str(rng.choice([0, 0, 350])), "excess_casualty_and_depreciation": "0"},
    }
    if owner:
        basis = rng.randint(150_000, 900_000)
        home["mortgage_interest"] = {"paid": str(rng.randint(2000, 30000))}
        home["real_estate_taxes"] = str(rng.randint(1000, 15000))
        home["depreciation"] = {
            "first_business_use": f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}",
            "adjusted_basis": str(basis),
            "fair_market_value": str(basis + rng.randint(-50_000, 200_000)),
            "land_value": str(basis // 5),
        }
    else:
        home["expenses"]["rent"] = str(rng.randint(8000, 40000))
    case = {
        "tax_year": 2025,
        "deduction": "itemize" if itemize else "standard",
        "eligibility": ELIGIBILITY,
        "businesses": [
            {
                "id": "biz",
                "gross_income": str(rng.randint(5000, 250_000)),
                "expenses_not_from_home": str(rng.randint(0, 20000)),
            }
        ],
        "homes": [home],
    }
    if itemize:
        case["salt"] = {
            "state_local_income_or_sales_tax": str(rng.randint(0, 30000)),
            "magi": str(rng.randint(40_000, 700_000)),
        }
    if rng.random() < 0.5:
        case["internet"] = {"annual_cost": "900", "business_use_percentage": "40"}
    return case


def bench(name: str, cases: list, rounds: int = 3) -> float:
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for case in cases:
            compute(case)
        rate = len(cases) / (time.perf_counter() - start)
        best = max(best, rate)
    print(f"{name:<40} {best:>10,.0f} cases/s  ({'meets' if best >= GOAL else 'below'} goal {GOAL:,}/s)")
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rng = random.Random(587)
    mixed = [case_from_dict(random_case(rng)) for _ in range(n)]
    example = [case_from_dict(documented_example())] * n
    print(f"compute() on one core, {n} cases per round, best of 3")
    bench("documented example (owner, itemizer)", example)
    bench("mixed random cases", mixed)


if __name__ == "__main__":
    main()

"""The interview's only door into the calculation engine (homeoffice.engine).

Kept in one place so the rest of the app does not care how the engine spells its top-level API.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from homeoffice.engine import eligibility as _eligibility
from homeoffice.engine import params as _params


def supported_years() -> tuple[int, ...]:
    return tuple(sorted(_params.supported_years()))


def employee_rule(tax_year: int) -> str:
    """The year's employee rule from the engine's parameters."""
    return _params.load_params(tax_year)["employee_home_office"]


def params(tax_year: int):
    return _params.load_params(tax_year)


def assess(tax_year: int, eligibility: dict):
    """Eligibility verdict on (possibly partial) answers: engine assess() on EligibilityFacts."""
    facts = _eligibility.EligibilityFacts.from_dict(eligibility)
    return _eligibility.assess(facts, tax_year, employee_rule(tax_year))


def case_from_dict(d: dict):
    from homeoffice import engine

    return engine.case_from_dict(d)


def compute(case):
    from homeoffice import engine

    return engine.compute(case)


def decide(case_dict: dict):
    """(Result with the recommended method, Advice): the method that saves more tax over this year and next
    (issue #13) for an "auto" case."""
    from homeoffice.engine.advisor import decide as _decide

    return _decide(case_dict)


# --- Every other engine call of the interview goes through here too (issue #14) -------------------------
# The interview may read the engine's data directly (texts, citations, constants, the error type: see
# tests/interview/test_engine_gateway.py); what it *runs* of the engine, it runs through this module.
def load_params(tax_year: int):
    from homeoffice.engine import load_params as _load

    return _load(tax_year)


def canonical_hash(case_dict: dict) -> str:
    from homeoffice.engine.facts import canonical_hash as _hash

    return _hash(case_dict)


def advise(case_dict: dict):
    from homeoffice.engine.advisor import advise as _advise

    return _advise(case_dict)


def explain_home(home_result):
    from homeoffice.engine.explain import explain_home as _explain

    return _explain(home_result)


def ledgers(case, result):
    from homeoffice.engine.rollover import ledgers as _ledgers

    return _ledgers(case, result)


def roll_forward(case_dict: dict, result):
    from homeoffice.engine.rollover import roll_forward as _roll

    return _roll(case_dict, result)


@functools.cache
def source_digest() -> str:
    """A digest of the engine's source files (once per process): stored figures are stamped with it, so an
    engine change that forgot to bump ENGINE_VERSION still makes them stale (issue #17)."""
    digest = hashlib.sha256()
    for path in sorted(Path(_params.__file__).parent.parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]

"""The home office calculation engine. Pure Python, stdlib only — never imports Django.

Public API:
    case_from_dict(d) -> Case                 validate a case (docs/case-format.md); InputError names the field
    compute(case) -> Result                   verdict, Form 8829 per home, simplified method, recommendation
    Result.to_dict() -> dict                  JSON-ready (decimals as strings)
    form8829_lines(tax_year, lines) -> dict   line-level Form 8829 calculator (manage.py form8829)
    load_params(year), supported_years(), missing_parameters(year)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import EngineError, InputError, UnsupportedYear

if TYPE_CHECKING:
    from .facts import Case

# The rest of the API is imported on first use (PEP 562): the Django-free CLI (cli.py) starts in a fraction of
# the time when a command needs only part of the engine, e.g. the line-level calculator (issue #17).
_LAZY = {
    "Case": ".facts",
    "parse_case": ".facts",
    "available_years": ".params",
    "load_params": ".params",
    "missing_parameters": ".params",
    "supported_years": ".params",
    "Result": ".result",
    "compute": ".result",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Case",
    "EngineError",
    "InputError",
    "Result",
    "UnsupportedYear",
    "case_from_dict",
    "compute",
    "form8829_lines",
    "load_params",
    "missing_parameters",
    "supported_years",
]


def case_from_dict(d: dict, *, allow_reference_years: bool = False) -> Case:
    """Validate a case dict. `allow_reference_years` admits years kept only for testing (2013)."""
    from .eligibility import EligibilityFacts
    from .facts import parse_case
    from .params import available_years, supported_years

    years = available_years() if allow_reference_years else supported_years()
    return parse_case(d, EligibilityFacts.from_dict, years)


def form8829_lines(tax_year: int, lines: dict, *, cents: bool = False) -> dict:
    """Form 8829 from its entry lines: {"1": "200", "2": "2000", "8": "50000", "21b": "3600", ...} ->
    {"1": "200", ..., "44": "0"}: every line of Parts I-IV as a decimal string (lines 3 and 7 as percent,
    line 6 as a decimal). Blank lines (4-6 without daycare, 37-42 without depreciation) print "0". Raises
    InputError naming the offending key, UnsupportedYear for unknown years."""
    from .actual import form8829_values, line_values_as_form
    from .money import CENT, DOLLAR
    from .params import load_params

    if isinstance(tax_year, bool) or not isinstance(tax_year, int):
        raise InputError("tax_year", "is required and must be a whole number, e.g. 2025")
    params = load_params(tax_year)
    values = form8829_values(tax_year, lines, params, CENT if cents else DOLLAR)
    return line_values_as_form(values)

"""The returns list's figures (status, deduction, method), judged once when the answers are saved.

The dashboard reads these stored columns instead of running the engine for every row (issue #17): its cost per
request does not grow with the number of returns. A stored figure is stamped with the engine version and the
year's parameter set (`stamp`); after an engine or parameter upgrade a stale row is recomputed on display (and
`manage.py recompute_all` refreshes every row), so the list never shows a figure the engine would not give now.
"""

from __future__ import annotations

from decimal import Decimal

from homeoffice.engine.errors import EngineError
from interview import case as C
from interview.models import TaxReturn


def stamp(tax_year: int) -> str:
    """The engine (version and source digest) and the year's parameter set a stored deduction was computed
    with."""
    from homeoffice.engine.result import ENGINE_VERSION
    from interview.engine_api import load_params, source_digest

    engine = f"engine{ENGINE_VERSION}.{source_digest()}"
    try:
        params = load_params(tax_year)
    except EngineError:
        return f"{engine}:no-params"
    return f"{engine}:{params.id}@{params.version}:{params.digest[:16]}"


def _method(result) -> str:
    methods = {h.method for h in result.homes if h.method in ("actual", "simplified")}
    if len(methods) > 1:
        return "mixed"
    return methods.pop() if methods else ""


def _figures(tax_return, status: str) -> tuple[Decimal | None, str]:
    if status != TaxReturn.Status.COMPLETE:
        return None, ""
    try:
        result = C.compute_result(tax_return)
    except (C.CaseIncomplete, EngineError):
        return None, ""
    if not result.computed:
        return None, ""
    return Decimal(result.total_deduction), _method(result)


def judge(tax_return) -> dict:
    """{status, deduction, method, summary_of} for the return's current answers (not saved here)."""
    status = C.status_for(tax_return.tax_year, tax_return.answers or {})
    deduction, method = _figures(tax_return, status)
    return {
        "status": status,
        "deduction": deduction,
        "method": method,
        "summary_of": stamp(tax_return.tax_year),
    }


def apply(tax_return) -> list[str]:
    """Set the judged figures on the instance; the names of the fields set (for save(update_fields=...))."""
    for field, value in judge(tax_return).items():
        setattr(tax_return, field, value)
    return ["status", "deduction", "method", "summary_of"]


def current(tax_return) -> dict:
    """The figures to show: the stored ones, or, when they predate the current engine or parameters, the
    deduction recomputed now (the stored status is kept: save_step has always maintained it)."""
    status = tax_return.status
    if tax_return.summary_of == stamp(tax_return.tax_year):
        return {"status": status, "deduction": tax_return.deduction, "method": tax_return.method}
    deduction, method = _figures(tax_return, status)
    return {"status": status, "deduction": deduction, "method": method}

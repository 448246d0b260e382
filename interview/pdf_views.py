"""/returns/<id>/worksheet.pdf: the worksheet PDF of one return, for its owner only.

The Result comes from interview.case.compute_result (answers -> engine case -> Result); the PDF is rendered by
interview.pdf and cached under the engine's input hash of the return's case + app version + parameter set
(interview.pdf.case_cache_key), so an unchanged return is served again without computing or rendering. A
complete return's PDF is normally rendered ahead by a task worker (interview.worksheets, issue #17). A
return that does not qualify gets a PDF with the verdict and its reasons and no amounts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from homeoffice.engine.errors import EngineError
from interview import case as C
from interview import pdf, rollover, worksheets
from interview.selectors import get_return_for


def worksheet_filename(tax_return) -> str:
    """form8829-worksheet-2025-studio-on-elm-st.pdf (ASCII slug; the return id when the name has none)."""
    slug = slugify(tax_return.name)[:60].strip("-") or f"return-{tax_return.pk}"
    return f"form8829-worksheet-{tax_return.tax_year}-{slug}.pdf"


def _verdict_only_result(tax_return) -> dict | None:
    """For a return knocked out by the eligibility questions (no case can be built: the expense steps were
    never asked): the engine's verdict in the Result's shape, computed False, so the PDF shows the verdict and
    its reasons. None when the return is not knocked out."""
    from homeoffice.engine.money import ROUNDING_POLICY
    from interview import engine_api

    answers, year = tax_return.answers or {}, tax_return.tax_year
    verdict = C.verdict_for(answers, year)
    if not C.knocked_out(verdict):
        return None
    facts = C.eligibility_facts(answers, year)
    return {
        "tax_year": year,
        "input_sha256": engine_api.canonical_hash({"tax_year": year, "eligibility": facts}),
        "parameters": engine_api.params(year).to_dict(),
        "rounding_policy": ROUNDING_POLICY,
        "verdict": verdict.to_dict(),
        "computed": False,
        "homes": [],
        "report": [],
        "notes": [],
    }


def _pdf_response(body: bytes, tax_return) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, worksheet_filename(tax_return))
    response["Content-Length"] = str(len(body))
    response["Cache-Control"] = "private, no-store"
    return response


def _produce(tax_return, names) -> bytes | None:
    """Compute and render (None when the engine cannot compute the case: the summary explains why)."""
    try:
        result = C.compute_result(tax_return)
        data = rollover.pdf_data(tax_return, result)  # issue #6: ledger, method advice, tier chart
    except (C.CaseIncomplete, EngineError):
        data = _verdict_only_result(tax_return)
        if data is None:
            return None
    return pdf.render_worksheet_pdf(data, **names)


def worksheet_bytes(tax_return, names: dict, *, wait: bool = False) -> tuple[str | None, bytes | None]:
    """(cache key, PDF bytes) of the return as it is now: from the cache (rendered ahead by a task worker,
    interview.worksheets) or rendered here and cached. With `wait`, a render pending for the current version
    is given a moment to finish first. Raises CaseIncomplete for an unfinished return that is not knocked
    out; the bytes are None when the engine cannot compute the case."""
    try:
        case_dict = C.build_case(tax_return)
    except C.CaseIncomplete:
        data = _verdict_only_result(tax_return)
        if data is None:
            raise
        key = pdf.cache_key(data, **names)
        body = worksheets.load(key)
        if body is None:
            body = pdf.render_worksheet_pdf(data, **names)
            worksheets.store(tax_return, key, body)
        return key, body
    # Keyed by the engine's input hash of the case: an unchanged return is served with no engine run and no
    # render, and a changed one can never be served an older PDF.
    key = pdf.case_cache_key(case_dict, **names)
    body = worksheets.load(key)
    if body is None and wait and worksheets.is_pending(tax_return):
        body = worksheets.wait_for(key)
    if body is None:
        body = _produce(tax_return, names)
        worksheets.store(tax_return, key, body)
    return key, body


@login_required
@require_GET
def worksheet_pdf(request, return_id):
    tax_return = get_return_for(request.user, return_id)  # 404 for anyone but the owner
    names = worksheets.names_for(tax_return)  # the names printed and the owner's language (issue #18)
    try:
        _key, body = worksheet_bytes(tax_return, names, wait=True)
    except C.CaseIncomplete:
        messages.info(request, "Some questions are not answered yet.")
        return redirect("interview:resume", pk=tax_return.pk)
    if body is None:
        return redirect("interview:summary", pk=tax_return.pk)  # the summary explains the engine error
    return _pdf_response(body, tax_return)

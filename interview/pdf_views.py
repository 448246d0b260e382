"""/returns/<id>/worksheet.pdf: the worksheet PDF of one return, for its owner only.

The Result comes from interview.case.compute_result (answers -> engine case -> Result); the PDF is rendered by
interview.pdf and cached under the engine's input hash of the return's case + app version + parameter set
(interview.pdf.case_cache_key), so an unchanged return is served again without computing or rendering. A
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
from interview import pdf, rollover
from interview.selectors import get_return_for


def worksheet_filename(tax_return) -> str:
    """form8829-worksheet-2025-studio-on-elm-st.pdf (ASCII slug; the return id when the name has none)."""
    slug = slugify(tax_return.name)[:60].strip("-") or f"return-{tax_return.pk}"
    return f"form8829-worksheet-{tax_return.tax_year}-{slug}.pdf"


def _verdict_only_result(tax_return) -> dict | None:
    """For a return knocked out by the eligibility questions (no case can be built: the expense steps were
    never asked): the engine's verdict in the Result's shape, computed False, so the PDF shows the verdict and
    its reasons. None when the return is not knocked out."""
    from homeoffice.engine.facts import canonical_hash
    from homeoffice.engine.money import ROUNDING_POLICY
    from interview import engine_api

    answers, year = tax_return.answers or {}, tax_return.tax_year
    verdict = C.verdict_for(answers, year)
    if not C.knocked_out(verdict):
        return None
    facts = C.eligibility_facts(answers, year)
    return {
        "tax_year": year,
        "input_sha256": canonical_hash({"tax_year": year, "eligibility": facts}),
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


def _cached(tax_return, key: str | None, produce) -> bytes | None:
    """The PDF under `key`, or produce() it and keep it (noted against the return for forget_return)."""
    body = pdf.cache_get_pdf(key) if key else None  # stored encrypted (issue #15)
    if body is None:
        body = produce()
        if key and body is not None:
            pdf.cache_set_pdf(key, body)
            pdf.remember_for_return(tax_return.pk, key)
    return body


@login_required
@require_GET
def worksheet_pdf(request, return_id):
    tax_return = get_return_for(request.user, return_id)  # 404 for anyone but the owner
    names = {"return_name": tax_return.name, "taxpayer_name": request.user.get_full_name() or None}
    try:
        case_dict = C.build_case(tax_return)
    except C.CaseIncomplete:
        data = _verdict_only_result(tax_return)
        if data is None:
            messages.info(request, "Some questions are not answered yet.")
            return redirect("interview:resume", pk=tax_return.pk)
        body = _cached(
            tax_return, pdf.cache_key(data, **names), lambda: pdf.render_worksheet_pdf(data, **names)
        )
        return _pdf_response(body, tax_return)

    def produce() -> bytes | None:
        try:
            result = C.compute_result(tax_return)
            data = rollover.pdf_data(tax_return, result)  # issue #6: ledger, method advice, tier chart
        except (C.CaseIncomplete, EngineError):
            data = _verdict_only_result(tax_return)
            if data is None:
                return None
        return pdf.render_worksheet_pdf(data, **names)

    # An unchanged return is served from the cache, keyed by the engine's input hash of its case: no engine
    # run, no render (the case is built once; the Result is computed only on a miss).
    body = _cached(tax_return, pdf.case_cache_key(case_dict, **names), produce)
    if body is None:
        return redirect("interview:summary", pk=tax_return.pk)  # the summary explains the engine error
    return _pdf_response(body, tax_return)

"""Background tasks (Django's Tasks API; backend chosen in settings.TASKS, worker: `manage.py run_worker`)."""

from __future__ import annotations

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task
def render_worksheet(return_id: int, version: int) -> str:
    """Render and cache the worksheet PDF of `return_id` as of `version` (issue #17).

    Idempotent, so a retry after a worker crash is harmless: an outdated version (the answers changed again
    since) or a return that is gone exits at once, and a PDF already in the cache is not rendered again."""
    from interview import case as C
    from interview import pdf_views, worksheets
    from interview.models import TaxReturn

    tax_return = TaxReturn.objects.select_related("owner").filter(pk=return_id).first()
    if tax_return is None:
        return "gone"
    if tax_return.version != version:
        return "outdated"
    try:
        _key, body = pdf_views.worksheet_bytes(tax_return, worksheets.names_for(tax_return))
    except C.CaseIncomplete:
        return "incomplete"
    finally:
        worksheets.finished(tax_return, version)
    return "rendered" if body is not None else "not-rendered"

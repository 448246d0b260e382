"""Worksheet PDFs rendered ahead of the download (issue #17).

When a complete return's answers change, save_step schedules one render for that version (`schedule`); a task
worker runs `interview.tasks.render_worksheet`, which exits at once when the return has moved on to a newer
version. The download (interview.pdf_views) serves the cache; while a render for the current version is
pending it waits briefly for it, and otherwise renders inline — never an error, never a stale PDF.

The cache key is the PDF's own (interview.pdf.case_cache_key): the engine's input hash of the return's case
— a digest of the answers as the engine sees them — plus the names printed, the app, engine and parameter
versions and the renderer's fingerprint. So a PDF is never served for answers it was not rendered from,
whatever changed; the version number only tells a queued task whether it is still wanted.

`load` and `store` are the only places PDF bytes enter or leave the cache (encryption at rest wraps them).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from interview import pdf
from interview import steps as S

# How long a scheduled render is announced as pending: beyond this the download stops waiting for it.
PENDING_TIMEOUT = 120
# How long the download waits for a pending render before rendering inline, and how often it looks.
WAIT_SECONDS = float(getattr(settings, "WORKSHEET_WAIT_SECONDS", 3.0))
POLL_SECONDS = 0.05


def names_for(tax_return) -> dict:
    """What the PDF prints besides the figures (part of its cache key): the return's name, the taxpayer's
    name (asked in the interview, optional; else the account's full name) and the preparation date, the
    day the return was last changed (issue #16: the same for every download of the same figures), and the
    language, the owner's (issue #18)."""
    from homeoffice.i18n import owner_language

    given = (S.value(tax_return.answers or {}, "work", "taxpayer_name") or "").strip()
    return {
        "return_name": tax_return.name,
        "taxpayer_name": given or tax_return.owner.get_full_name() or None,
        "prepared_on": timezone.localdate(tax_return.updated_at),
        "language": owner_language(tax_return.owner),  # the owner's language (issue #18)
    }


def _pending_key(return_id, version) -> str:
    return f"worksheet-pending:{return_id}:{version}"


def load(key: str | None) -> bytes | None:
    # Cached PDFs are stored encrypted (issue #15, interview.pdf.cache_get_pdf / cache_set_pdf).
    return pdf.cache_get_pdf(key) if key else None


def store(tax_return, key: str | None, body: bytes) -> None:
    if key and body is not None:
        pdf.cache_set_pdf(key, body)
        pdf.remember_for_return(tax_return.pk, key)


def is_pending(tax_return) -> bool:
    return bool(cache.get(_pending_key(tax_return.pk, tax_return.version)))


def is_ready(tax_return, user) -> bool:
    """Whether the return's current worksheet is in the cache (for a complete return)."""
    from interview import case as C

    try:
        case_dict = C.build_case(tax_return)
    except C.CaseIncomplete:
        return False
    key = pdf.case_cache_key(case_dict, **names_for(tax_return))
    return bool(key) and cache.has_key(key)


def finished(tax_return, version) -> None:
    cache.delete(_pending_key(tax_return.pk, version))


def wait_for(key: str, seconds: float = WAIT_SECONDS) -> bytes | None:
    """The PDF under `key` once a worker has stored it, or None after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        body = load(key)
        if body is not None or time.monotonic() >= deadline:
            return body
        time.sleep(POLL_SECONDS)


def schedule(tax_return) -> None:
    """After this transaction commits: one render of the return's current version (complete returns only)."""
    from interview.models import TaxReturn

    if tax_return.status != TaxReturn.Status.COMPLETE:
        return
    return_id, version = tax_return.pk, tax_return.version

    def enqueue():
        from interview.tasks import render_worksheet

        cache.set(_pending_key(return_id, version), 1, PENDING_TIMEOUT)
        render_worksheet.enqueue(return_id, version)

    transaction.on_commit(enqueue)

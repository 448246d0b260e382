"""Export one return as JSON (owner only): the answers as saved, and the history of changes when recorded."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from homeoffice.downloads import json_download
from interview.evidence.export import evidence_as_list
from interview.history_views import changes_for
from interview.selectors import get_return_for

EXPORT_FORMAT = "homeoffice.return/1"


def history_as_list(tax_return) -> list[dict]:
    """Every recorded answer change, oldest first, values as stored."""
    return [
        {**change, "at": change["at"].isoformat() if change["at"] else None}
        for change in changes_for(tax_return, newest_first=False)
    ]


def return_as_dict(tax_return) -> dict:
    return {
        "id": tax_return.pk,
        "tax_year": tax_return.tax_year,
        "name": tax_return.name,
        "status": tax_return.status,
        "version": tax_return.version,
        "created_at": tax_return.created_at.isoformat(),
        "updated_at": tax_return.updated_at.isoformat(),
        "answers": tax_return.answers,
        "drafts": tax_return.drafts,  # what was typed on a page left with Back: not answers, but theirs
        "history": history_as_list(tax_return),
        "evidence": evidence_as_list(tax_return),  # issue #19: attached files, contents included
    }


@login_required
@require_GET
def export_json(request, return_id):
    tax_return = get_return_for(request.user, return_id)
    payload = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "return": return_as_dict(tax_return),
    }
    filename = f"return-{tax_return.tax_year}-{slugify(tax_return.name)[:40] or tax_return.pk}.json"
    return json_download(payload, filename)

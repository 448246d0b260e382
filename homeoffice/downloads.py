"""A JSON file download, shared by the account export and the one-return export (interview.export_views).

It lives apart from both so that neither view module imports the other (issue #14 removed that import loop).
"""

import json

from django.http import HttpResponse


def json_download(payload: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

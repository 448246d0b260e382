"""The evidence page of one return (/returns/<pk>/evidence/), file downloads and the audit pack.

Every view fetches the return or the file owner-scoped first (another person's id is a 404, whatever the
method); writes go through services; files leave only as attachments, never rendered inline.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from interview.evidence import audit_pack, checks, services, targets
from interview.evidence.forms import EvidenceForm
from interview.evidence.selectors import evidence_for, get_evidence_for, stored_bytes
from interview.evidence.storage import EncryptionUnavailable, EvidenceUnreadable, evidence_storage
from interview.selectors import get_return_for

NOT_AVAILABLE = (
    "Files cannot be attached right now: encrypted storage is not set up on this site. Nothing was saved."
)


class SizeLimitHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes the per-file limit, so a huge file never reaches the
    disk or memory whole. The view then shows the size message at the field."""

    def __init__(self, request=None):
        super().__init__(request)
        self.seen = 0
        self.too_big = False

    def new_file(self, *args, **kwargs):
        self.seen = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.seen += len(raw_data)
        if self.seen > checks.max_file_bytes():
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _send(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(body))
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# CSRF is checked inside (csrf_protect below), after the size limit is installed: the middleware would
# otherwise read the whole body first (Django's documented pattern for custom upload handlers).
@csrf_exempt
@login_required
def evidence_page(request, pk):
    tax_return = get_return_for(request.user, pk)  # 404 for anyone but the owner, before reading any upload
    limit = SizeLimitHandler(request)
    request.upload_handlers.insert(0, limit)
    return _evidence_page(request, tax_return, limit)


@csrf_protect
def _evidence_page(request, tax_return, limit):
    needed = targets.applicable(tax_return.answers)
    for_step = request.GET.get("for", "")
    initial_target = request.GET.get("target") or next(iter(targets.FOR_STEP.get(for_step, [])), None)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        initial={"target": initial_target},
        answers=tax_return.answers,
        target_keys=[t.key for t in needed],
    )
    if request.method == "POST":
        if limit.too_big:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", checks.too_big_message())
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                item = services.attach_evidence(
                    tax_return,
                    request.user,
                    target=form.cleaned_data["target"],
                    data=upload.read(),
                    filename=upload.name,
                    note=form.cleaned_data["note"],
                    document_date=form.cleaned_data["document_date"],
                )
            except ValidationError as e:
                form.add_error("file", e)
            except EncryptionUnavailable:
                form.add_error("file", NOT_AVAILABLE)
            else:
                messages.success(request, f"Attached “{item.original_name}” to {item.target_info.label}.")
                url = reverse("interview:evidence", args=[tax_return.pk])
                return redirect(url + (f"?for={for_step}" if for_step in targets.FOR_STEP else ""))
    rows = audit_pack.index_rows(tax_return)
    return render(
        request,
        "interview/evidence/page.html",
        {
            "tax_return": tax_return,
            "form": form,
            "rows": rows,
            "missing": [r.target for r in rows if r.status == audit_pack.MISSING],
            "used": stored_bytes(tax_return),
            "limit_file": checks.max_file_bytes(),
            "limit_return": checks.max_return_bytes(),
            "back_step": for_step if for_step in targets.FOR_STEP else None,
            "has_files": evidence_for(tax_return).exists(),
            "fields": [{"bf": form[name]} for name in form.fields],
            "error_links": form.error_links() if form.is_bound else [],
        },
    )


@login_required
@require_GET
def evidence_file(request, pk, evidence_id):
    item = get_evidence_for(request.user, pk, evidence_id)
    try:
        body = evidence_storage().read(item.stored_name)
    except EvidenceUnreadable:
        messages.error(request, unreadable_message(item.original_name))
        return redirect("interview:evidence", pk=pk)
    return _send(body, item.content_type, item.original_name)


def unreadable_message(filename: str) -> str:
    return _(
        "“%(name)s” can no longer be read: the stored copy is missing or was locked with a key this site no "
        "longer has. Nothing else is affected. Upload the file again and remove this entry."
    ) % {"name": filename}


@login_required
def evidence_delete(request, pk, evidence_id):
    item = get_evidence_for(
        request.user, pk, evidence_id
    )  # ownership first: another id is a 404, never a 405
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name = item.original_name
    services.delete_evidence(item, request.user)
    messages.success(request, f"Removed “{name}”.")
    return redirect("interview:evidence", pk=pk)


def _worksheet_pdf(request, tax_return) -> tuple[bytes | None, str]:
    """The worksheet exactly as /returns/<id>/worksheet.pdf serves it (same view, same cache), or None when
    that view would send the person back to the interview instead."""
    from interview import pdf_views

    response = pdf_views.worksheet_pdf(request, tax_return.pk)
    name = pdf_views.worksheet_filename(tax_return)
    if response.status_code == 200 and response["Content-Type"] == "application/pdf":
        return response.content, name
    return None, name


@login_required
@require_GET
def audit_pack_zip(request, pk):
    tax_return = get_return_for(request.user, pk)
    body, worksheet_name = _worksheet_pdf(request, tax_return)
    data = audit_pack.build_zip(tax_return, body, worksheet_name)
    slug = slugify(tax_return.name)[:60].strip("-") or f"return-{tax_return.pk}"
    return _send(data, "application/zip", f"audit-pack-{tax_return.tax_year}-{slug}.zip")

"""Every write of evidence. Attaching is all-or-nothing: the object is stored first, the row is created in a
transaction, and if anything after the store fails the object is deleted again, so there is never a row
without its file nor (short of the process being killed between the two steps) a file without its row.
Deleting the row (one file, its return, or the whole account: CASCADE) deletes the stored object once the
transaction commits (the post_delete receiver in models.py)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from interview.evidence import checks, targets
from interview.evidence.models import Evidence
from interview.evidence.storage import delete_quietly, evidence_storage
from interview.models import TaxReturn

MAX_NOTE = 500
MAX_ORIGINAL_NAME = 150


def _check_owner(tax_return, user) -> None:
    if user is None or tax_return.owner_id != getattr(user, "pk", None):
        raise PermissionDenied("Not your return")


def display_name(filename: str, extension: str) -> str:
    """The person's filename reduced to a safe display name (no directories, no control characters), ending
    in the extension of the detected type. Used only to name the download, never as a path."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"<>:|?*]", "", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[: MAX_ORIGINAL_NAME - len(extension) - 1].strip(" .") or "file"
    return f"{stem}.{extension}"


def attach_evidence(
    tax_return,
    user,
    *,
    target: str,
    data: bytes,
    filename: str,
    note: str = "",
    document_date: datetime.date | None = None,
) -> Evidence:
    """Check, clean, encrypt and store one file for one target. ValidationError (nothing stored) if refused."""
    _check_owner(tax_return, user)
    if target not in targets.BY_KEY:
        raise ValidationError(f"unknown evidence target {target!r}")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(f"Use at most {MAX_NOTE} characters for the note.")
    clean = checks.clean_upload(data)
    if len(clean.data) > checks.max_file_bytes():  # re-encoding can grow a file
        raise ValidationError(checks.too_big_message(), code="too_big")
    store = evidence_storage()
    name = store.save(clean.data)
    try:
        with transaction.atomic():
            # The return's row lock serialises two uploads to one return, so together they keep to the limit.
            locked = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
            from interview.evidence.selectors import stored_bytes

            if stored_bytes(locked) + len(clean.data) > checks.max_return_bytes():
                raise ValidationError(
                    f"This return already holds close to {filesizeformat(checks.max_return_bytes())} of "
                    "files, the most one return may hold. Remove a file you no longer need first.",
                    code="return_full",
                )
            return Evidence.objects.create(
                tax_return=locked,
                target=target,
                stored_name=name,
                original_name=display_name(filename, clean.extension),
                content_type=clean.content_type,
                size=len(clean.data),
                sha256=clean.sha256,
                note=note,
                document_date=document_date,
            )
    except BaseException:
        delete_quietly(name)
        raise


def delete_evidence(evidence: Evidence, user) -> None:
    _check_owner(evidence.tax_return, user)
    evidence.delete()  # the stored object goes on commit (models.py)


def reencrypt_evidence(item: Evidence) -> bool:
    """Store the file again under the current key (key rotation), under a new name: the row is switched to the
    new object in a transaction and the old object deleted after commit, so a failure at any point leaves one
    complete, readable copy. Returns False when the object was already under the current key."""
    store = evidence_storage()
    raw = store.read_raw(item.stored_name)
    if store.is_current(raw):
        return False
    name = store.save(store.decrypt(raw))
    try:
        with transaction.atomic():
            updated = Evidence.objects.filter(pk=item.pk, stored_name=item.stored_name).update(
                stored_name=name
            )
            if not updated:  # deleted or rotated meanwhile
                raise Evidence.DoesNotExist
    except BaseException:
        delete_quietly(name)
        raise
    old = item.stored_name
    item.stored_name = name
    transaction.on_commit(lambda: delete_quietly(old))
    return True

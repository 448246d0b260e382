"""Evidence in the return and account exports (homeoffice.return/1, homeoffice.account/1): each file's
record, and its contents (decrypted, base64), so the export alone gives a person everything they stored."""

import base64

from interview.evidence import targets
from interview.evidence.selectors import evidence_for
from interview.evidence.storage import EvidenceUnreadable, evidence_storage


def _content(store, item) -> dict:
    try:
        return {"content_base64": base64.b64encode(store.read(item.stored_name)).decode("ascii")}
    except EvidenceUnreadable:
        # The export still comes out; the record says its file could not be read instead of failing it all.
        return {"content_base64": None, "unreadable": True}


def evidence_as_list(tax_return) -> list[dict]:
    store = evidence_storage()
    return [
        {
            "id": item.pk,
            "target": item.target,
            "supports": (
                f"{item.target_info.label} ({targets.lines_for(item.target_info, tax_return.answers)})"
                if item.target_info
                else None
            ),
            "filename": item.original_name,
            "content_type": item.content_type,
            "size": item.size,
            "sha256": item.sha256,
            "note": item.note,
            "document_date": item.document_date.isoformat() if item.document_date else None,
            "uploaded_at": item.uploaded_at.isoformat(),
            **_content(store, item),
        }
        for item in evidence_for(tax_return)
    ]

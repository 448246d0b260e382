"""Owner-scoped reads of evidence: another person's file, or a file of another return, is a 404."""

from django.db.models import Sum
from django.shortcuts import get_object_or_404

from interview.evidence.models import Evidence


def evidence_for(tax_return):
    """The files of a return already fetched through interview.selectors.get_return_for."""
    return Evidence.objects.filter(tax_return=tax_return)


def get_evidence_for(user, return_id, evidence_id) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("tax_return"),
        pk=evidence_id,
        tax_return_id=return_id,
        tax_return__owner=user,
    )


def stored_bytes(tax_return) -> int:
    return evidence_for(tax_return).aggregate(total=Sum("size"))["total"] or 0


def by_target(tax_return) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for item in evidence_for(tax_return):
        grouped.setdefault(item.target, []).append(item)
    return grouped

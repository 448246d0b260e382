"""Issue #19: the evidence include on the results page and the link on the interview steps."""

from django import template

from interview.evidence import audit_pack, targets

register = template.Library()


@register.simple_tag
def evidence_gaps(tax_return):
    """The lines of this return that carry an amount and have no record attached."""
    return audit_pack.missing(tax_return)


@register.filter
def has_evidence_targets(step_name) -> bool:
    return step_name in targets.FOR_STEP

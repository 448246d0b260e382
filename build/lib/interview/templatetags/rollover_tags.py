"""{{ tax_return|roll_to }}: the year a complete return can be rolled into, or None (issue #6)."""

from django import template

from interview import rollover

register = template.Library()


@register.filter
def roll_to(tax_return):
    return rollover.next_year(tax_return)

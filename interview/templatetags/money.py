"""{{ amount|money }}: THE money format on every page (homeoffice.engine.money.format_money, also used by
the PDF and the engine's sentences). An amount the engine left blank prints as nothing (`|default:"—"`)."""

from django import template

from homeoffice.engine.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    return format_money(value)

"""`{{ text|say }}`: an engine text (verdict, reason, note, line label) in the page's language (issue #18).

The engine marks its texts and stays language-free (homeoffice/engine/i18n.py); this is where a page says
them in the language Django activated for the request."""

from django import template
from django.utils import translation

from homeoffice.engine.i18n import localize

register = template.Library()


@register.filter
def say(value):
    return localize(value, translation.get_language())

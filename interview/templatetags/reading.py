"""{{ text|keep_refs }}: a legal reference such as "§62(a)(2)(A)" or "§280A(c)(1)" is kept on one line.

Browsers may break a line between ")" and "(" (Unicode line breaking allows it), which splits a citation in
two on a phone ("§62(a)(2)" / "(A)"). Each reference is wrapped in <span class="nobr"> (white-space: nowrap);
the text is escaped first, so the filter is safe on any string.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

_REF = re.compile(r"§\s?[0-9A-Za-z.\-–]+(?:\([0-9A-Za-z]+\))+")


@register.filter(needs_autoescape=True)
def keep_refs(value, autoescape=True):
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(_REF.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', str(text)))  # noqa: S308

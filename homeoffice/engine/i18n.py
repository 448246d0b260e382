"""Translation for the engine's texts without Django (issue #18, docs/decisions/0110-spanish-and-the-engine.md).

The engine writes its verdicts, reasons, notes and line labels in English, as before, and marks them:
- a fixed text is wrapped in ``gettext_noop("...")``: still a plain str, found by ``makemessages``;
- a text with values is ``Text("For {tax_year}, ...", tax_year=2025)``: a str (the English, formatted, so
  everything that compares, joins or serialises it keeps working) that also remembers its message id and
  values, so it can be said again in another language.

``localize(text, language)`` says a text in a language with the standard library's gettext and the site's
catalog (``locale/<lang>/LC_MESSAGES/django.mo``, domain "django", the one Django uses): the engine's
results stay language-free, so a cached or stored result is translated when shown, not when computed.
A text that is not in the catalog (or a Text flattened by string concatenation) stays English rather than
being guessed at; the catalog test and the Spanish browser persona catch those.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "django"


def gettext_noop(message: str) -> str:
    """Marks a fixed text for the catalog; returns it unchanged (the name makemessages looks for)."""
    return message


class Text(str):
    """An English text with values, that remembers its message id and values for translation."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, /, **params):
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def __reduce__(self):  # pickles (caches, task queues) keep the message id and values
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid, params):
    return Text(msgid, **params)


@lru_cache(maxsize=8)
def _catalog(language: str) -> _gettext.NullTranslations:
    base = language.split("-")[0].lower()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[base], fallback=True)


def localize(text, language: str | None):
    """`text` said in `language` ("es", "en", None = as written). Non-text values pass through unchanged."""
    if not language or language.split("-")[0].lower() == "en" or not isinstance(text, str):
        return text
    catalog = _catalog(language)
    if isinstance(text, Text):
        params = {key: localize(value, language) for key, value in text.params.items()}
        return catalog.gettext(text.msgid).format(**params)
    return catalog.gettext(text) if text else text

"""No user-facing English outside the translation calls (issue #18): a pragmatic scanner.

Templates: the text between tags and the user-facing attributes (aria-label, title, alt, placeholder,
data-label), outside {% translate %} / {% blocktranslate %}, must hold no words. Python: the question table's
wording (label, hint, why, choices) must be marked.

SCOPE is the part of the site translated so far; the rest is listed in PENDING, so the scanner says honestly
what is still English (the list may only shrink: a template moves from PENDING to SCOPE when it is done)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

SCOPE = {
    "base.html",
    "home.html",
    "includes/error_summary.html",
    "includes/fields.html",
    "includes/form_errors.html",
    "includes/language_switch.html",
    "includes/progress.html",
    "includes/question.html",
    "includes/why_we_ask.html",
    "interview/dashboard.html",
    "interview/knockout.html",
    "interview/new_return.html",
    "interview/review.html",
    "interview/step.html",
    "interview/summary.html",
}
# Still English (issue #18 not finished): see the report. Never add to this list.
PENDING = {
    "account/data.html",
    "account/delete.html",
    "account/deleted.html",
    "account/session_timeout.html",
    "includes/why_we_ask.html:links",  # IRS.gov page titles are English pages: kept English on purpose
    "interview/_chart_figures.html",
    "interview/_multiyear.html",
    "interview/conflict.html",
    "interview/delete.html",
    "interview/engine_error.html",
    "interview/history.html",
    "interview/rename.html",
    "interview/worksheet_table.html",
    "pdf/_depreciation_ledger.html",
    "pdf/_tier_chart.html",
    "pdf/worksheet.html",
    "registration/*",
    "account/*",  # issue #15's allauth pages (sign-in, sign-up, security): Django-allauth ships Spanish for its own
    "allauth/*",  # parts, not for these templates
    "mfa/*",
    "interview/evidence/*",  # issue #19's evidence pages
}
# Words allowed untranslated in text nodes: names, and marks that are not words.
ALLOWED = {"IRS.gov", "PDF"}
ATTRIBUTES = re.compile(r'\b(aria-label|title|alt|placeholder|data-label)="([^"]*)"')
WORD = re.compile(r"[A-Za-z]{2,}")


def english_in(template_text: str) -> list[str]:
    """Words a person would read, in the template's own text (not in tags, comments, or translation calls)."""
    parts, depth = [], 0
    for token in Lexer(template_text).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            depth += name in ("blocktranslate", "comment")
            depth -= name in ("endblocktranslate", "endcomment")
        # A template tag or variable inside an HTML tag must not split it: it becomes a neutral mark.
        parts.append(token.contents if token.token_type == TokenType.TEXT and not depth else "\x00")
    html = "".join(parts)
    found = []
    for _attr, value in ATTRIBUTES.findall(html):
        found += WORD.findall(value)
    text = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&\w+;", " ", text)
    found += WORD.findall(text)
    return [w for w in found if w not in ALLOWED]


def test_translated_templates_hold_no_english_outside_translate_tags():
    leftovers = {}
    for name in sorted(SCOPE):
        words = english_in((TEMPLATES / name).read_text(encoding="utf-8"))
        if words:
            leftovers[name] = words
    assert leftovers == {}


def test_every_template_is_either_translated_or_listed_as_pending():
    everything = {str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")}
    pending = {
        p for p in everything if p in PENDING or any(p.startswith(d[:-1]) for d in PENDING if d[-1] == "*")
    }
    assert everything - SCOPE - pending == set(), "a new template: translate it and add it to SCOPE"


def test_the_scanner_finds_english_it_is_meant_to_find():
    found = english_in('<p>Hello there</p><a href="{% url "x" %}" aria-label="Go home" class="button">ok</a>')
    assert sorted(found) == ["Go", "Hello", "home", "ok", "there"]
    assert english_in('{% load i18n %}<p>{% translate "Hello" %}</p>') == []
    assert english_in("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}") == []


def test_the_question_tables_wording_is_marked_for_translation():
    tree = ast.parse((ROOT / "interview" / "questions.py").read_text(encoding="utf-8"))
    unmarked = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Question":
            wording = node.args[3:4] + [
                k.value for k in node.keywords if k.arg in {"hint", "why", "review_label"}
            ]
            unmarked += [ast.unparse(w)[:60] for w in wording if isinstance(w, ast.Constant | ast.JoinedStr)]
        if (
            isinstance(node, ast.Tuple)
            and len(node.elts) == 2
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        ):
            unmarked.append(ast.unparse(node)[:60])  # a (value, label) choice whose label is not marked
    assert unmarked == []

"""Template filters for reading on a phone (issue #16)."""

from interview.templatetags.reading import keep_refs


def test_a_legal_reference_is_kept_on_one_line_and_the_text_escaped():
    out = keep_refs("Under IRC §62(a)(2)(A), <b>and</b> §280A(c)(1); Pub 587")
    assert '<span class="nobr">§62(a)(2)(A)</span>,' in out
    assert '<span class="nobr">§280A(c)(1)</span>;' in out
    assert "&lt;b&gt;and&lt;/b&gt;" in out


def test_text_without_a_reference_is_unchanged_but_escaped():
    assert keep_refs("Rent & utilities") == "Rent &amp; utilities"


def test_no_template_has_a_comment_spread_over_lines():
    """Django's {# #} comment is one line only: spread over lines it is printed on the page (it was, on the
    results page, issue #16). Longer comments use {% comment %}."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    bad = [
        f"{path.relative_to(root)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in root.rglob("*.html")
        for text in [path.read_text(encoding="utf-8")]
        for m in re.finditer(r"\{#[^\n]*\n", text)
        if "#}" not in m.group(0)
    ]
    assert bad == []

"""Template filters for reading on a phone (issue #16)."""

from interview.templatetags.reading import keep_refs


def test_a_legal_reference_is_kept_on_one_line_and_the_text_escaped():
    out = keep_refs("Under IRC §62(a)(2)(A), <b>and</b> §280A(c)(1); Pub 587")
    assert '<span class="nobr">§62(a)(2)(A)</span>,' in out
    assert '<span class="nobr">§280A(c)(1)</span>;' in out
    assert "&lt;b&gt;and&lt;/b&gt;" in out


def test_text_without_a_reference_is_unchanged_but_escaped():
    assert keep_refs("Rent & utilities") == "Rent &amp; utilities"

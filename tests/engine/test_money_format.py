"""THE money format (homeoffice.engine.money.format_money): the site, the PDF and the engine's sentences all
write amounts with it (issue #16: the method table printed "$2865"; five formatters disagreed)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homeoffice.engine.money import format_money


@pytest.mark.parametrize(
    ("value", "options", "text"),
    [
        ("2865", {}, "$2,865"),  # the method table's figure, with its thousands separator
        (Decimal("1756.00"), {}, "$1,756"),  # whole dollars: no .00
        ("147.66", {}, "$147.66"),
        ("1234567.5", {}, "$1,234,567.50"),
        ("-1200", {}, "-$1,200"),
        ("-2500", {"symbol": False, "parentheses": True}, "(2,500)"),
        ("5", {"cents": True}, "$5.00"),  # a rate per square foot
        ("0", {}, "$0"),
        (None, {}, ""),
        ("", {}, ""),
    ],
)
def test_money_is_written_one_way(value, options, text):
    assert format_money(value, **options) == text


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_the_written_amount_reads_back_as_the_same_number(d):
    text = format_money(d)
    back = Decimal(text.replace("$", "").replace(",", ""))
    assert back == d
    digits = text.lstrip("-$").split(".")[0]
    assert all(len(g) == 3 for g in digits.split(",")[1:])  # a separator every three digits


def test_the_site_filter_the_pdf_and_the_charts_use_it():
    from interview import charts, pdf
    from interview.templatetags.money import money

    assert money("2865") == pdf.format_dollars("2865") == charts._money(Decimal(2865)) == "$2,865"

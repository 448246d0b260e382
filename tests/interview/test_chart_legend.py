"""The limit chart's legend carries a colour key for each part of the bar, in the colours the chart uses."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from interview.charts import COLORS
from tests.interview.test_rollover_flow import OWNER, save_all

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("css", ["site.css", "print.css"])
def test_each_legend_key_has_the_colour_of_its_part_of_the_chart(css):
    text = (ROOT / "static" / "css" / css).read_text()
    for key in ("tier1", "tier2", "tier3"):
        assert re.search(rf"\.swatch-{key} {{ background: {COLORS[key]}; }}", text), (css, key)
    assert ".swatch-carried" in text


def test_the_summary_legend_shows_a_key_beside_each_amount(user, logged_in):
    tax_return = save_all(user, 2025, OWNER)
    page = logged_in.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})).content.decode()
    # OWNER: operating costs take the whole 1,500 limit (tier 2) and 553 carries over.
    assert '<span class="swatch swatch-tier2" aria-hidden="true"></span>Operating costs' in page
    assert '<span class="swatch swatch-carried" aria-hidden="true"></span>Carried' in page

"""The results page in the order a person needs it (issue #16): the deduction, where to report it with the PDF
right there, the recommendation with its reasons, then the details; the limit explained only when something
was limited; "Show the math" collapsed. Dana's figures are hand-worked in tests/e2e/personas.py."""

import re

from django.urls import reverse

from tests.e2e import personas as P
from tests.interview.conftest import create_return, walk


def _results(client, pages, name="Studio on Elm St"):
    tax_return, location = create_return(client, name=name)
    walk(client, tax_return, location, pages)
    page = client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk}))
    assert page.status_code == 200
    return tax_return, page.content.decode()


def test_the_deduction_then_where_to_report_with_the_pdf_then_the_recommendation_then_details(logged_in):
    tax_return, html = _results(logged_in, P.DESIGNER)
    pdf = reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk})
    order = [
        '<p class="result-amount">$3,901</p>',
        'id="report"',
        f'href="{pdf}"',
        'id="recommendation"',
        'id="both-methods"',
        "Why you qualify",
        '<details id="math"',
    ]
    at = [html.index(marker) for marker in order]
    assert at == sorted(at), dict(zip(order, at, strict=True))
    # The PDF link sits within the "Where to report it" section, before the next heading.
    report = html[html.index('id="report"') : html.index('id="recommendation"')]
    assert f'href="{pdf}"' in report and "Schedule C, line 30" in report
    # "Show the math" is collapsed: a <details> without "open".
    assert re.search(r'<details id="math" class="show-the-math">', html)


def test_the_limit_is_explained_only_when_something_was_limited(logged_in):
    # Dana: line 15 = 48,000 covers operating costs 3,110 and depreciation 791: nothing carries over.
    _tax_return, html = _results(logged_in, P.DESIGNER)
    assert "Why is my deduction limited or zero?" not in html
    # Jo's writing room on 2,000 of gross income: 27,000 -> 2,000 - 3,000 = -1,000 would be a loss, so use a
    # small income instead: gross 2,500, other expenses 1,000 -> line 8 = 1,500; rent and utilities share
    # 20,400 x 10 % = 2,040 > 1,500, so 540 of operating costs carries over: the limit is explained.
    writer = [
        (
            step,
            {**data, "gross_income": "2,500", "expenses_not_from_home": "1,000"}
            if step == "income"
            else data,
        )
        for step, data in P.WRITER
    ]
    _tax_return, html = _results(logged_in, writer, name="Writing room")
    assert "Why is my deduction limited or zero?" in html
    assert "$540" in html

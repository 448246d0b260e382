""" "Change" on the review page (issue #16): every link's anchor exists on the question page it opens, and
saving the change comes back to the row of the answer changed (an id on each answer row)."""

import re
from html import unescape

from django.urls import reverse

from tests.e2e import personas as P
from tests.interview.conftest import create_return, post_step, walk

CHANGE = re.compile(r'<a href="([^"]+)">Change<span class="visually-hidden"> ([^<]+)</span>')


def test_every_change_link_lands_on_an_element_that_exists(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, P.DESIGNER)
    review = logged_in.get(reverse("interview:review", kwargs={"pk": tax_return.pk})).content.decode()
    links = [unescape(href) for href, _label in CHANGE.findall(review)]
    assert len(links) > 30
    pages = {}
    for link in links:
        url, anchor = link.split("#", 1)
        if url not in pages:
            page = logged_in.get(url)
            assert page.status_code == 200, url
            pages[url] = page.content.decode()
        assert f'id="{anchor}"' in pages[url], f"{link}: no element with that id on the page"


def test_saving_a_change_returns_to_the_row_of_that_answer(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, P.DESIGNER)
    review_url = reverse("interview:review", kwargs={"pk": tax_return.pk})
    review = logged_in.get(review_url).content.decode()
    (link,) = [
        unescape(h)
        for h, label in CHANGE.findall(review)
        if label == "Utilities for the whole home (indirect)"
    ]
    query = "?" + link.split("?", 1)[1].split("#", 1)[0]
    assert "answer=utilities" in query
    data = {**dict(P.DESIGNER)["expenses"], "utilities": "3,900"}
    response = post_step(logged_in, tax_return, "expenses", data, query=query)
    assert response["Location"] == f"{review_url}#answer-expenses-utilities"
    page = logged_in.get(review_url).content.decode()
    row = re.search(r'<div class="summary-row" id="answer-expenses-utilities">(.*?)</div>', page, re.S)
    assert row and "$3,900.00" in row.group(1)


def test_an_answer_name_from_elsewhere_is_not_put_in_the_address(logged_in):
    tax_return, location = create_return(logged_in)
    walk(logged_in, tax_return, location, P.DESIGNER)
    data = dict(P.DESIGNER)["expenses"]
    response = post_step(logged_in, tax_return, "expenses", data, query="?return=review&answer=%22%3E%3Cx")
    assert response["Location"].endswith("/review/#answer-expenses")

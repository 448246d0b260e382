"""In the browser (issue #14): after a failed submit focus is on the error summary; an error link lands on its
question with the label in view; a conditional question appears as soon as its answer is chosen."""

import pytest
from playwright.sync_api import expect

from tests.e2e import personas as P
from tests.e2e.browsing import Visitor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def on_home_page(new_context, axe_seen, saved_return, live_server):
    tax_return = saved_return(
        "focus",
        P.PASSWORD,
        2025,
        "Focus",
        [
            ("work", {**P.SELF_EMPLOYED, "business_description": "Design"}),
            ("income", {"gross_income": "50000"}),
            ("space", P.OFFICE_ONLY_FOR_WORK),
            ("place", P.PRINCIPAL_PLACE),
        ],
    )
    v = Visitor(new_context(viewport={"width": 1280, "height": 600}).new_page(), axe_seen)
    v.sign_in("focus", P.PASSWORD)
    v.goto(f"/returns/{tax_return.pk}/interview/home/")
    return v


def test_focus_moves_to_the_error_summary_after_a_failed_submit(on_home_page):
    v = on_home_page
    v.press_button("Save and continue")
    summary = v.page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()


def test_an_error_link_focuses_its_question_with_the_label_in_view(on_home_page):
    v = on_home_page
    v.page.locator('[name="home-ownership"][value="rent"]').check()
    v.page.locator('[name="home-measure"][value="sqft"]').check()
    v.press_button("Save and continue")
    v.page.get_by_role("link", name="Total area of the home in square feet").click()
    box = v.page.locator("#id_home-total_area")
    expect(box).to_be_focused()
    label_top = v.page.locator('label[for="id_home-total_area"]').evaluate(
        "e => e.getBoundingClientRect().top"
    )
    assert 0 <= label_top < 600, label_top  # the label is on screen, not scrolled off above the input


def test_a_conditional_question_is_revealed_when_its_answer_is_chosen(on_home_page):
    page = on_home_page.page
    rooms = page.locator("#id_home-total_rooms")
    expect(rooms).to_be_hidden()
    page.locator('[name="home-measure"][value="rooms"]').check()
    expect(rooms).to_be_visible()
    expect(page.locator("#id_home-total_area")).to_be_hidden()
    page.locator('[name="home-whole_year"][value="no"]').check()
    expect(page.locator("#id_home-first_month")).to_be_visible()

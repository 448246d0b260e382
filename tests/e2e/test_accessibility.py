"""axe-core (axe-playwright-python, which ships axe.min.js) on every page type: no serious or critical violation.

Target: WCAG 2.2 AA (docs/accessibility.md). All axe rules run (WCAG 2.0-2.2 A/AA and best practices); a
violation of impact "serious" or "critical" fails the test. Each page type is scanned once per run: a page
already scanned by a persona (tests/e2e/browsing.py, Visitor.arrived) is not scanned again, so this test
visits every type, scans what is still missing, and then checks that nothing on the list went unscanned.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e import personas as P
from tests.e2e.browsing import Visitor, axe_violations, open_every_details

pytestmark = pytest.mark.django_db(transaction=True)

REQUIRED = {
    "/",  # landing
    "/accounts/signup/",
    "/accounts/signup/ with error",
    "/accounts/login/",
    "/accounts/login/ with error",
    "/accounts/password/reset/",
    "/accounts/password/change/",
    "/accounts/confirm-email/",  # "check your e-mail" after sign-up
    "/accounts/security/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/data/",
    "/accounts/delete/",
    "/returns/",  # dashboard, no returns yet
    "dashboard with returns",
    "/returns/new/ with error",
    "/returns/<id>/interview/work/",  # a question
    "/returns/<id>/interview/work/ with error",
    "question with Why we ask open",
    "/returns/<id>/interview/employee/",
    "/returns/<id>/not-eligible/",  # knockout
    "/returns/<id>/review/",  # check your answers
    "/returns/<id>/summary/",  # results
    "results with every section open",
    "/returns/<id>/history/",
    "/returns/<id>/rename/",
    "/returns/<id>/delete/",
    "/returns/<id>/interview/expenses/ conflict",
}


def scan(v: Visitor, kind: str):
    """Scan the page as it is now under a name of its own (a state of a page rather than a new URL)."""
    if kind not in v.axe_seen:
        v.axe_seen.add(kind)
        v.scanned.append(kind)
        problems = axe_violations(v.page)
        assert not problems, f"axe-core on {kind}:\n" + "\n".join(problems)


def test_every_page_type_has_no_serious_or_critical_axe_violation(new_context, axe_seen, saved_return):
    page = new_context().new_page()
    v = Visitor(page, axe_seen)
    v.goto("/")
    v.follow("Create an account to start")
    page.locator("input[name=email]").fill("axel@example.com")
    page.locator("input[name=password1]").fill(P.PASSWORD)
    page.locator("input[name=password2]").fill(P.PASSWORD + "x")
    v.press_button("Create account")
    expect(page.locator(".error-summary")).to_be_visible()
    page.locator("input[name=password1]").fill(P.PASSWORD)
    page.locator("input[name=password2]").fill(P.PASSWORD)
    v.press_button("Create account")
    v.confirm_email("axel@example.com")
    assert v.h1() == "Your returns"

    # Start with no name: the new-return page with its error.
    v.press_button("Start")
    assert "/returns/new/" in page.url
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Name for this return").fill("Remote job")
    v.press_button("Start")

    # A question, sent empty: the error state. Then "Why we ask" open.
    v.on_step("work")
    v.press_button("Save and continue")
    expect(page.locator(".error-summary")).to_be_visible()
    page.locator("details.why-we-ask summary").first.click()
    scan(v, "question with Why we ask open")
    v.walk(P.EMPLOYEE)
    assert "/not-eligible/" in page.url
    knocked_out = page.url.split("/returns/")[1].split("/")[0]
    v.goto(f"/returns/{knocked_out}/review/")

    # A complete return (answers saved without the browser) for the dashboard, results and return pages.
    done = saved_return("axel", P.PASSWORD, 2025, "Studio on Elm St", P.DESIGNER)
    v.goto(f"/returns/{done.pk}/summary/")
    assert v.result_amount() == P.DESIGNER_EXPECTED["total"]
    open_every_details(page)
    scan(v, "results with every section open")
    v.goto("/returns/")
    expect(page.get_by_role("row").filter(has_text="Studio on Elm St")).to_contain_text("Complete")
    scan(v, "dashboard with returns")
    v.goto(f"/returns/{done.pk}/history/")
    v.goto(f"/returns/{done.pk}/rename/")
    v.goto(f"/returns/{done.pk}/delete/")

    # Two tabs change the same answer differently: the second save gets the conflict page (409).
    other_tab = page.context.new_page()
    expenses = f"/returns/{done.pk}/interview/expenses/?return=review"
    v.goto(expenses)
    other = Visitor(other_tab, axe_seen)
    other.goto(expenses)
    other.answer("expenses", {"utilities": "3,700"})
    v.fill("expenses", {"utilities": "3,800"})
    v.press_button("Save and continue", status=409)
    expect(page.locator("h1")).to_be_visible()
    scan(v, "/returns/<id>/interview/expenses/ conflict")
    other_tab.close()

    # Account pages, signing out and in.
    v.goto("/accounts/data/")
    v.goto("/accounts/delete/")
    v.goto("/accounts/password/change/")
    for path in ("/accounts/security/", "/accounts/email/", "/accounts/2fa/", "/accounts/sessions/"):
        v.goto(path)
    v.press_button("Sign out")
    assert v.h1() == "Work out your home office deduction"  # signed out: back on the landing page
    v.goto("/accounts/password/reset/")
    v.goto("/accounts/login/")
    page.locator("input[name=login]").fill("axel@example.com")
    page.locator("input[name=password]").fill("not the password")
    v.press_button("Sign in")
    expect(page.locator(".error-summary")).to_be_visible()

    missing = REQUIRED - axe_seen
    assert not missing, f"page types never scanned: {sorted(missing)}"


def test_the_axe_check_does_find_violations(page):
    """The scanner is live: a nameless button and an image without alt text are reported."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    problems = axe_violations(page)
    assert any("button-name" in p for p in problems), problems
    assert any("image-alt" in p for p in problems), problems

"""The README's screenshots, taken in the browser: opt-in, so ordinary runs never rewrite tracked files.

    E2E_SCREENSHOTS=1 .venv/bin/python -m pytest -m e2e tests/e2e/test_screenshots.py

writes docs/screenshots/*.png: the dashboard, a question with "Why we ask" open, an error, check your answers,
the results, and the worksheet PDF's first page (pdftoppm -png -r 80 -f 1 -l 1).
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e import personas as P
from tests.e2e.browsing import Visitor, first_pdf_page_png

pytestmark = pytest.mark.django_db(transaction=True)

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH, HEIGHT = 1100, 820


@pytest.mark.skipif(
    os.environ.get("E2E_SCREENSHOTS") != "1", reason="set E2E_SCREENSHOTS=1 to refresh docs/screenshots/"
)
def test_take_the_readme_screenshots(new_context, axe_seen, saved_return):
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed for the PDF page"
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_context(viewport={"width": WIDTH, "height": HEIGHT}).new_page()
    v = Visitor(page, axe_seen)

    # The worksheet prints the taxpayer's name when it is given (the optional question, issue #16).
    designer = [
        (step, {**data, "taxpayer_name": "Dana Reyes"} if step == "work" else data)
        for step, data in P.DESIGNER
    ]
    studio = saved_return("dana", P.PASSWORD, 2025, "Studio on Elm St", designer)
    saved_return("dana", P.PASSWORD, 2024, "Apartment office", P.CONSULTANT)
    saved_return("dana", P.PASSWORD, 2025, "Remote job", P.EMPLOYEE)
    v.sign_in("dana", P.PASSWORD)
    for name in ("Studio on Elm St", "Apartment office"):  # results computed once
        v.follow(f"Results for {name}")
        v.follow("Your returns")
    expect(page.get_by_role("row").filter(has_text="Studio on Elm St")).to_contain_text("$3,901")
    page.screenshot(path=OUT / "dashboard.png")

    # A question with its "Why we ask" open: the internet question answers the "$1,400" claim.
    v.goto(f"/returns/{studio.pk}/interview/phone_internet/?return=review")
    page.locator("#id_phone_internet-internet_monthly-field details summary").click()
    page.locator("#id_phone_internet-internet_monthly").focus()
    page.screenshot(path=OUT / "question-why-we-ask.png")

    # An error: an amount written the European way.
    v.goto(f"/returns/{studio.pk}/interview/income/?return=review")
    v.fill("income", {"gross_income": "60.000,00"})
    v.press_button("Save and continue")
    expect(page.locator(".error-summary")).to_be_visible()
    page.screenshot(path=OUT / "error.png")

    v.goto(f"/returns/{studio.pk}/review/")
    page.screenshot(path=OUT / "check-your-answers.png")

    v.goto(f"/returns/{studio.pk}/summary/")
    page.screenshot(path=OUT / "results.png")
    page.locator("#math > summary").click()  # "Show the math" is collapsed (issue #16)
    page.locator("#math").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -20)")
    page.screenshot(path=OUT / "results-show-the-math.png")

    _, pdf = v.download_pdf()
    first_pdf_page_png(pdf, OUT / "worksheet-pdf-page-1.png", dpi=80)

    # The results on a phone.
    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    pv = Visitor(phone, axe_seen, phone=True)
    pv.sign_in("dana", P.PASSWORD)
    pv.goto(f"/returns/{studio.pk}/summary/")
    phone.screenshot(path=OUT / "results-phone.png")
    pv.goto("/returns/")
    phone.screenshot(path=OUT / "dashboard-phone.png")

    for png in OUT.glob("*.png"):
        assert png.stat().st_size < 400_000, f"{png.name} is {png.stat().st_size} bytes"

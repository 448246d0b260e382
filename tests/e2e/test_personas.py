"""Five people use the app in a real browser, from sign-up to their result and the worksheet PDF.

Expected figures are worked out by hand in tests/e2e/personas.py (or are Pub 587's Mary Lake figures); the
tests read them off the page and out of the downloaded PDF, never from the engine.
Every page reached is checked (tests/e2e/browsing.py): status, one <h1>, axe-core (each page type once per
run) and, for the phone persona, no sideways scrolling.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e import personas as P
from tests.e2e.browsing import (
    KeyboardUser,
    Visitor,
    open_every_details,
    pdf_amounts,
    pdf_cells,
    pdf_text,
    read_download,
    sideways_overflow,
)

pytestmark = pytest.mark.django_db(transaction=True)

FORM = "Form 8829 —"  # the worksheet title in the PDF (not the first mention of the form)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def check_summary_lines(v: Visitor, lines: dict):
    """'Show the math' on the results page: each Form 8829 line's amount."""
    for number, amount in lines.items():
        assert v.worksheet_line("Form 8829", number) == amount, f"Form 8829 line {number}"


def check_download(v: Visitor, year: int, name_slug: str) -> str:
    filename, data = v.download_pdf()
    assert filename.endswith(".pdf"), filename
    assert str(year) in filename and name_slug in filename, filename
    return pdf_text(data)


def test_freelance_designer_who_owns_her_home(page, axe_seen):
    """Actual expenses with depreciation and last year's carryovers; she opens "Why we ask" and fixes a typo."""
    v = Visitor(page, axe_seen)
    v.sign_up("dana.designer", P.PASSWORD)
    assert "You have no returns yet" in v.text()
    v.start_return(2025, "Studio on Elm St")

    # "Why we ask" opens in place and cites the publication.
    why = page.locator("#id_work-role-field details.why-we-ask")
    why.locator("summary").click()
    expect(why).to_have_attribute("open", "")
    expect(why).to_contain_text("Pub 587, Who Can Deduct")
    v.answer(*P.DESIGNER[0])

    # A typo: the error is summarised at the top, linked to the field, and the field says what is wrong.
    v.on_step("income")
    v.fill("income", {"gross_income": "60.000,00", "expenses_not_from_home": "12,000"})
    v.press_button("Save and continue")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_contain_text("Gross income of the business for the year")
    expect(page.locator("#id_income-gross_income")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_income-gross_income-error")).to_contain_text(
        "Enter an amount in dollars and cents"
    )
    assert page.title().startswith("Error:")
    v.walk(P.DESIGNER[1:])

    assert v.h1() == "Check your answers"
    review = v.text()
    assert "Total area of the home in square feet 2,400 sq ft" in review
    assert "Operating expenses carried over (last year's Form 8829 line 43) $400.00" in review
    v.follow("See your results")

    exp = P.DESIGNER_EXPECTED
    assert v.result_amount() == exp["total"]
    assert "using the actual expenses method (Form 8829)" in v.text(".result-panel")
    assert v.method_amount(re.compile("^Actual expenses")) == exp["actual"]
    assert v.method_amount(re.compile("^Simplified method")) == exp["simplified"]
    assert v.report_rows() == ["Business use of your home | Schedule C, line 30 | $3,901"]
    check_summary_lines(v, exp["lines"])
    assert "Nothing carries over to next year." in v.text()

    pdf = check_download(v, 2025, "studio-on-elm-st")
    assert "Studio on Elm St" in pdf and "2025" in pdf

    assert pdf_amounts(pdf, "3", after=FORM) == ["10.00%"]
    assert pdf_amounts(pdf, "8", after=FORM) == ["48,000"]
    assert pdf_amounts(pdf, "20", after=FORM) == ["300", "0"]  # (a) direct painting, (b) none
    assert pdf_amounts(pdf, "23", after=FORM) == ["300", "24,100"]
    assert pdf_amounts(pdf, "24", after=FORM) == ["2,410"]
    assert pdf_amounts(pdf, "25", after=FORM) == ["400"]
    assert pdf_amounts(pdf, "31", after=FORM) == ["150"]
    assert pdf_amounts(pdf, "33", after=FORM) == ["791"]
    assert pdf_amounts(pdf, "36", after=FORM) == ["3,901"]
    assert pdf_amounts(pdf, "37", after=FORM) == ["320,000"]
    assert pdf_amounts(pdf, "41", after=FORM) == ["2.564%"]
    assert pdf_amounts(pdf, "42", after=FORM) == ["641"]
    assert pdf_amounts(pdf, "43", after=FORM) == ["0"]
    assert pdf_amounts(pdf, "44", after=FORM) == ["0"]
    assert pdf_amounts(pdf, "4", after="Simplified Method Worksheet") == ["1,200"]

    # Back on the dashboard, the return is complete and shows its deduction.
    v.follow("Your returns")
    row = page.get_by_role("row").filter(has_text="Studio on Elm St")
    expect(row).to_contain_text("Complete")
    expect(row).to_contain_text("$3,901")


def test_renting_consultant_with_the_keyboard_only(page, axe_seen):
    """Simplified method wins; every step done with Tab, Space, arrows, typing and Enter, no mouse."""
    v = Visitor(page, axe_seen)
    kb = KeyboardUser(v)
    v.goto("/")
    kb.activate("Create an account to start")
    kb.fill("", {"email": "sam.consultant@example.com", "password1": P.PASSWORD, "password2": P.PASSWORD})
    kb.activate("Create account", role=("button",))
    v.confirm_email("sam.consultant@example.com")
    assert v.h1() == "Your returns"
    kb.fill("", {"tax_year": "2025", "name": "Apartment office"})
    kb.activate("Start", role=("button",))

    kb.answer(*P.CONSULTANT[0])
    # The keyboard reaches "Why we ask" and opens it.
    v.on_step("income")
    kb.open_why_we_ask("income-gross_income")
    expect(page.locator("#id_income-gross_income-field details")).to_have_attribute("open", "")
    kb.walk(P.CONSULTANT[1:])

    assert v.h1() == "Check your answers"
    kb.activate("See your results")
    exp = P.CONSULTANT_EXPECTED
    assert v.result_amount() == exp["total"]
    assert "using the simplified method" in v.text(".result-panel")
    assert v.method_amount(re.compile("^Actual expenses")) == exp["actual"]
    assert v.method_amount(re.compile("^Simplified method")) == exp["simplified"]
    expect(page.locator(".method.recommended")).to_contain_text("Simplified method")
    assert v.report_rows() == ["Business use of your home | Schedule C, line 30 | $750"]

    # Download the PDF with Enter on the focused link.
    kb.tab_to(lambda f: f["text"] == "Download the worksheet (PDF)", "the PDF link")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    pdf = pdf_text(read_download(info.value)[1])
    smw = "Simplified Method Worksheet"
    assert pdf_amounts(pdf, "1", after=smw) == ["36,000"]
    assert pdf_amounts(pdf, "2", after=smw)[0] in ("150", "150.00")
    assert pdf_amounts(pdf, "3c", after=smw) == ["$5.00"]
    assert pdf_amounts(pdf, "4", after=smw) == ["750"]
    assert pdf_amounts(pdf, "5", after=smw) == ["750"]
    # The method not chosen, for comparison.
    comparison = "Method comparison and recommendation"
    assert pdf_cells(pdf, "Actual expenses", after=comparison) == ["Actual expenses", "$708"]
    assert pdf_cells(pdf, "Simplified method", after=comparison)[:2] == ["Simplified method", "$750"]

    kb.activate("Your returns")
    assert v.h1() == "Your returns"


def test_w2_employee_and_the_1400_internet_myth(page, axe_seen):
    """A clear "no", the myth answered, and ways forward: change an answer, check answers, back to returns."""
    v = Visitor(page, axe_seen)
    v.sign_up("riley.remote", P.PASSWORD)
    v.start_return(2025, "Remote job")
    v.walk(P.EMPLOYEE)

    assert "/not-eligible/" in page.url
    assert v.h1() == "You cannot deduct a home office for this"
    why = v.text("main")
    assert "§67(g)" in why
    myth = page.locator("#internet")
    expect(myth).to_have_text("About the “$1,400 home office internet deduction”")
    assert 'There is no "$1,400 home office internet deduction"' in why
    assert "accountable plan" in why  # what to do instead: ask the employer to reimburse

    # No dead end: change the answer that decided it ...
    v.follow("Change your answers on “Your job”")
    v.on_step("employee")
    expect(page.locator('[name="employee-employee_category"][value="none"]')).to_be_checked()
    page.go_back()
    # ... or go back to the list of returns, where the return says why it stopped.
    v.follow("Back to your returns")
    assert v.h1() == "Your returns"
    row = page.get_by_role("row").filter(has_text="Remote job")
    expect(row).to_contain_text("Does not qualify")
    v.click(row.get_by_role("link", name="Remote job", exact=True))
    assert v.h1() == "You cannot deduct a home office for this"


def test_licensed_home_daycare_on_a_phone(new_context, axe_seen):
    """Mary Lake (Pub 587): daycare in half the home, not exclusive, 3,000 of 8,760 hours -> $1,756.

    At 390x844, no page scrolls sideways (checked on every page reached, results and review included)."""
    page = new_context(**PHONE).new_page()
    v = Visitor(page, axe_seen, phone=True)
    v.sign_up("mary.lake", P.PASSWORD)
    v.start_return(2025, "Mary Lake daycare")
    v.walk(P.MARY_LAKE)
    assert v.h1() == "Check your answers"
    v.follow("See your results")

    exp = P.MARY_LAKE_EXPECTED
    assert v.result_amount() == exp["total"]
    assert v.method_amount(re.compile("^Actual expenses")) == exp["actual"]
    assert v.method_amount(re.compile("^Simplified method")) == exp["simplified"]
    check_summary_lines(v, exp["lines"])
    assert "The space is also used for personal purposes, so the deduction is limited" in v.text()
    # Opening the collapsed parts must not widen the page either.
    open_every_details(page)
    width, inner = sideways_overflow(page)
    assert width <= inner, f"the results page scrolls sideways with its details open: {width} > {inner}"

    pdf = check_download(v, 2025, "mary-lake-daycare")
    assert pdf_amounts(pdf, "3", after=FORM) == ["50.00%"]
    assert pdf_amounts(pdf, "4", after=FORM) == ["3,000"]
    assert pdf_amounts(pdf, "6", after=FORM) == ["0.3425"]
    assert pdf_amounts(pdf, "7", after=FORM) == ["17.13%"]
    assert pdf_amounts(pdf, "8", after=FORM) == ["25,000"]
    assert pdf_amounts(pdf, "19", after=FORM) == ["0", "8,400"]
    assert pdf_amounts(pdf, "21", after=FORM) == ["0", "850"]
    assert pdf_amounts(pdf, "24", after=FORM) == ["1,585"]
    assert pdf_amounts(pdf, "3c", after="Simplified Method Worksheet") == ["$1.71"]
    assert pdf_amounts(pdf, "4", after="Simplified Method Worksheet") == ["513"]
    assert pdf_amounts(pdf, "20", after=FORM) == ["171", "0"]  # 500 x 0.3425, in column (a)
    assert pdf_amounts(pdf, "23", after=FORM) == ["171", "9,250"]
    assert pdf_amounts(pdf, "36", after=FORM) == ["1,756"]

    # The list of returns, with one in it, on the phone too.
    v.follow("Your returns")
    expect(page.get_by_role("row").filter(has_text="Mary Lake daycare")).to_contain_text("Complete")


def test_returning_user_changes_an_answer_the_next_day(new_context, axe_seen):
    """Day 1: finish and download. Day 2, a new browser: sign in, open the return, correct the utilities,
    and the new PDF carries the new figures (and not the old ones)."""
    day1 = new_context().new_page()
    v = Visitor(day1, axe_seen)
    v.sign_up("jo.writer", P.PASSWORD)
    v.start_return(2025, "Writing room")
    v.walk(P.WRITER)
    v.follow("See your results")
    assert v.result_amount() == P.WRITER_DAY1["total"]
    pdf = check_download(v, 2025, "writing-room")
    assert pdf_amounts(pdf, "21", after=FORM) == ["0", P.WRITER_DAY1["utilities"]]
    assert pdf_amounts(pdf, "36", after=FORM) == [P.WRITER_DAY1["line36"]]
    day1.context.close()

    # The next day, another browser profile: nothing remembered but the account.
    page = new_context().new_page()
    v = Visitor(page, axe_seen)
    v.goto("/returns/", status=200)  # signed out: sent to sign in
    assert v.h1() == "Sign in"
    v.sign_in("jo.writer", P.PASSWORD)
    assert v.h1() == "Your returns"
    row = page.get_by_role("row").filter(has_text="Writing room")
    expect(row).to_contain_text("Complete")
    expect(row).to_contain_text(P.WRITER_DAY1["total"])
    v.click(row.get_by_role("link", name="Writing room", exact=True))
    assert v.h1() == "Check your answers"
    assert "Utilities for the whole home (indirect) $2,400.00" in v.text()

    v.follow("Change Utilities for the whole home (indirect)")
    v.on_step("expenses")
    # The saved answers are in the fields (however the app writes them: 2400, 2,400 or 2400.00).
    for name, amount in (("utilities", 2400), ("rent", 18000)):
        shown = page.locator(f'[name="expenses-{name}"]').input_value()
        assert Decimal(shown.replace(",", "").replace("$", "")) == amount, (name, shown)
    v.answer("expenses", {"utilities": "3,000"})
    assert v.h1() == "Check your answers", "Save and continue from a change goes back to the answers"
    assert "Utilities for the whole home (indirect) $3,000.00" in v.text()
    v.follow("See your results")
    assert v.result_amount() == P.WRITER_DAY2["total"]

    pdf = check_download(v, 2025, "writing-room")
    assert pdf_amounts(pdf, "21", after=FORM) == ["0", P.WRITER_DAY2["utilities"]]
    assert pdf_amounts(pdf, "36", after=FORM) == [P.WRITER_DAY2["line36"]]
    assert P.WRITER_DAY1["line36"] not in pdf, "the new PDF still shows the old deduction"

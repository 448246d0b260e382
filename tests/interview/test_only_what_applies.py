"""Only the questions that apply (issue #14): conditional reveal without JavaScript, hidden answers neither
required nor kept, pages counted, stable error codes, and "Why we ask" linking to IRS.gov."""

import pytest

from tests.security.flows import create_return, post_step, renter_pages, step_url, walk

pytestmark = pytest.mark.django_db

# The questions a renter who measures in square feet, used the home all year, did not move and does not share
# the office is asked, page by page (counted by hand from the forms).
RENTER_QUESTIONS = {
    "work": ["role", "business_description", "trade_or_business", "taxpayer_name"],  # the name: issue #16
    "income": ["gross_income", "expenses_not_from_home", "tentative_profit"],
    "space": ["space_type", "regular_use", "exclusive_use", "also_used_for_employee_work"],
    # admin work at home = yes in this walk, so "substantial admin elsewhere?" applies
    "place": [
        "home_is_main_work_location",
        "admin_management_at_home",
        "substantial_admin_at_other_fixed_location",
        "meets_clients_in_person",
        "separate_structure",
    ],
    # not: rooms (square feet chosen), first/last month (whole year), the other home (did not move)
    "home": ["ownership", "measure", "total_area", "whole_year", "moved"],
    # not: first/last month (whole period), shared area and share (not shared)
    "office": ["office_area", "office_whole_period", "shared", "another_business"],
    "expenses": [
        "rent",
        "insurance",
        "utilities",
        "utilities_direct",
        "repairs",
        "repairs_direct",
        "security",
        "other",
        "other_direct",
        "casualty_loss",
        "casualty_loss_excess",
    ],
    "phone_internet": ["internet_monthly", "internet_business_pct", "phone_monthly", "phone_business_pct"],
    "carryovers": ["carryover_operating", "carryover_excess"],
    # + issue #13's optional estimates of the tax each method saves
    "deduction": ["filing_status", "deduction", "tax_other_income", "tax_w2_wages", "tax_other_itemized"],
}


def shown_questions(client, tax_return, step):
    rows = client.get(step_url(tax_return, step)).context["fields"]
    return [r["bf"].name for r in rows if "record" not in r and (not r.get("reveal") or r["shown"])]


@pytest.fixture
def signed_in(client, make_user):
    client.force_login(make_user("renter"))
    return client


def test_the_renter_path_shows_only_the_questions_that_apply(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages())
    shown = {step: shown_questions(signed_in, tax_return, step) for step, _data in renter_pages()}
    assert shown == RENTER_QUESTIONS
    # 4+3+4+5+5+4+11+4+2+5 = 47 questions shown (55 without issue #14, which hides the 8 that do not apply;
    # one more than before issue #16, which asks the taxpayer's name for the worksheet, optionally)
    assert sum(len(names) for names in shown.values()) == 47


def test_without_javascript_the_server_reveals_a_question_once_its_answer_is_posted(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages()[:4])
    assert "total_rooms" not in shown_questions(signed_in, tax_return, "home")
    response = post_step(signed_in, tax_return, "home", {"ownership": "rent", "measure": "rooms"})
    assert response.status_code == 200
    rows = {r["bf"].name: r for r in response.context["fields"]}
    assert rows["total_rooms"]["shown"] and not rows["total_area"]["shown"]
    html = response.content.decode()
    assert 'id="id_home-total_rooms-error"' in html  # now asked, and required
    assert 'id="id_home-total_area-error"' not in html  # hidden: not required
    assert 'data-reveal-controller="home-measure" data-reveal-values="rooms"' in html


def test_hidden_answers_are_not_kept(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages()[:4])
    home = {
        "ownership": "rent",
        "measure": "sqft",
        "total_area": "1500",
        "total_rooms": "not a number",  # typed before switching to square feet: not an error, not kept
        "whole_year": "yes",
        "first_month": "3",
        "moved": "no",
        "other_home_for_business": "yes",
    }
    assert post_step(signed_in, tax_return, "home", home).status_code == 302
    tax_return.refresh_from_db()
    saved = tax_return.answers["home"]
    assert saved["total_area"] == "1500"
    assert saved["total_rooms"] is None and saved["first_month"] is None
    assert saved["other_home_for_business"] is None


def test_progress_counts_pages_that_apply(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages()[:2])
    html = signed_in.get(step_url(tax_return, "space")).content.decode()
    # work, income, space, home, office, expenses, phone_internet, carryovers, deduction (place comes only
    # once the space is answered)
    assert "Page 3 of 9: How the space is used" in html
    tax_return = walk(signed_in, tax_return, renter_pages()[2:3])
    assert (
        "Page 4 of 10: How the space is used" in signed_in.get(step_url(tax_return, "place")).content.decode()
    )


def test_a_section_with_no_page_that_applies_is_neither_listed_nor_numbered(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages())
    html = signed_in.get(step_url(tax_return, "deduction")).content.decode()
    assert "Owning the home" not in html  # a renter: section 6 has no page for them, never "Completed"
    review = signed_in.get(f"/returns/{tax_return.pk}/review/")
    titles = [(s["number"], s["title"]) for s in review.context["sections"]]
    assert titles == [
        (1, "You and your work"),
        (2, "How the space is used"),
        (3, "The home"),
        (4, "The office"),
        (5, "Expenses"),
        (6, "Carryovers and your deduction"),
    ]


def test_each_error_has_a_stable_code_on_the_field_and_in_the_summary(signed_in):
    tax_return = walk(signed_in, create_return(signed_in), renter_pages()[:1])
    html = post_step(signed_in, tax_return, "income", {"gross_income": "", "expenses_not_from_home": "1e5"})
    html = html.content.decode()
    assert 'data-error-code="income.gross_income.required"' in html
    assert 'data-error-code="income.expenses_not_from_home.invalid"' in html
    assert html.count("income.gross_income.required") == 2  # the summary line and the field


def test_why_we_ask_links_to_the_source_on_irs_gov(signed_in):
    tax_return = create_return(signed_in)
    html = signed_in.get(step_url(tax_return, "home")).content.decode()
    assert 'href="https://www.irs.gov/publications/p587"' in html
    assert 'href="https://www.irs.gov/instructions/i8829"' in html  # "Form 8829 line 2" (total area)


def test_rent_utilities_and_internet_can_be_given_per_month_or_per_year(signed_in):
    from interview import case as C

    pages = dict(renter_pages())
    pages["expenses"] = {
        "rent": "2,000",
        "rent_per": "month",
        "utilities": "1,200",  # per year: the default for home bills
        "insurance": "180",
    }
    pages["phone_internet"] = {
        "internet_monthly": "960",
        "internet_monthly_per": "year",
        "internet_business_pct": "50",
    }
    tax_return = walk(signed_in, create_return(signed_in), list(pages.items()))
    case = C.build_case(tax_return)
    home = case["homes"][0]
    assert home["expenses"]["rent"] == "24000"  # 2,000 x 12
    assert home["expenses"]["utilities"] == "1200"
    assert case["internet"]["annual_cost"] == "960"  # given for the year: not x 12
    review = signed_in.get(f"/returns/{tax_return.pk}/review/").content.decode()
    assert "$24,000.00 a year ($2,000.00 a month)" in review
    assert "$960.00 a year" in review
    # The period is part of the amount's question: no line of its own on the review, no question of its own.
    assert "The amount is for" not in review
    assert "rent_per" not in shown_questions(signed_in, tax_return, "expenses")


def test_amounts_saved_before_the_period_existed_keep_their_meaning(signed_in):
    from interview import case as C

    tax_return = walk(signed_in, create_return(signed_in), renter_pages())
    answers = tax_return.answers
    answers["expenses"].pop("rent_per")
    answers["phone_internet"].pop("internet_monthly_per")
    tax_return.save()
    case = C.build_case(tax_return)
    assert case["homes"][0]["expenses"]["rent"] == "6000"  # rent was always a year's
    assert case["internet"]["annual_cost"] == "720"  # internet was always a month's: 60 x 12

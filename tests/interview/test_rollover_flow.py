"""Issue #6 in the interview: Start 2026 from 2025, and the ledger, advisor, why-limited text and tier chart
on the summary page and in the PDF (text read with pypdf)."""

import io

import pytest
from django.urls import reverse

from interview import case as C
from interview import rollover, services
from interview.models import AnswerChange, TaxReturn

pytestmark = pytest.mark.django_db

# Owner, 2,000 sq ft, office 200 (10 %); standard deduction. Hand figures (Form 8829, 2025):
# line 8 = 9,500 - 8,000 = 1,500; operating: (mortgage 10,000 + taxes 3,000 + utilities 2,400) x 10 % = 1,540
# -> line 27 = 1,500, line 43 = 40; depreciation: building 250,000 - 50,000 = 200,000 x 10 % = 20,000 x 2.564 %
# = 512.80 -> 513, nothing left -> line 44 = 513. Deduction 1,500.
OWNER = {
    "work": {"role": "self_employed", "business_description": "Studio", "trade_or_business": True},
    "income": {"gross_income": "9500", "expenses_not_from_home": "8000"},
    "space": {
        "space_type": "office",
        "regular_use": True,
        "exclusive_use": True,
        "also_used_for_employee_work": False,
    },
    "place": {
        "home_is_main_work_location": True,
        "admin_management_at_home": True,
        "substantial_admin_at_other_fixed_location": False,
        "meets_clients_in_person": False,
        "separate_structure": False,
    },
    "home": {"ownership": "own", "measure": "sqft", "total_area": "2000", "whole_year": True, "moved": False},
    "office": {"office_area": "200", "office_whole_period": True, "shared": False},
    "expenses": {"mortgage_interest": "10000", "real_estate_taxes": "3000", "utilities": "2400"},
    "phone_internet": {"internet_monthly": None, "phone_monthly": None},
    "depreciation": {
        "purchase_price": "250000",
        "land_value": "50000",
        "fmv_at_first_use": "300000",
        "first_use_month": 1,
        "first_use_year": 2024,
        "depreciation_claimed": "492",
    },
    "carryovers": {"carryover_operating": None, "carryover_excess": None},
    "deduction": {"filing_status": "single", "deduction": "standard"},
}


def save_all(user, year, answers, name="Studio"):
    tax_return = services.create_return(user, year, name)
    for step, data in answers.items():
        tax_return = services.save_step(tax_return, user, step, data, tax_return.version)
    return tax_return


def test_start_next_year_from_this_one(logged_in, user):
    r = save_all(user, 2025, OWNER)
    assert r.status == TaxReturn.Status.COMPLETE
    page = logged_in.get(reverse("interview:dashboard")).content.decode()
    assert "Start 2026 from 2025" in page
    response = logged_in.post(reverse("interview:roll_over", kwargs={"pk": r.pk}))
    assert response.status_code == 302
    new = TaxReturn.objects.exclude(pk=r.pk).get()
    assert (new.tax_year, new.owner_id) == (2026, user.pk)
    # Carryovers: 2025 lines 43 = 40 and 44 = 513 -> 2026 lines 25 and 31
    assert new.answers["carryovers"] == {"carryover_operating": "40", "carryover_excess": "513"}
    # Depreciation record: 492 claimed before + 0 deducted in 2025 (all 513 carried) = 492
    assert new.answers["depreciation"]["depreciation_claimed"] == "492"
    assert new.answers["depreciation"]["first_use_year"] == 2024
    # Stable facts copied, this year's amounts asked again
    # ...and, since 2025's use ran to December in the same home, "whole year" and "did not move" (#14)
    assert new.answers["home"] == {
        "ownership": "own",
        "measure": "sqft",
        "total_area": "2000",
        "whole_year": True,
        "moved": False,
    }
    assert new.answers["office"]["office_whole_period"] is True
    assert new.answers["deduction"] == {"filing_status": "single", "deduction": "standard"}
    assert "income" not in new.answers and "expenses" not in new.answers
    assert new.status == TaxReturn.Status.IN_PROGRESS
    started = AnswerChange.objects.get(tax_return=new, step="rollover")
    assert started.new_value["return"] == r.pk and started.new_value["tax_year"] == 2025
    assert AnswerChange.objects.filter(tax_return=new, step="carryovers").count() == 2
    # Finishing the 2026 return: the carryovers reach Form 8829 lines 25/31
    # Only this year's figures are asked again (#14): home, office and deduction are complete as carried.
    assert [s for s, (done, _f) in C.step_analysis(new.answers, 2026).items() if not done] == [
        "income",
        "expenses",
        "phone_internet",
    ]
    for step in ("income", "expenses", "phone_internet"):
        new = services.save_step(new, user, step, OWNER[step], new.version)
    assert new.status == TaxReturn.Status.COMPLETE
    v = C.compute_result(new).homes[0].actual.values
    assert (str(v["25"]), str(v["31"])) == ("40", "513")


def test_roll_over_refused_for_last_year_and_other_users(logged_in, user, make_user):
    r = save_all(user, 2026, OWNER)
    page = logged_in.get(reverse("interview:dashboard")).content.decode()
    assert "Start 2027" not in page
    logged_in.post(reverse("interview:roll_over", kwargs={"pk": r.pk}))
    assert TaxReturn.objects.count() == 1
    other = save_all(make_user("casey"), 2025, OWNER)
    assert logged_in.post(reverse("interview:roll_over", kwargs={"pk": other.pk})).status_code == 404
    assert logged_in.get(reverse("interview:roll_over", kwargs={"pk": r.pk})).status_code == 405


def test_summary_shows_ledger_advisor_explanation_and_chart(logged_in, user):
    r = save_all(user, 2025, OWNER)
    html = logged_in.get(reverse("interview:summary", kwargs={"pk": r.pk})).content.decode()
    assert "Why is my deduction limited or zero?" in html
    assert "Your business earned $1,500 after its other expenses." in html
    assert "Operating costs took the $1,500 that was left, so $40 of them carries to next year." in html
    assert "Nothing was left for depreciation, so $513 carries to next year." in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title" in svg and "<desc" in svg and "<script" not in svg and "Income limit $1,500" in svg
    assert "Which method, this year and next" in html
    assert "Recommendation: actual expenses" in html
    assert "Federal tax each method saves (estimate)" in html
    assert "Depreciation ledger" in html
    assert "unrecaptured section 1250 gain" in html


def test_pdf_contains_ledger_advisor_and_chart(logged_in, user):
    from pypdf import PdfReader

    r = save_all(user, 2025, OWNER)
    response = logged_in.get(reverse("interview:worksheet_pdf", kwargs={"return_id": r.pk}))
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "Depreciation ledger" in flat
    assert "Method advice: 2025 and 2026" in flat
    assert "How the deduction limit applies" in flat
    assert "Nothing was left for depreciation, so $513 carries to next year." in flat
    assert "unrecaptured section 1250 gain" in flat


def test_the_banner_names_each_page_that_needs_a_look_and_why(logged_in, user):
    r = save_all(user, 2025, OWNER)
    response = logged_in.post(reverse("interview:roll_over", kwargs={"pk": r.pk}), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Your business income (this year's income and other business expenses)" in text
    assert "Home expenses (this year's home expenses)" in text
    assert "Internet and phone (this year's internet and phone bills)" in text
    assert "Your home" not in text and "Filing status" not in text


def test_part_year_use_that_stopped_before_december_is_asked_again(user):
    answers = {
        **OWNER,
        "home": {**OWNER["home"], "whole_year": False, "first_month": 1, "last_month": 9},
        "office": {**OWNER["office"], "office_whole_period": True},
        "expenses": {**OWNER["expenses"], "expenses_cover": "full_year"},
        "deduction": {"filing_status": "married_joint", "deduction": "itemize"},
        "salt": {"state_local_income_or_sales_tax": "900", "magi": "90000"},
    }
    r = save_all(user, 2025, answers)
    assert r.status == TaxReturn.Status.COMPLETE
    new = services.roll_over_return(r, user)
    assert "whole_year" not in new.answers["home"] and "office_whole_period" not in new.answers["office"]
    assert new.answers["deduction"] == {"filing_status": "married_joint", "deduction": "itemize"}
    pages = [title for title, _why in rollover.pages_to_check(new.answers, 2026)]
    assert pages[:2] == ["Your business income", "Your home"]
    assert "State and local taxes" in pages


def test_use_that_began_mid_year_and_ran_to_december_carries_whole_year(user):
    answers = {
        **OWNER,
        "home": {**OWNER["home"], "whole_year": False, "first_month": 4, "last_month": 12},
        "expenses": {**OWNER["expenses"], "expenses_cover": "full_year"},
        "office": {**OWNER["office"], "office_whole_period": False, "office_first_month": 5,
                   "office_last_month": 12},
        "depreciation": {**OWNER["depreciation"], "first_use_month": 5, "first_use_year": 2025,
                         "depreciation_claimed": None},
    }  # fmt: skip
    r = save_all(user, 2025, answers)
    assert r.status == TaxReturn.Status.COMPLETE, C.first_unanswered(r.answers, 2025)
    new = services.roll_over_return(r, user)
    assert (new.answers["home"]["whole_year"], new.answers["home"]["moved"]) == (True, False)
    assert new.answers["office"]["office_whole_period"] is True


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Studio", "Studio (2026)"), ("Studio (2025)", "Studio (2026)"), ("Studio (2026)", "Studio (2026)")],
)
def test_the_new_return_is_named_for_its_year_once(user, name, expected):
    r = save_all(user, 2025, OWNER, name=name)
    assert services.roll_over_return(r, user).name == expected

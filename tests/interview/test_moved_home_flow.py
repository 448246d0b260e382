"""Moved during the year, through the interview: the other home's step (posted with the test client) adds a
second home with its own Form 8829; the summary shows both. Hand figures in the comments."""

import pytest
from django.urls import reverse

from interview import case as C
from interview.models import TaxReturn
from tests.interview.conftest import post_step
from tests.interview.test_rollover_flow import OWNER, save_all

pytestmark = pytest.mark.django_db


def test_moved_home_flow(logged_in, user):
    answers = {k: v for k, v in OWNER.items() if k not in ("deduction",)}
    answers["income"] = {"gross_income": "30000", "expenses_not_from_home": "6000"}
    # First home (owned) Jul-Dec; the other home rented Jan-Jun.
    answers["home"] = dict(
        OWNER["home"],
        whole_year=False,
        first_month=7,
        last_month=12,
        moved=True,
        other_home_for_business=True,
    )
    answers["expenses"] = dict(OWNER["expenses"], expenses_cover="business_period")
    r = save_all(user, 2025, answers)
    r = TaxReturn.objects.get(pk=r.pk)
    response = post_step(
        logged_in,
        r,
        "second_home",
        {
            "other_ownership": "rent",
            "other_total_area": "1000",
            "other_office_area": "100",
            "other_first_month": "1",
            "other_last_month": "6",
            "other_income": "12000",
            "other_rent": "6000",
            "other_utilities": "1200",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    r = save_all.__globals__["services"].save_step(
        TaxReturn.objects.get(pk=r.pk),
        user,
        "deduction",
        OWNER["deduction"],
        TaxReturn.objects.get(pk=r.pk).version,
    )
    assert r.status == TaxReturn.Status.COMPLETE
    case = C.build_case(r)
    assert [h["id"] for h in case["homes"]] == ["home", "other_home"]
    # income earned: other home 12,000 of 30,000; the first home the rest 18,000
    assert case["businesses"][0]["income_by_home"] == {"home": "18000", "other_home": "12000"}
    result = C.compute_result(r)
    by = {h.home: h for h in result.homes}
    # other home: line 8 = 24,000 x 12/30 = 9,600; (6,000 + 1,200) x 10 % = 720
    assert str(by["other_home"].actual.values["8"]) == "9600"
    assert str(by["other_home"].actual.values["36"]) == "720"
    # simplified method for at most one home
    assert sum(h.method == "simplified" for h in result.homes) <= 1
    html = logged_in.get(reverse("interview:summary", kwargs={"pk": r.pk})).content.decode()
    assert "You moved during the year." not in html  # the other home is part of this return now
    # Nothing is limited here, so no "why limited" section names the homes (issue #16): each home has its own
    # Form 8829 under "Show the math" instead.
    response = logged_in.get(reverse("interview:summary", kwargs={"pk": r.pk}))
    assert len(response.context["worksheets"]) == 2
    assert html.count("<caption>Form 8829 — Expenses for Business Use of Your Home (2025)</caption>") == 2

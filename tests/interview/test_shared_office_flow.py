"""Two businesses of one person in one office, through the interview: the second-business step (posted with
the test client); each use tested on its own; line 36 per business. Hand figures in the comments."""

import pytest
from django.urls import reverse

from interview import case as C
from interview import services
from interview.models import TaxReturn
from tests.interview.conftest import post_step
from tests.interview.test_rollover_flow import OWNER, save_all

pytestmark = pytest.mark.django_db

SECOND = {
    "second_name": "Tutoring",
    "second_gross_income": "8000",
    "second_expenses_not_from_home": "2000",
    "second_trade_or_business": "yes",
    "second_regular_use": "yes",
    "second_main_place": "yes",
    "share_by": "time",
    "second_time_percentage": "25",
}


def _return(logged_in, user, second):
    answers = {k: v for k, v in OWNER.items() if k != "deduction"}
    answers["income"] = {"gross_income": "50000", "expenses_not_from_home": "10000"}
    answers["office"] = dict(OWNER["office"], another_business=True)
    r = save_all(user, 2025, answers)
    assert post_step(logged_in, TaxReturn.objects.get(pk=r.pk), "second_business", second).status_code == 302
    r = TaxReturn.objects.get(pk=r.pk)
    return services.save_step(r, user, "deduction", OWNER["deduction"], r.version)


def test_shared_office_flow(logged_in, user):
    r = _return(logged_in, user, SECOND)
    case = C.build_case(r)
    assert [b["id"] for b in case["businesses"]] == ["business", "business_2"]
    assert case["homes"][0]["spaces"][0]["businesses"] == {"business": "75", "business_2": "25"}
    result = C.compute_result(r)
    # line 8 = 40,000 + 6,000 = 46,000: no limit. Operating (10,000 + 3,000 + 2,400) x 10 % = 1,540;
    # depreciation 513 -> line 36 = 2,053, split by time 75/25: 1,540 (1,539.75 rounded) and 513
    alloc = dict(result.homes[0].allocation)
    assert (str(alloc["business"]), str(alloc["business_2"])) == ("1540", "513")
    html = logged_in.get(reverse("interview:summary", kwargs={"pk": r.pk})).content.decode()
    assert "Tutoring" in html or "$513" in html


def test_second_use_that_fails_spoils_the_space(logged_in, user):
    r = _return(logged_in, user, dict(SECOND, second_trade_or_business="no"))
    result = C.compute_result(r)
    assert not result.computed
    assert result.verdict.status == "does_not_qualify"

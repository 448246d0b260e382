"""Never lose or mix answers: a double submit is harmless, two tabs that disagree get a conflict page with both
values and nothing is overwritten silently, and every change is recorded (who, when, old → new) for the owner.

These run on any database; tests/security/test_concurrency.py repeats the races with real threads on
PostgreSQL (SQLite cannot lock rows).
"""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from interview import services
from interview.models import AnswerChange
from tests.security.flows import create_return, post_step, renter_pages, step_url, walk
from tests.security.test_object_urls import page_form


@pytest.fixture
def erin(make_user):
    return make_user("erin")


@pytest.fixture
def finished(client, erin, sign_in):
    """Erin's completed renter return (gross income 30,000)."""
    sign_in(erin)
    return walk(client, create_return(client, name="Flat"), renter_pages())


def income(tax_return):
    tax_return.refresh_from_db()
    return tax_return.answers["income"]


def changes(tax_return, **filters):
    return list(AnswerChange.objects.filter(tax_return=tax_return, **filters).order_by("id"))


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- Double submit ---------------------------------------------------------------------------------------
def test_double_submit_is_harmless(client, finished):
    version = finished.version
    data = {"gross_income": "40000", "expenses_not_from_home": "5000"}
    first = post_step(client, finished, "income", data, version=version)
    second = post_step(client, finished, "income", data, version=version)  # the browser sends it again
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    finished.refresh_from_db()
    assert finished.version == version + 1
    assert income(finished)["gross_income"] == "40000"
    assert len(changes(finished, step="income", field="gross_income")) == 2  # the walk, then this change


def test_resubmitting_unchanged_answers_changes_nothing(client, finished):
    version = finished.version
    history = AnswerChange.objects.count()
    page = renter_pages()[1][1]
    for _ in range(3):
        assert post_step(client, finished, "income", page).status_code == 302
    finished.refresh_from_db()
    assert finished.version == version
    assert AnswerChange.objects.count() == history


# --- Two tabs --------------------------------------------------------------------------------------------
def test_two_tabs_that_disagree_get_a_conflict_page_and_nothing_is_overwritten(client, finished):
    opened_at = finished.version  # both tabs show the income page at this version
    tab_one = post_step(
        client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"}, opened_at
    )
    assert tab_one.status_code == 302
    history = AnswerChange.objects.count()

    tab_two = post_step(
        client, finished, "income", {"gross_income": "50000", "expenses_not_from_home": "5000"}, opened_at
    )
    assert tab_two.status_code == 409
    page = text(tab_two)
    assert "changed somewhere else" in page
    assert "$50,000.00" in page and "$40,000.00" in page  # both values, side by side
    assert income(finished)["gross_income"] == "40000"  # the first tab's answer stands
    assert AnswerChange.objects.count() == history

    # The person chooses "Save what I just entered": now it is saved, on purpose, and recorded.
    url = step_url(finished, "income")
    resubmit = client.post(url, page_form(tab_two.content.decode(), url))
    assert resubmit.status_code == 302
    assert income(finished)["gross_income"] == "50000"
    last = changes(finished, step="income", field="gross_income")[-1]
    assert (last.old_value, last.new_value) == ("40000", "50000")


def test_two_tabs_changing_different_answers_keep_both(client, finished):
    opened_at = finished.version
    post_step(
        client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"}, opened_at
    )
    response = post_step(
        client, finished, "income", {"gross_income": "30000", "expenses_not_from_home": "7000"}, opened_at
    )
    assert response.status_code == 302
    assert {k: income(finished)[k] for k in ("gross_income", "expenses_not_from_home")} == {
        "gross_income": "40000",
        "expenses_not_from_home": "7000",
    }


def test_a_stale_page_of_another_step_is_not_a_conflict(client, finished):
    opened_at = finished.version
    post_step(
        client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"}, opened_at
    )
    response = post_step(
        client, finished, "expenses", {"rent": "6,500", "utilities": "1,200", "insurance": "180"}, opened_at
    )
    assert response.status_code == 302
    finished.refresh_from_db()
    assert Decimal(finished.answers["expenses"]["rent"]) == Decimal("6500")
    assert income(finished)["gross_income"] == "40000"


def test_a_tampered_or_missing_version_never_overwrites_silently(client, finished):
    for version in ("", "abc", "-5", "999999"):
        response = post_step(
            client, finished, "income", {"gross_income": "70000", "expenses_not_from_home": "5000"}, version
        )
        assert response.status_code in (302, 409), version
        if response.status_code == 302:
            # Accepted only as a fresh change recorded in the history, never as a silent overwrite.
            assert changes(finished, field="gross_income")[-1].new_value == "70000"
        post_step(client, finished, "income", renter_pages()[1][1])  # back to the walk's value


# --- The service contract --------------------------------------------------------------------------------
def test_save_step_contract(finished, erin, make_user):
    start = finished.version
    same = dict(finished.answers["income"])
    assert services.save_step(finished, erin, "income", same, start).version == start  # no-op: no bump
    saved = services.save_step(finished, erin, "income", {**same, "gross_income": "41000"}, start)
    assert saved.version == start + 1
    with pytest.raises(services.VersionConflict) as info:
        services.save_step(finished, erin, "income", {**same, "gross_income": "42000"}, start)
    assert info.value.by_field["gross_income"] == {"yours": "42000", "theirs": "41000"}
    assert info.value.current_version == start + 1
    finished.refresh_from_db()
    assert finished.version == start + 1 and finished.answers["income"]["gross_income"] == "41000"
    with pytest.raises(PermissionDenied):
        services.save_step(finished, make_user("mallory"), "income", {**same, "gross_income": "1"}, start + 1)
    finished.refresh_from_db()
    assert finished.answers["income"]["gross_income"] == "41000"


# --- History ---------------------------------------------------------------------------------------------
def test_every_change_is_recorded_with_who_when_old_and_new(client, finished, erin):
    post_step(client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"})
    change = changes(finished, step="income", field="gross_income")[-1]
    assert change.user == erin
    assert change.at is not None
    assert (change.old_value, change.new_value) == ("30000", "40000")
    first = changes(finished, step="income", field="gross_income")[0]
    assert (first.old_value, first.new_value) == (None, "30000")


def test_owner_sees_the_history_page(client, finished):
    post_step(client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"})
    response = client.get(reverse("interview:history", kwargs={"return_id": finished.pk}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    assert "History of changes" in page
    assert "erin" in page
    # Labelled and formatted as on the review page: question, before and after.
    assert "Your business income:" in page
    assert "$30,000.00 $40,000.00" in page
    # Newest first: this change comes before the first answer (empty before).
    assert page.index("$40,000.00") < page.index("(empty)")


def test_history_is_in_the_export(client, finished):
    post_step(client, finished, "income", {"gross_income": "40000", "expenses_not_from_home": "5000"})
    data = json.loads(client.get(reverse("interview:export_json", kwargs={"return_id": finished.pk})).content)
    history = data["return"]["history"]
    assert {
        "step": "income",
        "field": "gross_income",
        "old": "30000",
        "new": "40000",
        "by": "erin",
    }.items() <= next(h for h in reversed(history) if h["field"] == "gross_income").items()
    assert history == sorted(history, key=lambda h: h["at"])

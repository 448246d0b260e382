"""Data rights: export one return or the whole account as JSON; delete the account with its password, which
removes all of its data and ends all of its sessions."""

import json

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from interview.models import TaxReturn


@pytest.fixture
def erin(make_user):
    return make_user("erin", email="erin@example.com", first_name="Erin")


@pytest.fixture
def frank(make_user):
    return make_user("frank")


def download(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_export_one_return(client, erin, sign_in, make_return):
    tax_return = make_return(erin, name="Studio", answers={"home": {"total_area": "1200"}})
    sign_in(erin)
    data = download(client.get(reverse("interview:export_json", args=[tax_return.pk])))
    assert data["format"] == "homeoffice.return/1"
    exported = data["return"]
    assert exported["id"] == tax_return.pk
    assert exported["name"] == "Studio"
    assert exported["tax_year"] == 2025
    assert exported["answers"] == {"home": {"total_area": "1200"}}
    assert isinstance(exported["history"], list)
    assert client.get(f"/returns/{tax_return.pk}/export.json").status_code == 200


def test_export_of_someone_elses_return_is_404(client, erin, frank, sign_in, make_return):
    theirs = make_return(frank, name="Frank's flat")
    sign_in(erin)
    response = client.get(reverse("interview:export_json", args=[theirs.pk]))
    assert response.status_code == 404
    assert b"Frank" not in response.content


def test_export_whole_account(client, erin, frank, sign_in, make_return):
    make_return(erin, name="First", tax_year=2024)
    make_return(erin, name="Second", tax_year=2025, answers={"a": 1})
    make_return(frank, name="Not mine")
    sign_in(erin)
    data = download(client.get(reverse("account_export")))
    assert data["format"] == "homeoffice.account/1"
    assert data["account"]["username"] == "erin"
    assert data["account"]["email"] == "erin@example.com"
    assert [r["name"] for r in data["returns"]] == ["First", "Second"]
    assert data["returns"][1]["answers"] == {"a": 1}
    assert "password" not in json.dumps(data).lower()


def test_exports_need_sign_in(client, erin, make_return):
    tax_return = make_return(erin)
    for url in (reverse("account_export"), reverse("interview:export_json", args=[tax_return.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_data_page_links_both(client, erin, sign_in):
    sign_in(erin)
    html = client.get(reverse("account_data")).content.decode()
    assert reverse("account_export") in html and reverse("account_delete") in html


def test_delete_needs_the_password(client, erin, sign_in, make_return):
    make_return(erin)
    sign_in(erin)
    assert client.get(reverse("account_delete")).status_code == 200
    response = client.post(reverse("account_delete"), {"password": "not-my-password"})
    assert response.status_code == 200
    assert b"That is not your password" in response.content
    assert get_user_model().objects.filter(pk=erin.pk).exists()
    assert TaxReturn.objects.filter(owner=erin).count() == 1
    assert client.post(reverse("account_delete"), {}).status_code == 200
    assert get_user_model().objects.filter(pk=erin.pk).exists()


def test_delete_needs_post_with_csrf(erin, password):
    c = Client(enforce_csrf_checks=True)
    c.force_login(erin)
    assert c.post(reverse("account_delete"), {"password": password}).status_code == 403
    assert get_user_model().objects.filter(pk=erin.pk).exists()


@pytest.mark.parametrize(
    "engine", ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]
)
def test_delete_removes_everything_and_ends_every_session(
    client, erin, frank, sign_in, make_return, password, settings, engine
):
    settings.SESSION_ENGINE = engine  # cached_db is what REDIS_URL selects (here with the test cache)
    make_return(erin, name="Mine")
    kept = make_return(frank, name="Frank's")
    # Erin is signed in on two devices; Frank on one; one failed attempt is on record for Erin.
    client.post(reverse("account_login"), {"login": "erin", "password": "nope-nope-nope"})
    phone, laptop, franks = Client(), Client(), Client()
    for c, who in ((phone, erin), (laptop, erin), (franks, frank)):
        sign_in(who, c)
    assert AccessLog.objects.filter(username="erin").exists()
    response = phone.post(reverse("account_delete"), {"password": password})
    assert response.status_code == 200
    assert b"Your account has been deleted" in response.content
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'

    assert not get_user_model().objects.filter(username="erin").exists()
    assert not TaxReturn.objects.filter(owner_id=erin.pk).exists()
    assert not AccessLog.objects.filter(username="erin").exists()
    assert not AccessAttempt.objects.filter(username="erin").exists()
    remaining_users = {str(s.get_decoded().get("_auth_user_id")) for s in Session.objects.all()}
    assert str(erin.pk) not in remaining_users
    assert laptop.get("/returns/").status_code == 302
    assert phone.get("/returns/").status_code == 302
    # Nobody else is touched.
    assert franks.get("/returns/").status_code == 200
    assert TaxReturn.objects.filter(pk=kept.pk).exists()


# Every model that holds a person's data, and how the export and the deletion cover it.
COVERED_MODELS = {
    "auth.user": "exported as 'account'; deleted",
    "interview.taxreturn": "exported under 'returns' (answers, drafts); deleted with the user (CASCADE)",
    "interview.answerchange": "exported as each return's 'history'; deleted with the return (CASCADE)",
    "interview.languagepreference": "exported as the account's 'language'; deleted with the user (CASCADE)",
    "interview.evidence": "exported as each return's 'evidence' (files included); deleted with the return "
    "(CASCADE), stored objects too",
    "sessions.session": "not exported (no personal content); ended by account deletion",
    "axes.accessattempt": "not exported (throttle state); deleted by username",
    "axes.accesslog": "not exported (sign-in log); deleted by username",
    "axes.accessfailurelog": "not exported; deleted by username",
    "axes.accessattemptexpiration": "not exported; deleted with its AccessAttempt (CASCADE)",
    "account.emailaddress": "exported as account 'email_addresses'; deleted with the user (CASCADE)",
    "account.emailconfirmation": "not exported (a pending link); deleted with its address (CASCADE)",
    "mfa.authenticator": "exported as account 'second_factors' (kinds and dates, never secrets); CASCADE",
    "usersessions.usersession": "exported as account 'sessions' (address, browser, dates); CASCADE",
    "django_tasks_database.dbtaskresult": "not exported: a queued render holds a return id, a version and an "
    "outcome word, no answers; the render of a deleted return exits as 'gone'",
    "admin.logentry": "staff actions only",
    "auth.group": "no personal data",
    "auth.permission": "no personal data",
    "contenttypes.contenttype": "no personal data",
}


def test_every_model_is_covered_by_export_and_deletion():
    """A new model that stores someone's data must be added to the export and the deletion (and here)."""
    from django.apps import apps

    models = {m._meta.label_lower for m in apps.get_models()}
    missing = sorted(models - set(COVERED_MODELS))
    assert not missing, f"decide how the account export and deletion cover: {missing}"


def test_export_includes_drafts(client, erin, sign_in, make_return):
    tax_return = make_return(erin, drafts={"income": {"gross_income": "12,3"}})
    sign_in(erin)
    data = download(client.get(reverse("interview:export_json", args=[tax_return.pk])))
    assert data["return"]["drafts"] == {"income": {"gross_income": "12,3"}}

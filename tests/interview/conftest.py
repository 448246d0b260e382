"""Helpers to walk the interview with Django's test client, one real POST per page."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from interview.models import TaxReturn


@pytest.fixture
def user(make_user):
    return make_user("alex")


@pytest.fixture
def other_user(make_user):
    return make_user("blair")


@pytest.fixture
def client_for(client, password):
    def login(user):
        assert client.login(username=user.get_username(), password=password)
        return client

    return login


@pytest.fixture
def logged_in(client_for, user):
    return client_for(user)


def step_url(tax_return, step, query=""):
    return reverse("interview:step", kwargs={"pk": tax_return.pk, "step": step}) + query


def step_of(location: str) -> str | None:
    """'/returns/3/interview/home/?return=review' -> 'home' (None if not a step URL)."""
    parts = urlsplit(location).path.strip("/").split("/")
    return parts[3] if len(parts) == 4 and parts[2] == "interview" else None


def post_step(client, tax_return, step, data, query="", version=None, back=False):
    """POST one page as the browser would: prefixed field names, the version the page carried."""
    tax_return.refresh_from_db()
    payload = {f"{step}-{k}": v for k, v in data.items()}
    payload["version"] = tax_return.version if version is None else version
    payload[f"interview_return_{tax_return.pk}-current_step"] = step
    if back:
        payload["wizard_goto_step"] = "back"
    return client.post(step_url(tax_return, step, query), payload)


def create_return(client, year=2025, name="Studio on Elm St") -> tuple[TaxReturn, str]:
    response = client.post(reverse("interview:new"), {"tax_year": year, "name": name})
    assert response.status_code == 302, response.content[:2000]
    tax_return = TaxReturn.objects.latest("id")
    # The dashboard link opens the return where it left off: the first question.
    resume = client.get(response["Location"])
    assert resume.status_code == 302
    return tax_return, resume["Location"]


def walk(client, tax_return, location, pages):
    """Answer pages in order; each page must be the one the previous answer led to.

    `pages` is a list of (step name, data). Returns the location after the last page.
    """
    for step, data in pages:
        assert step_of(location) == step, f"expected to be sent to {step!r}, was sent to {location!r}"
        page = client.get(location)
        assert page.status_code == 200, (step, page.status_code)
        response = post_step(client, tax_return, step, data)
        assert response.status_code == 302, (step, _errors(response))
        location = response["Location"]
    return location


def _errors(response):
    form = response.context.get("form") if response.context else None
    return form.errors if form is not None else response.content[:500]

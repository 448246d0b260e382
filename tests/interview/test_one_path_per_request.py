"""One path per request (issue #14): the summary page and the PDF each build the engine's case once and run
the engine once, however many parts (result, advisor, ledger, chart) they show."""

import pytest
from django.urls import reverse

from interview import case as C
from interview import engine_api
from tests.security.flows import create_return, renter_pages, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    calls = {"build": 0, "compute": 0}
    build, decide = C._build_case, engine_api.decide

    def counting_build(tax_return):
        calls["build"] += 1
        return build(tax_return)

    def counting_decide(case):
        calls["compute"] += 1
        return decide(case)

    monkeypatch.setattr(C, "_build_case", counting_build)
    monkeypatch.setattr(engine_api, "decide", counting_decide)
    return calls


@pytest.fixture
def finished(client, make_user):
    client.force_login(make_user("once"))
    return walk(client, create_return(client), renter_pages())


def test_the_summary_builds_the_case_once_and_computes_once(client, finished, counted):
    response = client.get(reverse("interview:summary", kwargs={"pk": finished.pk}))
    assert response.status_code == 200
    assert counted == {"build": 1, "compute": 1}


def test_the_pdf_builds_the_case_once_and_computes_once(client, finished, counted):
    response = client.get(reverse("interview:worksheet_pdf", kwargs={"return_id": finished.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert counted == {"build": 1, "compute": 1}


def test_a_changed_answer_is_a_new_case(finished, counted):
    C.build_case(finished)
    finished.answers["expenses"]["insurance"] = "240"
    assert C.build_case(finished)["homes"][0]["expenses"]["insurance"] == "240"
    assert counted["build"] == 2

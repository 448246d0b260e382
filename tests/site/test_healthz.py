"""/healthz answers 200 when the database works and 503 (not a crash) when it does not."""

from unittest import mock

from django.db import connection


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_when_the_database_is_down(client, db):
    with mock.patch.object(connection, "cursor", side_effect=Exception("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_answers_503_json_when_the_database_is_down_whatever_cookies_are_sent(client, make_user):
    """A prober (or a person's browser) that sends a session cookie must still get the JSON, not a 500 page:
    nothing before the probe may read the session or the user from the database."""
    client.force_login(make_user("erin"))
    client.cookies["messages"] = "garbage"
    client.cookies["csrftoken"] = "x" * 32
    with mock.patch.object(connection, "cursor", side_effect=Exception("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}

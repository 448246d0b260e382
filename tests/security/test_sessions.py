"""Server-side sessions: 15-minute idle timeout (warned before), 12-hour absolute limit, sign-out ends the
session and clears site data. The server enforces the limits; the page script only warns."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from homeoffice.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = "/returns/"


@pytest.fixture
def erin(make_user):
    return make_user("erin")


def shift_session(client, **seconds_ago):
    """Pretend the last request / the sign-in happened this many seconds ago."""
    session = client.session
    now = int(time.time())
    if "last_seen" in seconds_ago:
        session[LAST_SEEN_KEY] = now - seconds_ago["last_seen"]
    if "signed_in" in seconds_ago:
        session[SIGNED_IN_AT_KEY] = now - seconds_ago["signed_in"]
    session.save()


def test_sessions_are_stored_on_the_server(client, erin, sign_in, settings):
    # Database, or Redis in front of the database with REDIS_URL: a row per session either way.
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )
    sign_in(erin)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()
    assert "_auth_user_id" not in client.cookies[settings.SESSION_COOKIE_NAME].value


def test_session_cookie_lasts_the_idle_timeout_and_slides(client, erin, sign_in, settings):
    sign_in(erin)
    login_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(login_cookie["max-age"]) == 15 * 60
    shift_session(client, last_seen=60)
    response = client.get(DASHBOARD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 15 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_fourteen_idle_minutes_keep_the_session(client, erin, sign_in):
    sign_in(erin)
    shift_session(client, last_seen=14 * 60)
    assert client.get(DASHBOARD).status_code == 200


def test_fifteen_idle_minutes_end_the_session_on_the_server(client, erin, sign_in, settings):
    sign_in(erin)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    shift_session(client, last_seen=15 * 60 + 1)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Session.objects.filter(session_key=old_key).exists()
    assert '"cache"' in response["Clear-Site-Data"]
    page = client.get(response["Location"])
    assert b"signed out after 15 minutes without activity" in page.content


def test_activity_resets_the_idle_clock(client, erin, sign_in):
    sign_in(erin)
    for _ in range(3):
        shift_session(client, last_seen=10 * 60)
        assert client.get(DASHBOARD).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_KEY] < 5


def test_twelve_hours_after_sign_in_the_session_ends_even_if_active(client, erin, sign_in):
    sign_in(erin)
    shift_session(client, last_seen=5, signed_in=12 * 3600 - 60)
    assert client.get(DASHBOARD).status_code == 200
    shift_session(client, last_seen=5, signed_in=12 * 3600 + 1)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert b"12 hours" in client.get(response["Location"]).content


def test_sign_out_ends_the_session_and_clears_site_data(client, erin, sign_in, settings):
    sign_in(erin)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(DASHBOARD).status_code == 302


def test_sign_out_needs_post(client, erin, sign_in):
    sign_in(erin)
    page = client.get(reverse("account_logout"))  # a page asking to confirm, with a POST form
    assert page.status_code == 200 and b'method="post"' in page.content
    assert client.get(DASHBOARD).status_code == 200


def test_signed_in_pages_carry_the_warning_with_a_nonced_static_script(client, erin, sign_in):
    sign_in(erin)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    assert 'id="session-timeout"' in html
    assert 'data-idle-seconds="900"' in html and 'data-warning-seconds="120"' in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the warning script is missing"
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for tag in scripts:
        assert 'src="/static/' in tag, f"inline script: {tag}"
        assert f'nonce="{nonce}"' in tag
    assert len(re.findall(r"<script\b[^>]*>\s*</script>", html)) == len(scripts)  # no inline bodies
    # The "Stay signed in" button is a real form: it works without JavaScript too.
    assert f'action="{reverse("session_keepalive")}"' in html
    assert (ROOT / "static/js/session-timeout.js").is_file()


def test_static_warning_script_is_served(client):
    response = client.get("/static/js/session-timeout.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"session-timeout" in body


def test_anonymous_pages_have_no_warning(client, db):
    assert b"session-timeout" not in client.get("/").content


def test_status_reports_remaining_time_without_counting_as_activity(client, erin, sign_in):
    sign_in(erin)
    shift_session(client, last_seen=10 * 60)
    before = client.session[LAST_SEEN_KEY]
    status = client.get(reverse("session_status")).json()
    assert status["signed_in"] is True
    assert 295 <= status["idle_remaining"] <= 300
    assert client.session[LAST_SEEN_KEY] == before


def test_status_for_anonymous(client, db):
    assert client.get(reverse("session_status")).json() == {"signed_in": False, "idle_remaining": 0}


def test_keepalive_resets_the_clock(client, erin, sign_in):
    sign_in(erin)
    shift_session(client, last_seen=14 * 60)
    response = client.post(reverse("session_keepalive"), HTTP_ACCEPT="application/json")
    assert response.json() == {"signed_in": True, "idle_remaining": 900}
    assert client.get(reverse("session_status")).json()["idle_remaining"] >= 895


def test_keepalive_without_js_goes_back_to_the_page_and_refuses_other_sites(client, erin, sign_in):
    sign_in(erin)
    assert client.post(reverse("session_keepalive"), {"next": "/returns/"})["Location"] == "/returns/"
    evil = client.post(reverse("session_keepalive"), {"next": "https://evil.example/"})
    assert evil["Location"] == reverse("interview:dashboard")


def test_keepalive_needs_csrf(erin, password):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(erin)
    assert c.post(reverse("session_keepalive")).status_code == 403


@pytest.mark.parametrize(
    ("env", "engine"),
    [
        ({}, "django.contrib.sessions.backends.db"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_session_engine_from_the_environment(env, engine):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(env)
    code = "import homeoffice.settings as s; print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'] if hasattr(s, 'CACHES') else '-')"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    got_engine, cache = proc.stdout.split()
    assert got_engine == engine
    if env:
        assert cache == "django.core.cache.backends.redis.RedisCache"


def test_changing_the_password_ends_the_other_sessions(client, erin, sign_in, password):
    from django.test import Client

    other_device = sign_in(erin, Client())
    sign_in(erin)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": password,
            "password1": "a-brand-new-passphrase-7",
            "password2": "a-brand-new-passphrase-7",
        },
    )
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200  # this device stays signed in
    assert other_device.get(DASHBOARD).status_code == 302  # the other one is signed out


def test_activity_is_written_at_most_every_ten_seconds(client, erin, sign_in, settings):
    from homeoffice.middleware import ACTIVITY_RESOLUTION

    assert ACTIVITY_RESOLUTION <= 10
    sign_in(erin)
    first = client.get(DASHBOARD)
    assert settings.SESSION_COOKIE_NAME not in first.cookies  # just signed in: no second write
    shift_session(client, last_seen=ACTIVITY_RESOLUTION)
    assert settings.SESSION_COOKIE_NAME in client.get(DASHBOARD).cookies


def test_signing_in_gets_a_new_session_id(client, erin, password, settings):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": "erin@example.com", "password": password})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert not Session.objects.filter(session_key=before).exists()


def test_stay_signed_in_always_counts(client, erin, sign_in):
    sign_in(erin)
    shift_session(client, last_seen=5)  # within the activity resolution
    client.post(reverse("session_keepalive"), HTTP_ACCEPT="application/json")
    assert int(time.time()) - client.session[LAST_SEEN_KEY] <= 1


def test_signing_in_again_restarts_the_twelve_hour_clock(client, erin, sign_in, password):
    sign_in(erin)
    shift_session(client, last_seen=5, signed_in=11 * 3600)
    # The sign-in page sends a signed-in person on (allauth): that is not a new sign-in, the clock runs on.
    client.post(reverse("account_login"), {"login": "erin@example.com", "password": password})
    assert int(time.time()) - client.session[SIGNED_IN_AT_KEY] >= 11 * 3600 - 5
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": "erin@example.com", "password": password})
    assert int(time.time()) - client.session[SIGNED_IN_AT_KEY] <= 1

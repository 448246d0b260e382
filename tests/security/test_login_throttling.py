"""Sign-in throttling (django-axes, configured): 5 failures for one username from one address lock that pair
for 15 minutes; success resets the count; the lockout names nobody and is the same for unknown users."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from homeoffice.security import client_ip

LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="203.0.113.7", **extra):
    return client.post(LOGIN, {"login": username, "password": password}, REMOTE_ADDR=ip, **extra)


def is_signed_in(client):
    return client.get(reverse("interview:dashboard")).status_code == 200


def normalized(response, username):
    """The page minus what differs per request anyway (CSRF token, CSP nonce) and the echoed username."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return html.replace(f'value="{username}"', "")


@pytest.fixture
def erin(make_user):
    return make_user("erin")


def test_four_failures_still_show_the_form_and_the_fifth_locks(client, erin):
    for _ in range(4):
        response = attempt(client, "erin", "wrong-password-123")
        assert response.status_code == 200
        assert b"you specified are not correct" in response.content
    response = attempt(client, "erin", "wrong-password-123")
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content


def test_a_locked_pair_cannot_sign_in_even_with_the_right_password(client, erin, password):
    for _ in range(5):
        attempt(client, "erin", "wrong-password-123")
    response = attempt(client, "erin", password)
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_lockout_is_per_username_and_address_combination(client, erin, make_user, password):
    make_user("frank")
    for _ in range(5):
        attempt(client, "erin", "wrong-password-123", ip="203.0.113.7")
    # Same person from another address: not locked.
    assert attempt(client, "erin", password, ip="198.51.100.20").status_code == 302
    client.post(reverse("account_logout"))
    # Another username from the locked address: not locked.
    assert attempt(client, "frank", password, ip="203.0.113.7").status_code == 302


def test_cool_off_is_fifteen_minutes(client, erin, password, settings):
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    for _ in range(5):
        attempt(client, "erin", "wrong-password-123")
    assert attempt(client, "erin", password).status_code == 429
    # 14 minutes later: still locked.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=14)
    )
    assert attempt(client, "erin", password).status_code == 429
    # Past 15 minutes: the pair may try again and the right password works.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=2))
    assert attempt(client, "erin", password).status_code == 302


def test_success_resets_the_failure_count(client, erin, password):
    for _ in range(4):
        attempt(client, "erin", "wrong-password-123")
    assert attempt(client, "erin", password).status_code == 302
    client.post(reverse("account_logout"))
    for _ in range(4):
        assert attempt(client, "erin", "wrong-password-123").status_code == 200
    assert attempt(client, "erin", password).status_code == 302


def test_unknown_user_and_wrong_password_read_the_same(client, erin):
    wrong_password = attempt(client, "erin", "wrong-password-123")
    unknown_user = attempt(client, "nobody-here", "wrong-password-123", ip="198.51.100.9")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert normalized(wrong_password, "erin") == normalized(unknown_user, "nobody-here")


def test_lockout_page_does_not_reveal_whether_the_user_exists(client, erin):
    for _ in range(5):
        known = attempt(client, "erin", "wrong-password-123", ip="203.0.113.7")
    for _ in range(5):
        unknown = attempt(client, "nobody-here", "wrong-password-123", ip="203.0.113.8")
    assert known.status_code == unknown.status_code == 429
    assert normalized(known, "erin") == normalized(unknown, "nobody-here")
    assert b"erin" not in known.content and b"nobody-here" not in unknown.content
    assert known["Retry-After"] == "900"


def test_forged_forwarded_for_does_not_dodge_the_throttle_by_default(client, erin):
    for i in range(5):
        response = attempt(client, "erin", "wrong-password-123", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert response.status_code == 429


def test_client_address_is_remote_addr_by_default(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "192.0.2.1"


def test_client_address_with_trusted_proxies(settings):
    factory = RequestFactory()
    # The client forged "6.6.6.6"; proxy 1 appended the real client, proxy 2 appended proxy 1.
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44, 10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "192.0.2.44"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 5  # fewer hops than configured: no guessing
    assert client_ip(request) == "10.0.0.2"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(garbage) == "10.0.0.2"


def test_throttle_uses_the_proxy_count_when_configured(client, erin, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(client, "erin", "wrong-password-123", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50")
    assert attempt(client, "erin", "x", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50").status_code == 429
    # Another client behind the same proxy is not affected.
    assert attempt(client, "erin", "x", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.51").status_code == 200


def test_failures_count_for_the_account_whichever_identifier_was_typed(client, erin, password):
    """Three wrong passwords with the username and two with the e-mail address (any case) lock the account
    from that address: the throttle counts per account, not per spelling."""
    for _ in range(3):
        attempt(client, "erin", "wrong-password-123")
    attempt(client, "erin@example.com", "wrong-password-123")
    response = attempt(client, "ERIN@example.com", "wrong-password-123")
    assert response.status_code == 429
    assert attempt(client, "erin@example.com", password).status_code == 429
    assert not is_signed_in(client)

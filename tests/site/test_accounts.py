"""Sign-up, sign-in and sign-out with Django's auth, and the pages an anonymous visitor may see."""

from django.contrib.auth import get_user_model
from django.urls import reverse


def test_landing_page_is_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"home office deduction" in response.content.lower()


def test_dashboard_sends_anonymous_visitor_to_login(client):
    response = client.get("/returns/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_up_creates_account_and_signs_in(client, db):
    response = client.post(
        reverse("signup"),
        {
            "username": "dana",
            "password1": "a-long-enough-passphrase-9",
            "password2": "a-long-enough-passphrase-9",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="dana").exists()
    assert client.get("/returns/").status_code == 200


def test_sign_up_rejects_a_short_password_with_a_message(client, db):
    response = client.post(
        reverse("signup"), {"username": "dana", "password1": "short1", "password2": "short1"}
    )
    assert response.status_code == 200
    assert b"at least 12 characters" in response.content
    assert not get_user_model().objects.filter(username="dana").exists()


def test_login_and_logout(client, make_user, password):
    make_user("erin")
    response = client.post(reverse("login"), {"username": "erin", "password": password})
    assert response.status_code == 302
    assert client.get("/returns/").status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/returns/").status_code == 302


def test_wrong_password_does_not_sign_in(client, make_user):
    make_user("erin")
    response = client.post(reverse("login"), {"username": "erin", "password": "not-the-password"})
    assert response.status_code == 200
    assert client.get("/returns/").status_code == 302


def test_password_reset_sends_an_email(client, make_user, mailoutbox):
    make_user("erin", email="erin@example.com")
    response = client.post(reverse("password_reset"), {"email": "erin@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_change_requires_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302


def test_pages_have_skip_link_and_main_landmark(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<footer" in html
    assert "<script" not in html or "nonce=" in html


def test_password_reset_mail_to_one_address_is_limited_and_says_so(client, make_user, mailoutbox):
    make_user("erin", email="erin@example.com")
    for _ in range(3):
        assert client.post(reverse("password_reset"), {"email": "erin@example.com"}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": "erin@example.com"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Too many requests from your network" in page
    assert 'value="erin@example.com"' in page  # what was typed is kept
    assert len(mailoutbox) == 3
    # Another address is not held up by this one.
    assert client.post(reverse("password_reset"), {"email": "other@example.com"}).status_code == 302


def test_sign_ups_from_one_address_are_limited_and_keep_what_was_typed(client, db):
    from homeoffice import ratelimit

    limit = ratelimit.LIMITS["signup:ip"][0]
    for i in range(limit):
        fresh = client.__class__()
        data = {
            "username": f"user{i}",
            "password1": "a-long-passphrase-77",
            "password2": "a-long-passphrase-77",
        }
        assert fresh.post(reverse("signup"), data).status_code == 302
    response = client.__class__().post(
        reverse("signup"), {"username": "one-too-many", "password1": "x", "password2": "x"}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many requests from your network" in page and 'value="one-too-many"' in page

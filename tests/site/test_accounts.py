"""Accounts (django-allauth, issue #15): sign-up by e-mail with verification before anything is saved, sign-in,
sign-out, password reset by e-mail, enumeration-safe answers, the limits, and accounts made before e-mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from interview.models import TaxReturn

NEW_PASSWORD = "a-long-enough-passphrase-9"


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/[^\s]+)", message.body)
    assert found, message.body
    return found.group(1)


def sign_up(client, email, password=NEW_PASSWORD, **extra):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}, **extra
    )


def test_landing_page_is_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"home office deduction" in response.content.lower()


def test_dashboard_sends_anonymous_visitor_to_login(client):
    response = client.get("/returns/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sign_up_asks_for_an_email_and_signs_in_only_after_it_is_verified(client, db, mailoutbox):
    response = sign_up(client, "dana@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(email="dana@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get("/returns/").status_code == 302  # not signed in yet
    assert len(mailoutbox) == 1
    confirm = link_in(mailoutbox[0])
    assert client.get(confirm).status_code == 200  # a page with a button; GET changes nothing
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(confirm)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/returns/").status_code == 200  # signed in by the confirmation


def test_sign_up_rejects_a_short_password_with_a_message(client, db):
    response = sign_up(client, "dana@example.com", password="short1")
    assert response.status_code == 200
    assert b"at least 12 characters" in response.content
    assert 'value="dana@example.com"' in response.content.decode()  # what was typed is kept
    assert not get_user_model().objects.filter(email="dana@example.com").exists()


def test_sign_up_with_an_address_that_has_an_account_looks_the_same_and_mails_the_owner(
    client, make_user, mailoutbox
):
    make_user("erin", email="erin@example.com")
    taken = sign_up(client, "erin@example.com")
    fresh = sign_up(Client(), "new-person@example.com")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert get_user_model().objects.filter(email__iexact="erin@example.com").count() == 1
    to_owner = [m for m in mailoutbox if m.to == ["erin@example.com"]]
    assert len(to_owner) == 1 and "already" in to_owner[0].body.lower()


def test_sign_in_with_email_and_sign_out(client, make_user, password):
    make_user("erin")
    response = client.post(reverse("account_login"), {"login": "erin@example.com", "password": password})
    assert response.status_code == 302
    assert client.get("/returns/").status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get("/returns/").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(client, make_user):
    make_user("erin")
    wrong = client.post(
        reverse("account_login"), {"login": "erin@example.com", "password": "not-the-password"}
    )
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@example.com", "password": "not-the-password"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert client.get("/returns/").status_code == 302

    def message(response):
        return re.findall(r'<div class="error-summary".*?</div>', response.content.decode(), flags=re.S)

    assert message(wrong) == message(unknown) and message(wrong)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, make_user, mailoutbox, password):
    user = make_user("erin")
    response = client.post(reverse("account_reset_password"), {"email": "erin@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = link_in(mailoutbox[0])
    assert "/accounts/password/reset/key/" in link
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    new = "another-long-passphrase-31"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new) and not user.check_password(password)


def test_password_reset_answers_the_same_for_an_unknown_address(client, make_user, mailoutbox):
    make_user("erin")
    known = client.post(reverse("account_reset_password"), {"email": "erin@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The unknown address is told that it has no account here (it asked; nobody else learns anything).
    assert [m.to for m in mailoutbox] == [["erin@example.com"], ["nobody@example.com"]]


def test_nobody_can_stop_a_victim_receiving_a_reset(make_user, mailoutbox):
    """An outsider asking for the victim's reset mail again and again, from many addresses, never uses up an
    allowance of the victim's: the victim, from their own network, still gets the mail."""
    make_user("erin")
    for i in range(30):
        Client(REMOTE_ADDR=f"198.51.100.{i}").post(
            reverse("account_reset_password"), {"email": "erin@example.com"}
        )
    before = len(mailoutbox)
    response = Client(REMOTE_ADDR="203.0.113.9").post(
        reverse("account_reset_password"), {"email": "erin@example.com"}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == before + 1


def test_reset_requests_from_one_network_are_limited(make_user, mailoutbox):
    make_user("erin")
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    codes = [
        attacker.post(reverse("account_reset_password"), {"email": f"p{i}@example.com"}).status_code
        for i in range(21)
    ]
    assert codes[:20] == [302] * 20  # 20 an hour from one client address
    assert codes[20] == 429


def test_sign_ups_from_one_address_are_limited(db):
    codes = [
        sign_up(Client(REMOTE_ADDR="198.51.100.8"), f"user{i}@example.com").status_code for i in range(21)
    ]
    assert codes[:20] == [302] * 20
    assert codes[20] == 429


def test_password_change_requires_login(client):
    response = client.get(reverse("account_change_password"))
    assert response.status_code == 302


def test_pages_have_skip_link_and_main_landmark(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<footer" in html
    assert "<script" not in html or "nonce=" in html


def test_account_pages_use_the_site_layout(client, db):
    for name in ("account_login", "account_signup", "account_reset_password"):
        html = client.get(reverse(name)).content.decode()
        assert '<main id="main"' in html and "Home Office Deduction" in html, name
        assert 'class="button' in html, name


def test_an_account_without_a_verified_email_saves_nothing_until_it_has_one(
    client, make_user, password, mailoutbox
):
    """An account made by the username sign-up before issue #15 (no e-mail) signs in with its username and is
    sent to add an address; no return can be created until the address is verified."""
    make_user("olduser", email="")
    response = client.post(reverse("account_login"), {"login": "olduser", "password": password})
    assert response.status_code == 302
    assert client.get("/returns/").url == reverse("account_email")
    response = client.post(reverse("interview:new"), {"tax_year": 2025, "name": "Main home"})
    assert response.status_code == 302 and response.url == reverse("account_email")
    assert not TaxReturn.objects.exists()
    client.post(reverse("account_email"), {"action_add": "", "email": "old@example.com"})
    assert len(mailoutbox) == 1
    client.post(link_in(mailoutbox[0]))
    assert EmailAddress.objects.filter(email="old@example.com", verified=True).exists()
    assert client.get("/returns/").status_code == 200


def test_every_account_page_opens_for_a_signed_in_person(client, make_user):
    client.force_login(make_user("erin"))
    for name in (
        "account_security",
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "usersessions_list",
        "account_data",
    ):
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        assert '<main id="main"' in response.content.decode(), name


def test_a_sign_in_from_a_new_device_sends_a_security_email(make_user, password, mailoutbox):
    make_user("erin")

    def sign_in(agent, address="203.0.113.5"):
        c = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
        assert (
            c.post(reverse("account_login"), {"login": "erin@example.com", "password": password}).status_code
            == 302
        )
        return c

    sign_in("Laptop Browser/1.0")
    assert mailoutbox == []  # the first sign-in has nothing to compare with
    sign_in("Laptop Browser/1.0")
    assert mailoutbox == []  # the same browser and network
    sign_in("Phone Browser/2.0", address="198.51.100.23")
    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == ["erin@example.com"] and "New sign-in" in notice.subject
    assert "198.51.100.23" in notice.body and "Phone Browser/2.0" in notice.body


@pytest.mark.django_db(transaction=True)  # allauth mails after the commit, inside the request
def test_password_change_and_second_factor_changes_send_security_emails(
    client, make_user, password, mailoutbox
):
    import pyotp
    from allauth.mfa.models import Authenticator

    make_user("erin")
    client.post(reverse("account_login"), {"login": "erin@example.com", "password": password})
    new = "a-different-passphrase-55"
    client.post(
        reverse("account_change_password"), {"oldpassword": password, "password1": new, "password2": new}
    )
    assert [m.subject for m in mailoutbox][-1].endswith("Password Changed") or "assword" in mailoutbox[
        -1
    ].subject
    # Changing the second factors asks for the password again (allauth's reauthentication).
    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": new})
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.status_code == 200 and page.redirect_chain == [], page.redirect_chain
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode()).group(1)
    client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    assert any("uthenticator" in m.subject or "TOTP" in m.subject for m in mailoutbox), [
        m.subject for m in mailoutbox
    ]

"""E-mail is a real component: the site's messages go through Django's SMTP backend to an SMTP server (here a
local aiosmtpd sink), and the links in them work."""

from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse


def test_sign_up_confirmation_arrives_over_smtp_and_its_link_confirms(db, smtp_sink, mailoutbox):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "smtp.person@example.com",
            "password1": "a-long-passphrase-77",
            "password2": "a-long-passphrase-77",
        },
    )
    assert response.status_code == 302
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "smtp.person@example.com"
    assert message["Subject"].startswith("Home Office Deduction: ")
    assert mailoutbox == []  # it went over SMTP, not to the test outbox
    link = smtp_sink.last_link("smtp.person@example.com", "/accounts/confirm-email/")
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email="smtp.person@example.com").verified


def test_password_reset_arrives_over_smtp(make_user, smtp_sink):
    make_user("erin")
    Client().post(reverse("account_reset_password"), {"email": "erin@example.com"})
    (message,) = smtp_sink.wait_for(1)
    assert "/accounts/password/reset/key/" in smtp_sink.body(message)

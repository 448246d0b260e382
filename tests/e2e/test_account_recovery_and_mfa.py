"""Issue #15, end to end in Chromium: an account people can get back into, with a second factor.

Sign up with an e-mail address -> confirm it from the message at the SMTP sink -> set up an authenticator app
(codes computed with pyotp) -> sign out -> sign in with password + code -> a recovery code works once and not
twice -> register a passkey with Chromium's virtual authenticator (CDP WebAuthn) -> sign in with it alone ->
"Forgotten your password?" -> the reset link -> signed in again with the return still there.
"""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import MAIL

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "robin.mfa@example.com"
PASSWORD = "violet-harbour-lantern-62"
NEW_PASSWORD = "amber-meadow-compass-19"


def h1(page) -> str:
    return " ".join(page.locator("h1").inner_text().split())


def sign_out(page):
    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))


def password_step(page, password=PASSWORD):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(password)
    page.locator("main form").first.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))


def second_step(page, code):
    page.locator("input[name=code]").fill(code)
    page.locator("main form").first.locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def open_asking_for_password_again(page, path, password=PASSWORD):
    """Pages that change how one signs in ask for the password again when it was not typed recently."""
    page.goto(path)
    if "/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(password)
        page.locator("main form").first.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(re.escape(path)))


def fresh_totp_code(totp: pyotp.TOTP, used: set) -> str:
    """A code of a time window not used yet: the site refuses a code twice (replay), as it should."""
    while (code := totp.now()) in used:
        time.sleep(1)
    used.add(code)
    return code


def test_sign_up_mfa_passkey_and_password_reset(new_context, live_server):
    sink = MAIL["sink"]
    context = new_context()
    page = context.new_page()

    # Sign up, confirm from the e-mail, start a return.
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    sink.wait_for(1)
    page.goto(sink.last_link(EMAIL, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/returns/$"))
    page.get_by_label("Tax year").select_option("2025")
    page.get_by_label("Name for this return").fill("Lighthouse studio")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/interview/work/"))

    # Authenticator app: the secret is shown on the page; a code from it activates TOTP.
    open_asking_for_password_again(page, "/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    totp, used = pyotp.TOTP(secret), set()
    page.locator("input[name=code]").fill(fresh_totp_code(totp, used))
    page.locator("main form").first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto("/accounts/2fa/recovery-codes/")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10

    # Sign out; sign in with password + authenticator code.
    sign_out(page)
    password_step(page)
    second_step(page, fresh_totp_code(totp, used))
    page.wait_for_url(re.compile(r"/returns/$"))

    # A recovery code works once...
    sign_out(page)
    password_step(page)
    second_step(page, codes[0])
    page.wait_for_url(re.compile(r"/returns/$"))
    # ... and not twice.
    sign_out(page)
    password_step(page)
    second_step(page, codes[0])
    assert "/accounts/2fa/authenticate/" in page.url
    expect(page.locator(".error-message, .error-summary").first).to_be_visible()
    second_step(page, codes[1])
    page.wait_for_url(re.compile(r"/returns/$"))

    # A passkey from Chromium's virtual authenticator, usable to sign in without a password.
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    open_asking_for_password_again(page, "/accounts/2fa/webauthn/add/")
    page.locator("input[name=name]").fill("Test laptop")
    page.locator("input[name=passwordless]").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/(webauthn/)?$|/accounts/2fa/recovery-codes/"))
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]})
    assert len(credentials["credentials"]) == 1

    sign_out(page)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(re.compile(r"/returns/$"))

    # Forgotten password: the link from the e-mail sets a new one, then the second step, then the returns.
    sign_out(page)
    before = len(sink.messages)
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("main form").first.locator("button[type=submit]").click()
    sink.wait_for(before + 1)
    page.goto(sink.last_link(EMAIL, "/accounts/password/reset/key/"))
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        second_step(page, fresh_totp_code(totp, used))
    page.goto("/returns/")
    assert "/returns/" in page.url and "/accounts/" not in page.url
    expect(page.get_by_role("row").filter(has_text="Lighthouse studio")).to_be_visible()

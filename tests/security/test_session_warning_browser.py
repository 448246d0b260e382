"""The idle-timeout warning in a real browser (Debian's Chromium via Playwright): it appears before the
timeout, "Stay signed in" keeps the session, without it the page goes to sign-in, and the Content Security
Policy blocks nothing (the script is a same-origin static file with the nonce). Skipped when Chromium is not
installed, like tests/e2e."""

import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connections

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def page(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.csp_problems = []
        page.on(
            "console",
            lambda msg: (
                page.csp_problems.append(msg.text)
                if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text)
                else None
            ),
        )
        page.on("pageerror", lambda exc: page.csp_problems.append(str(exc)))
        yield page
        context.close()
        browser.close()
        # Database work done while Playwright's loop runs uses its own connection (asgiref context): close it,
        # or PostgreSQL cannot drop the test database at the end of the run.
        connections.close_all()


def test_warning_then_stay_signed_in_then_signed_out(page, settings, make_user, password):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=12)
    settings.SESSION_IDLE_WARNING = timedelta(seconds=9)
    make_user("erin")
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "erin@example.com")
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/returns/$"))

    warning = page.locator("#session-timeout")
    assert warning.is_hidden()
    warning.wait_for(state="visible", timeout=12_000)
    assert "You will be signed out soon" in warning.inner_text()
    assert page.evaluate("document.activeElement.textContent").strip() == "Stay signed in"

    page.get_by_role("button", name="Stay signed in").click()
    warning.wait_for(state="hidden", timeout=5_000)
    status = page.evaluate("fetch('/accounts/session/status/').then(r => r.json())")
    assert status["signed_in"] is True and status["idle_remaining"] >= 9

    # No answer this time: the page goes to sign-in, and the server has ended the session.
    page.wait_for_url(re.compile(r"/accounts/login/\?next="), timeout=30_000)
    time.sleep(1)
    page.goto("/returns/")
    assert "/accounts/login/" in page.url
    assert page.csp_problems == []


def test_pages_work_without_javascript(live_server, settings, make_user, password):
    """No script at all: signing in and using the site works; the server still enforces the timeout."""
    from playwright.sync_api import sync_playwright

    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=3)
    make_user("erin")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=login]", "erin@example.com")
        page.fill("input[name=password]", password)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"/returns/$"))
        assert page.locator("#session-timeout").is_hidden()
        time.sleep(4)
        page.goto("/returns/")
        assert "/accounts/login/" in page.url
        assert "without activity" in page.content()
        context.close()
        browser.close()
        connections.close_all()

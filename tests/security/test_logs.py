"""Application logs and e-mail never contain amounts or names.

Sentinel values (amounts, a return name, a business description, a username and e-mail address) go through
sign-up, sign-in (right and wrong), the whole interview, invalid submissions, a conflict, every page of the
return (review, summary, PDF, export, history...), rename, duplicate, password reset and account deletion,
with every logger at DEBUG. Then every log record (message, arguments, exception text) and every e-mail is
scanned for the sentinels.
"""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from interview.models import TaxReturn
from tests.security.flows import create_return, post_step, renter_pages, step_url, walk
from tests.security.test_object_urls import ROUTES, page_form

GROSS = "8,642,975"  # amounts as typed; each also searched for without separators
RENT = "97,531.24"
UTILITIES = "4,321.09"
RETURN_NAME = "Quixotic Zephyr Manor"
NEW_NAME = "Obsidian Walrus Loft"
DESCRIPTION = "Xylophone Restoration Guild"
USERNAME = "vorpal_sentinel_user"
EMAIL = "vorpal.sentinel@example.com"
PASSWORD = "sentinel-passphrase-Q7v!x"

SENTINELS = [
    "8642975",
    "8,642,975",
    "97531",
    "97,531",
    "4321.09",
    "4,321.09",
    RETURN_NAME,
    NEW_NAME,
    DESCRIPTION,
    USERNAME,
    EMAIL,
    PASSWORD,
]


@pytest.fixture
def every_log_at_debug(caplog):
    """caplog at DEBUG on the root and on every logger that exists, including ones that do not propagate."""
    caplog.set_level(logging.DEBUG)
    extra_handlers = []
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger):
            continue
        caplog.set_level(logging.DEBUG, logger=name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            extra_handlers.append(logger)
    yield caplog
    for logger in extra_handlers:
        logger.removeHandler(caplog.handler)


def record_texts(records):
    for record in records:
        parts = [record.name, str(record.msg)]
        try:
            parts.append(record.getMessage())
        except Exception:  # a broken format string is still text to scan
            parts.append(repr(record.args))
        parts.append(repr(record.args))
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        if record.exc_text:
            parts.append(record.exc_text)
        if record.stack_info:
            parts.append(record.stack_info)
        yield " ".join(parts), record


def mail_texts(outbox):
    for message in outbox:
        bodies = [message.subject, message.body]
        bodies += [content for content, _ in getattr(message, "alternatives", [])]
        # The recipient's own address is on the envelope, of course; it must not be in the text.
        yield " ".join(str(b) for b in bodies), message


def assert_no_sentinels(caplog, outbox):
    leaks = []
    for text, record in record_texts(caplog.records):
        leaks += [f"log {record.name} {record.levelname}: {s!r}" for s in SENTINELS if s in text]
    for text, message in mail_texts(outbox):
        leaks += [f"e-mail {message.subject!r}: {s!r}" for s in SENTINELS if s in text]
    assert not leaks, "\n".join(leaks)


def pages_of(tax_return):
    """Every GET-able page of one return the URL configuration has (review, summary, PDF, export, ...)."""
    for route in ROUTES:
        if route.namespace == "interview" and set(route.converters) in ({"pk"}, {"return_id"}):
            yield reverse(route.url_name, kwargs={next(iter(route.converters)): tax_return.pk})


def test_logs_and_mail_never_contain_amounts_or_names(db, every_log_at_debug, mailoutbox):
    client = Client()
    # Sign up with the e-mail address, confirm it from the mail, sign out, a wrong password, sign in.
    response = client.post(
        reverse("account_signup"), {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    import re

    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mailoutbox[0].body).group(1)
    assert client.post(confirm).status_code == 302
    client.post(reverse("account_logout"))
    assert (
        client.post(reverse("account_login"), {"login": EMAIL, "password": "wrong-" + PASSWORD}).status_code
        == 200
    )
    assert client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD}).status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=EMAIL)
    user.username = USERNAME  # a username that is a sentinel too (accounts made before e-mail sign-in)
    user.save()

    # The interview with sentinel amounts and names.
    tax_return = create_return(client, name=RETURN_NAME)
    pages = renter_pages(gross=GROSS, rent=RENT, utilities=UTILITIES, description=DESCRIPTION)
    tax_return = walk(client, tax_return, pages)
    assert tax_return.answers["income"]["gross_income"].startswith("8642975")
    # Invalid input that carries the sentinels.
    bad = post_step(
        client, tax_return, "income", {"gross_income": GROSS + "e5", "expenses_not_from_home": "x" + RENT}
    )
    assert bad.status_code == 200
    # A conflict between two tabs.
    opened = tax_return.version
    post_step(
        client, tax_return, "expenses", {"rent": "1,000", "utilities": UTILITIES, "insurance": "180"}, opened
    )
    conflict = post_step(
        client, tax_return, "expenses", {"rent": "2,000", "utilities": UTILITIES, "insurance": "180"}, opened
    )
    assert conflict.status_code == 409
    url = step_url(tax_return, "expenses")
    client.post(url, page_form(conflict.content.decode(), url))
    # Every page of the return, including a 404 for a page of someone else's.
    for page in pages_of(tax_return):
        assert client.get(page).status_code < 500, page
    stranger = Client()
    from allauth.account.models import EmailAddress

    someone = get_user_model().objects.create_user("someone-else", password=PASSWORD)
    EmailAddress.objects.create(user=someone, email="someone@example.org", verified=True, primary=True)
    stranger.force_login(someone)
    for page in pages_of(tax_return):
        assert stranger.get(page).status_code in (404, 405), page
    # Rename and duplicate, where the URLs exist.
    names = {r.url_name for r in ROUTES}
    if "interview:rename" in names:
        client.post(reverse("interview:rename", kwargs={"pk": tax_return.pk}), {"name": NEW_NAME})
    if "interview:duplicate" in names:
        client.post(reverse("interview:duplicate", kwargs={"pk": tax_return.pk}))
    # Data export, password reset e-mail, account deletion.
    assert client.get(reverse("account_export")).status_code == 200
    client.post(reverse("account_reset_password"), {"email": EMAIL})
    assert len(mailoutbox) == 2  # the confirmation and the reset link
    assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 200
    # (Names are stored encrypted, so they cannot be searched for: the return itself must be gone.)
    assert not TaxReturn.objects.filter(pk=tax_return.pk).exists()

    assert len(every_log_at_debug.records) > 0  # the capture works (axes and django.request log here)
    assert_no_sentinels(every_log_at_debug, mailoutbox)


def test_the_scanner_finds_a_leak(caplog):
    """The scan itself works: a logged amount is caught."""
    caplog.set_level(logging.DEBUG)
    logging.getLogger("interview.anything").debug("saved gross income %s", "8642975")
    with pytest.raises(AssertionError, match="8642975"):
        assert_no_sentinels(caplog, [])


def _back_with(client, tax_return, step, data):
    from tests.security.flows import step_payload

    tax_return.refresh_from_db()
    payload = step_payload(tax_return, step, data, tax_return.version)
    payload["wizard_goto_step"] = "work"
    return client.post(step_url(tax_return, step), payload)


def test_a_database_error_is_logged_without_the_data_it_quotes(
    db, every_log_at_debug, make_user, monkeypatch
):
    """The 500 path: PostgreSQL quotes rejected data in its error text ("CONTEXT: JSON data, line 1: ...") and
    Django logs the exception with its chained cause. The log keeps the type and SQLSTATE, not the text."""
    from django.db import DataError

    from interview import services

    class FakePsycopgError(Exception):
        sqlstate = "22P05"

    def failing_save_draft(*args, **kwargs):
        try:
            raise FakePsycopgError(
                f'unsupported Unicode escape sequence\nCONTEXT: JSON data, line 1: {{"gross_income": "{GROSS}'
            )
        except FakePsycopgError as cause:
            raise DataError(f"CONTEXT: JSON data, line 1: {RETURN_NAME} {GROSS}") from cause

    user = make_user("dana")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    tax_return = create_return(client, name="Plain")
    monkeypatch.setattr(services, "save_draft", failing_save_draft)
    response = _back_with(client, tax_return, "income", {"gross_income": GROSS})
    assert response.status_code == 500
    logged = [r for r in every_log_at_debug.records if r.name == "django.request" and r.exc_info]
    assert logged, "the 500 is logged"
    text = logging.Formatter().formatException(logged[0].exc_info)
    assert "SQLSTATE 22P05" in text and "DataError" in text  # still says what failed
    assert_no_sentinels(every_log_at_debug, [])


def test_typed_text_the_database_would_reject_is_neither_a_server_error_nor_logged(
    db, every_log_at_debug, make_user
):
    """A NUL character typed into a page left with Back: PostgreSQL's jsonb rejects \\u0000 and quotes the
    whole JSON document in its error. It is dropped before saving instead."""
    user = make_user("dana")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    tax_return = create_return(client, name=RETURN_NAME)
    response = _back_with(
        client, tax_return, "income", {"gross_income": GROSS + "\x00", "expenses_not_from_home": RENT}
    )
    assert response.status_code == 302
    tax_return.refresh_from_db()
    assert "\x00" not in str(tax_return.drafts)
    assert_no_sentinels(every_log_at_debug, [])

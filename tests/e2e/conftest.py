"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live_server.

- Never `playwright install` (it downloads a browser and fails here): we launch /usr/bin/chromium.
- Where Chromium is missing every test here is SKIPPED with a reason saying how to install it; never passed.
- Playwright's sync API runs an event loop in the test thread, so Django's async-safety check must be told that
  synchronous database access from this thread is fine (DJANGO_ALLOW_ASYNC_UNSAFE), and the live server needs
  real transactions (django_db(transaction=True)).
"""

import os
from pathlib import Path

import pytest

# Set before any database access of the test run (also when `make test` collects this directory).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOT_INSTALLED = (
    f"BROWSER TESTS SKIPPED: chromium is not installed at {CHROMIUM}. Install Debian's package with "
    "`sudo apt-get install chromium` (or `make browser-deps`); never `playwright install`."
)
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Everything under tests/e2e is an e2e test (so `-m e2e` and `-m "not e2e"` select them)."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all of tests/e2e, stopped when the package is done: Playwright's sync API cannot
    start while another instance runs in the same thread, and other browser tests elsewhere start their own."""
    if not CHROMIUM.exists():
        pytest.skip(NOT_INSTALLED)
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture(autouse=True)
def _mail_to_smtp_sink(smtp_sink):
    """Every browser test's mail goes over SMTP to a local sink; Visitor.sign_up reads the link there."""
    from tests.e2e import browsing

    browsing.MAIL["sink"] = smtp_sink
    yield smtp_sink
    browsing.MAIL["sink"] = None


@pytest.fixture
def new_context(browser, live_server):
    """Make browser contexts (a fresh "browser profile": no cookies) for this test; all closed at the end."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def axe_seen():
    """Page types already scanned by axe in this run (each type is scanned once)."""
    return set()


@pytest.fixture
def saved_return(django_user_model):
    """Make a user's return with answers already saved (through the app's forms and services, no browser):
    for tests about pages, not about walking the interview."""
    from interview import services
    from interview.forms import FORMS

    def make(username, password, year, name, pages):
        from allauth.account.models import EmailAddress
        from django.db.models import Q

        email = f"{username}@example.com"  # signs in with it (tests/e2e/browsing.py email_of)
        user = django_user_model.objects.filter(Q(username=username) | Q(email=email)).first()
        if user is None:
            user = django_user_model.objects.create_user(username=username, password=password, email=email)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        tax_return = services.create_return(user, year, name)
        for step, data in pages:
            form = FORMS[step](
                data={f"{step}-{k}": v for k, v in data.items()},
                prefix=step,
                answers=tax_return.answers,
                tax_year=year,
            )
            assert form.is_valid(), (step, form.errors)
            tax_return = services.save_step(tax_return, user, step, form.to_storage(), tax_return.version)
        return tax_return

    return make

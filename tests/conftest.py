import pytest


@pytest.fixture
def password():
    return "correct-horse-battery-staple-42"


@pytest.fixture
def make_user(db, django_user_model, password):
    """An account as sign-up makes it (issue #15): with a verified e-mail address (<username>@example.com unless
    given). `verified_email=False` leaves the address unverified; `email=""` makes an account without one, as
    the username sign-up before issue #15 did."""

    def make(username="alex", verified_email=True, **extra):
        from allauth.account.models import EmailAddress

        extra.setdefault("email", f"{username}@example.com")
        user = django_user_model.objects.create_user(username=username, password=password, **extra)
        if user.email:
            EmailAddress.objects.create(
                user=user, email=user.email.lower(), primary=True, verified=verified_email
            )
        return user

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: request limits and cached PDFs never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _evidence_store(settings, tmp_path):
    """Issue #19: each test stores evidence files in its own directory, never under var/ (encrypted with the
    test settings' keys, homeoffice/crypto.py)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "evidence"), "base_url": None},
        },
    }
    yield


@pytest.fixture
def smtp_sink(settings):
    """The site's mail goes over SMTP (Django's SMTP backend, as in production) to a local aiosmtpd server on a
    free port; the test reads what arrived. Issue #15: e-mail is a real component."""
    from tests.support.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 10},
        }
    }
    yield sink
    sink.stop()

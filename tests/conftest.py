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

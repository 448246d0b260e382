import pytest
from django.urls import reverse

from interview.models import TaxReturn


@pytest.fixture
def sign_in(client, password):
    """Sign in through the real form (so axes, the session middleware and the signals all run)."""

    def do(user, the_client=None):
        c = the_client or client
        response = c.post(
            reverse("account_login"), {"login": user.email or user.get_username(), "password": password}
        )
        assert response.status_code == 302, response.content[:500]
        return c

    return do


@pytest.fixture
def make_return(db):
    def make(owner, **fields):
        fields.setdefault("tax_year", 2025)
        fields.setdefault("name", "Main home")
        return TaxReturn.objects.create(owner=owner, **fields)

    return make

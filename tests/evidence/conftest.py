import pytest
from django.urls import reverse

from interview.models import TaxReturn
from tests.evidence import files


@pytest.fixture
def password():
    return "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alex(make_user):
    return make_user("alex")


@pytest.fixture
def blake(make_user):
    return make_user("blake")


@pytest.fixture
def make_return(db):
    def make(owner, **fields):
        fields.setdefault("tax_year", 2025)
        fields.setdefault("name", "Main home")
        return TaxReturn.objects.create(owner=owner, **fields)

    return make


@pytest.fixture
def attach():
    from interview.evidence import services

    def do(tax_return, target="area", data=None, filename="plan.png", **extra):
        return services.attach_evidence(
            tax_return,
            tax_return.owner,
            target=target,
            data=files.png() if data is None else data,
            filename=filename,
            **extra,
        )

    return do


@pytest.fixture
def signed_in(client, alex):
    client.force_login(alex)
    return client


def evidence_url(tax_return) -> str:
    return reverse("interview:evidence", args=[tax_return.pk])


def save_pages(tax_return, pages):
    """Answers saved through the app's own forms and services (as the e2e saved_return fixture does)."""
    from interview import services
    from interview.forms import FORMS

    for step, data in pages:
        form = FORMS[step](
            data={f"{step}-{k}": v for k, v in data.items()},
            prefix=step,
            answers=tax_return.answers,
            tax_year=tax_return.tax_year,
        )
        assert form.is_valid(), (step, form.errors)
        tax_return = services.save_step(
            tax_return, tax_return.owner, step, form.to_storage(), tax_return.version
        )
    return tax_return

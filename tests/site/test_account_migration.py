"""Accounts made before issue #15 keep everything: on a database made by the earlier migrations, an account
with returns, answers and history is migrated; its data is all there, and it is asked for an e-mail address."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

# The newest migration of each app before issue #15 (allauth's apps did not exist).
BEFORE = [
    ("auth", "0012_alter_user_first_name_max_length"),
    ("interview", "0002_answer_history_and_drafts"),
    ("account", None),
    ("mfa", None),
    ("usersessions", None),
    ("homeoffice", None),
]
PASSWORD = "correct-horse-battery-staple-42"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_an_account_made_before_email_keeps_its_returns_and_is_asked_for_an_email(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old = migrate(BEFORE)
    from django.contrib.auth.hashers import make_password

    User = old.get_model("auth", "User")
    TaxReturn = old.get_model("interview", "TaxReturn")
    AnswerChange = old.get_model("interview", "AnswerChange")
    olduser = User.objects.create(username="olduser", password=make_password(PASSWORD), email="")
    withmail = User.objects.create(
        username="mailer", password=make_password(PASSWORD), email="Mailer@Example.com"
    )
    answers = {"income": {"gross_income": "30000.00"}, "work": {"role": "self_employed"}}
    tax_return = TaxReturn.objects.create(
        owner_id=olduser.pk,
        tax_year=2025,
        name="Studio",
        answers=answers,
        drafts={"expenses": {"rent": "12,3"}},
    )
    AnswerChange.objects.create(
        tax_return_id=tax_return.pk,
        user_id=olduser.pk,
        step="income",
        field="gross_income",
        old_value=None,
        new_value="30000.00",
        version=2,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from allauth.account.models import EmailAddress

    from interview.models import AnswerChange as NewChange
    from interview.models import TaxReturn as NewReturn

    kept = NewReturn.objects.get(pk=tax_return.pk)
    assert (kept.owner_id, kept.name, kept.answers, kept.drafts) == (
        olduser.pk,
        "Studio",
        answers,
        {"expenses": {"rent": "12,3"}},
    )
    change = NewChange.objects.get(tax_return_id=kept.pk)
    assert (change.field, change.old_value, change.new_value) == ("gross_income", None, "30000.00")
    # The account that had an address gets it, unverified (confirmed at its next sign-in).
    assert list(
        EmailAddress.objects.filter(user_id=withmail.pk).values_list("email", "verified", "primary")
    ) == [("mailer@example.com", False, True)]
    assert not EmailAddress.objects.filter(user_id=olduser.pk).exists()

    # The account without one signs in with its username, is asked for an address, and its return is there
    # once the address is verified.
    client = Client()
    assert (
        client.post(reverse("account_login"), {"login": "olduser", "password": PASSWORD}).status_code == 302
    )
    assert client.get(reverse("interview:dashboard")).url == reverse("account_email")
    EmailAddress.objects.create(user_id=olduser.pk, email="old@example.com", verified=True, primary=True)
    page = client.get(reverse("interview:dashboard"))
    assert page.status_code == 200 and b"Studio" in page.content

"""Encryption at rest (issue #15): the database and the cache hold ciphertext only; the app reads transparently;
key rotation re-encrypts every row so the old key can be removed; account deletion still removes everything."""

import pytest
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from homeoffice import crypto
from interview.models import AnswerChange, TaxReturn
from tests.security.flows import create_return, renter_pages, walk

GROSS = "8,642,975"
RENT = "97,531.24"
NAME = "Quixotic Zephyr Manor"
DESCRIPTION = "Xylophone Restoration Guild"
SENTINELS = ["8642975", "8,642,975", "97531", NAME, DESCRIPTION, "Translation"]


def raw_rows() -> str:
    """Everything stored for returns and their history, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, answers, drafts FROM interview_taxreturn")
        rows = cursor.fetchall()
        cursor.execute("SELECT old_value, new_value FROM interview_answerchange")
        rows += cursor.fetchall()
    return "\n".join(str(v) for row in rows for v in row)


@pytest.fixture
def filed(client, make_user, sign_in):
    user = make_user("erin")
    sign_in(user)
    tax_return = create_return(client, name=NAME)
    walk(client, tax_return, renter_pages(gross=GROSS, rent=RENT, description=DESCRIPTION))
    tax_return.refresh_from_db()
    return user, tax_return


def test_raw_rows_hold_no_amount_or_name_and_the_app_reads_them(client, filed):
    _user, tax_return = filed
    stored = raw_rows()
    assert AnswerChange.objects.filter(tax_return=tax_return).count() > 10  # history was written
    leaks = [s for s in SENTINELS if s in stored]
    assert not leaks, leaks
    assert stored.count("gAAAAA") >= 3  # Fernet tokens, not empty columns
    # The application reads the same values back.
    assert tax_return.name == NAME
    assert tax_return.answers["income"]["gross_income"].startswith("8642975")
    assert client.get(reverse("interview:summary", kwargs={"pk": tax_return.pk})).status_code == 200
    exported = client.get(reverse("interview:export_json", args=[tax_return.pk])).content.decode()
    assert NAME in exported and "8642975" in exported


def test_a_draft_is_stored_encrypted(filed):
    from interview import services

    user, tax_return = filed
    services.save_draft(tax_return, user, "income", {"gross_income": "777,555", "expenses_not_from_home": ""})
    assert "777" not in raw_rows()
    tax_return.refresh_from_db()
    # Drafts carry the version they were typed against (issue #14): {"version": n, "values": {...}}.
    assert tax_return.drafts["income"]["values"]["gross_income"] == "777,555"


def test_cached_pdfs_are_encrypted(client, filed):
    from interview import pdf

    _user, tax_return = filed
    response = client.get(reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk}))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    keys = cache.get(pdf._index_key(tax_return.pk))
    assert keys
    stored = cache.get(keys[-1])
    assert stored != body and b"%PDF" not in stored
    assert crypto.decrypt_bytes(stored) == body


def test_rotation_re_encrypts_every_row_and_the_old_key_can_then_go(filed, settings):
    _user, tax_return = filed
    old_key = settings.ENCRYPTION_KEYS[0]
    history = [(c.old_value, c.new_value) for c in AnswerChange.objects.filter(tax_return=tax_return)]
    before = raw_rows()
    new_key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = raw_rows()
    assert after != before
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, answers, drafts FROM interview_taxreturn")
        tokens = [v for row in cursor.fetchall() for v in row]
        cursor.execute("SELECT old_value, new_value FROM interview_answerchange WHERE new_value IS NOT NULL")
        tokens += [v for row in cursor.fetchall() for v in row if v is not None]
    assert tokens and all(crypto.is_current(t) for t in tokens)
    # The old key removed: everything still reads.
    settings.ENCRYPTION_KEYS = [new_key]
    again = TaxReturn.objects.get(pk=tax_return.pk)
    assert again.name == NAME and again.answers == tax_return.answers
    assert [(c.old_value, c.new_value) for c in AnswerChange.objects.filter(tax_return=tax_return)] == history
    # Without rotation the old key could not have been removed: a value under the old key no longer reads.
    settings.ENCRYPTION_KEYS = [old_key]
    with pytest.raises(crypto.DecryptionError):
        TaxReturn.objects.get(pk=tax_return.pk)


def test_account_deletion_still_removes_everything(client, filed, password):
    _user, _tax_return = filed
    response = client.post(reverse("account_delete"), {"password": password})
    assert response.status_code == 200
    assert not TaxReturn.objects.exists() and not AnswerChange.objects.exists()
    assert raw_rows() == ""


def test_primitives_round_trip_and_refuse_a_foreign_token(settings):
    assert crypto.decrypt_bytes(crypto.encrypt_bytes(b"\x00evidence")) == b"\x00evidence"
    foreign = Fernet(Fernet.generate_key()).encrypt(b"x")
    with pytest.raises(crypto.DecryptionError) as caught:
        crypto.decrypt_bytes(foreign)
    assert "x" not in str(caught.value).replace("configured", "").replace("decrypted", "")


def test_a_bad_key_is_refused_with_a_clear_message():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="not a Fernet key"):
        crypto.parse_keys("not-a-key")

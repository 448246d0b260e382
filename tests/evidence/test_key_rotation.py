"""manage.py evidence_rotate_keys: files written under an earlier key are written again under the current one,
so the old key can then be removed (homeoffice/crypto.py: DJANGO_ENCRYPTION_KEYS, newest first)."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.core.management import call_command

from homeoffice.crypto import DecryptionError
from interview.evidence.models import Evidence
from interview.evidence.storage import EvidenceUnreadable, evidence_storage
from tests.evidence import files

pytestmark = pytest.mark.django_db(transaction=True)

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
# The test settings' key stays last throughout: the returns and users made by fixtures are encrypted with it.
SITE = list(django_settings.ENCRYPTION_KEYS)


def rotate() -> str:
    out = io.StringIO()
    call_command("evidence_rotate_keys", stdout=out)
    return out.getvalue()


def test_old_key_files_are_rewritten_and_the_old_key_can_go(alex, make_return, attach, settings):
    tax_return = make_return(alex)
    store = evidence_storage()
    settings.ENCRYPTION_KEYS = [OLD, *SITE]
    old = attach(tax_return, data=files.pdf(), filename="old.pdf")
    settings.ENCRYPTION_KEYS = [NEW, OLD, *SITE]  # a new key put in front
    new = attach(tax_return, data=files.png(), filename="new.png")
    assert not store.is_current(store.read_raw(old.stored_name))

    assert "1 evidence files re-encrypted, 1 already under the current key." in rotate()
    rotated = Evidence.objects.get(pk=old.pk)
    assert rotated.stored_name != old.stored_name
    assert not store.exists(old.stored_name)
    assert Evidence.objects.get(pk=new.pk).stored_name == new.stored_name

    assert "0 evidence files re-encrypted, 2 already under the current key." in rotate()

    # The old key removed (after rotate_encryption_keys has done the rows too: the test below): every file reads.
    settings.ENCRYPTION_KEYS = [NEW, *SITE]
    assert store.read(rotated.stored_name) == files.pdf()
    assert store.read(new.stored_name).startswith(b"\x89PNG")


def test_without_rotation_removing_the_old_key_makes_files_unreadable(alex, make_return, attach, settings):
    """The control for the test above: rotation is what keeps the files readable."""
    settings.ENCRYPTION_KEYS = [OLD, *SITE]
    item = attach(make_return(alex))
    settings.ENCRYPTION_KEYS = [NEW, *SITE]
    with pytest.raises(EvidenceUnreadable) as raised:
        evidence_storage().read(item.stored_name)
    assert isinstance(raised.value.__cause__, DecryptionError)


def test_the_site_wide_rotation_command_rotates_the_files_too(alex, make_return, attach, settings):
    settings.ENCRYPTION_KEYS = [OLD, *SITE]
    item = attach(make_return(alex), data=files.pdf(), filename="old.pdf", note="closing statement")
    settings.ENCRYPTION_KEYS = [NEW, OLD, *SITE]
    out = io.StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "1 evidence files re-encrypted" in out.getvalue()
    settings.ENCRYPTION_KEYS = [NEW, *SITE]
    rotated = Evidence.objects.get(pk=item.pk)  # the note, encrypted in its row, reads under the new key too
    assert rotated.note == "closing statement"
    assert evidence_storage().read(rotated.stored_name) == files.pdf()


def test_rotation_skips_a_file_it_cannot_read_and_rotates_the_rest(alex, make_return, attach, settings):
    tax_return = make_return(alex)
    settings.ENCRYPTION_KEYS = [OLD, *SITE]
    lost = attach(tax_return, data=files.pdf(), filename="lost.pdf")
    kept = attach(tax_return, data=files.png(), filename="kept.png")
    evidence_storage().delete(lost.stored_name)
    settings.ENCRYPTION_KEYS = [NEW, OLD, *SITE]
    out = rotate()
    assert "1 evidence files re-encrypted, 0 already under the current key. 1 could not be read" in out
    rotated = Evidence.objects.get(pk=kept.pk).stored_name  # its row is still under OLD: read it first
    settings.ENCRYPTION_KEYS = [NEW, *SITE]
    assert evidence_storage().read(rotated).startswith(b"\x89PNG")

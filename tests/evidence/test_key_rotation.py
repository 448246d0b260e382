"""manage.py evidence_rotate_keys: files written under an earlier key are written again under the current one."""

import io

import pytest
from django.core.management import call_command

from interview.evidence import storage
from interview.evidence.models import Evidence
from interview.evidence.storage import evidence_storage
from tests import evidence_cipher
from tests.evidence import files

pytestmark = pytest.mark.django_db(transaction=True)


def test_old_key_files_are_rewritten_and_the_old_objects_removed(alex, make_return, attach, monkeypatch):
    tax_return = make_return(alex)
    monkeypatch.setattr(storage, "_encrypt", evidence_cipher.encrypt_with_old_key)
    old = attach(tax_return, data=files.pdf(), filename="old.pdf")
    monkeypatch.setattr(storage, "_encrypt", evidence_cipher.encrypt)
    new = attach(tax_return, data=files.png(), filename="new.png")
    store = evidence_storage()
    assert not store.is_current(store.read_raw(old.stored_name))

    out = io.StringIO()
    call_command("evidence_rotate_keys", stdout=out)
    assert "1 evidence files re-encrypted, 1 already under the current key." in out.getvalue()

    rotated = Evidence.objects.get(pk=old.pk)
    assert rotated.stored_name != old.stored_name
    assert store.is_current(store.read_raw(rotated.stored_name))
    assert store.read(rotated.stored_name) == files.pdf()
    assert not store.exists(old.stored_name)
    assert Evidence.objects.get(pk=new.pk).stored_name == new.stored_name

    out = io.StringIO()
    call_command("evidence_rotate_keys", stdout=out)
    assert "0 evidence files re-encrypted, 2 already under the current key." in out.getvalue()

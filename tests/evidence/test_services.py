"""Attaching and deleting evidence: owner checks, all-or-nothing storage, deletion of the stored objects."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from interview.evidence import services, storage
from interview.evidence.models import Evidence
from interview.evidence.storage import evidence_storage
from tests.evidence import files

pytestmark = pytest.mark.django_db(transaction=True)


def objects_on_disk(settings) -> set[str]:
    from pathlib import Path

    root = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    return (
        {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    )


def test_attach_stores_the_file_under_a_random_name_with_its_target_note_and_date(
    alex, make_return, attach, settings
):
    import datetime

    tax_return = make_return(alex)
    item = attach(
        tax_return,
        target="utilities",
        data=files.pdf(),
        filename="../../etc/passwd/Electric bill March.pdf",
        note="March electricity",
        document_date=datetime.date(2025, 3, 31),
    )
    assert item.target == "utilities"
    assert item.note == "March electricity"
    assert item.document_date == datetime.date(2025, 3, 31)
    assert item.original_name == "Electric bill March.pdf"
    assert "Electric" not in item.stored_name and "passwd" not in item.stored_name
    assert objects_on_disk(settings) == {item.stored_name}
    assert evidence_storage().read(item.stored_name) == files.pdf()


def test_two_uploads_of_the_same_name_never_share_an_object(alex, make_return, attach):
    tax_return = make_return(alex)
    a = attach(tax_return, filename="scan.png")
    b = attach(tax_return, filename="scan.png")
    assert a.stored_name != b.stored_name


def test_stored_bytes_are_ciphertext(alex, make_return, attach, settings):
    from cryptography.fernet import Fernet

    plain = files.pdf()
    item = attach(make_return(alex), data=plain, filename="closing.pdf", target="home_basis")
    raw = evidence_storage().read_raw(item.stored_name)
    assert raw != plain
    assert b"%PDF" not in raw and b"closing" not in raw
    # A Fernet token under the site's current key (homeoffice/crypto.py), checked with cryptography directly.
    assert Fernet(settings.ENCRYPTION_KEYS[0]).decrypt(raw) == plain
    assert evidence_storage().read(item.stored_name) == plain


def test_without_an_encryption_key_nothing_is_stored(alex, make_return, attach, settings):
    """The seam refuses rather than storing plaintext when no key is configured."""
    tax_return = make_return(alex)
    settings.ENCRYPTION_KEYS = []
    with pytest.raises(storage.EncryptionUnavailable):
        attach(tax_return)
    assert Evidence.objects.count() == 0
    assert objects_on_disk(settings) == set()


def test_only_the_owner_can_attach_or_delete(alex, blake, make_return, attach):
    tax_return = make_return(alex)
    with pytest.raises(PermissionDenied):
        services.attach_evidence(tax_return, blake, target="area", data=files.png(), filename="x.png")
    item = attach(tax_return)
    with pytest.raises(PermissionDenied):
        services.delete_evidence(item, blake)
    assert Evidence.objects.filter(pk=item.pk).exists()


def test_unknown_target_is_refused(alex, make_return, attach):
    with pytest.raises(ValidationError):
        attach(make_return(alex), target="lottery_ticket")


def test_storage_failing_halfway_leaves_no_row(alex, make_return, attach, monkeypatch, settings):
    backend = evidence_storage().backend

    def broken_save(name, content, max_length=None):
        raise OSError("disk full halfway through")

    monkeypatch.setattr(type(backend), "save", lambda self, *a, **k: broken_save(*a, **k))
    with pytest.raises(OSError):
        attach(make_return(alex))
    assert Evidence.objects.count() == 0
    assert objects_on_disk(settings) == set()


def test_database_failing_after_the_store_leaves_no_object(alex, make_return, attach, monkeypatch, settings):
    def broken_create(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(Evidence.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        attach(make_return(alex))
    assert Evidence.objects.count() == 0
    assert objects_on_disk(settings) == set()


def test_deleting_a_file_deletes_row_and_stored_object(alex, make_return, attach, settings):
    item = attach(make_return(alex))
    assert objects_on_disk(settings) == {item.stored_name}
    services.delete_evidence(item, alex)
    assert not Evidence.objects.filter(pk=item.pk).exists()
    assert objects_on_disk(settings) == set()


def test_deleting_the_return_deletes_its_files(alex, make_return, attach, settings):
    from interview import services as return_services

    tax_return, kept_return = make_return(alex), make_return(alex, name="Kept")
    attach(tax_return, filename="a.png")
    attach(tax_return, target="exclusive_use", data=files.jpeg(), filename="b.jpg")
    kept = attach(kept_return)
    return_services.delete_return(tax_return, alex)
    assert list(Evidence.objects.all()) == [kept]
    assert objects_on_disk(settings) == {kept.stored_name}


def test_a_rolled_back_deletion_keeps_the_object(alex, make_return, attach, settings):
    item = attach(make_return(alex))
    pk = item.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        services.delete_evidence(item, alex)
        raise RuntimeError("something later failed")
    assert Evidence.objects.filter(pk=pk).exists()
    assert objects_on_disk(settings) == {item.stored_name}


def test_deleting_the_account_deletes_every_file(alex, blake, make_return, attach, settings):
    from homeoffice.account_views import delete_account_data

    attach(make_return(alex))
    attach(make_return(alex, name="Second"), target="exclusive_use", data=files.jpeg(), filename="p.jpg")
    theirs = attach(make_return(blake))
    delete_account_data(alex)
    assert list(Evidence.objects.all()) == [theirs]
    assert objects_on_disk(settings) == {theirs.stored_name}

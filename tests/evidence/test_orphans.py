"""manage.py evidence_orphans: an object left by a process killed between storing and the row is found."""

import io
import os
import time

import pytest
from django.core.management import call_command

from interview.evidence.storage import evidence_storage

pytestmark = pytest.mark.django_db


def age(name, seconds):
    """Make a stored file look older (filesystem store)."""
    path = evidence_storage().backend.path(name)
    then = time.time() - seconds
    os.utime(path, (then, then))


def run(*args) -> str:
    out = io.StringIO()
    call_command("evidence_orphans", *args, stdout=out)
    return out.getvalue()


def test_old_objects_without_rows_are_listed_then_deleted(alex, make_return, attach):
    kept = attach(make_return(alex))
    store = evidence_storage()
    orphan = store.save(b"left behind by a killed process")
    fresh = store.save(b"an upload still in progress")
    age(orphan, 2 * 3600)
    age(kept.stored_name, 2 * 3600)

    listed = run()
    assert f"orphan {orphan}" in listed
    assert fresh not in listed and kept.stored_name not in listed
    assert "3 stored objects, 1 orphans." in listed
    assert store.exists(orphan)

    run("--delete")
    assert not store.exists(orphan)
    assert store.exists(fresh) and store.exists(kept.stored_name)


def test_an_empty_store_is_fine():
    assert "0 stored objects, 0 orphans." in run()

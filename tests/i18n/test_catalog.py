"""The build fails when a string is untranslated or the Spanish catalog is stale (issue #18, decision 0110)."""

from __future__ import annotations

import gettext
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.i18n.catalog import MO, PO, read_po

# What makemessages reads (the same set as the documented command, which ignores .venv, var, tests, benchmarks).
SOURCES = ("homeoffice", "interview", "templates")

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("xgettext") is None,
    reason="GNU gettext (Debian package 'gettext', `make system-deps`) is needed to rebuild the catalog",
)


def test_every_message_has_a_spanish_translation_that_is_not_fuzzy():
    entries = [e for e in read_po(PO) if not e.obsolete]
    assert len(entries) > 200  # the catalog is really there (222 messages when this test was written)
    untranslated = [e.msgid for e in entries if not e.msgstr.strip()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy (check and clear the flag), e.g. {fuzzy[:5]}"


def test_no_translation_is_a_copy_of_the_english():
    """English left in msgstr would pass the check above while showing English: only names may be equal."""
    same = [e.msgid for e in read_po(PO) if e.msgstr == e.msgid and e.msgid not in {"Error:"}]
    assert same == []


def test_placeholders_survive_translation():
    for e in read_po(PO):
        for mark, end in (("{", "}"), ("%(", ")")):
            names = sorted(part.split(end)[0] for part in e.msgid.split(mark)[1:])
            got = sorted(part.split(end)[0] for part in e.msgstr.split(mark)[1:])
            assert names == got, (e.msgid, e.msgstr)


@needs_gettext
def test_the_committed_catalog_has_exactly_the_messages_the_code_has(tmp_path, monkeypatch, settings):
    """A fresh makemessages over the code (templates, Python, the engine's Text) gives the committed msgids:
    a new string not in the catalog, or a catalog entry for a string that is gone, fails the build."""
    # makemessages writes next to the code it reads: read the code through links from an empty project.
    root = PO.parents[3]
    for name in SOURCES:
        (tmp_path / name).symlink_to(root / name)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages", locale=["es"], no_location=True, no_wrap=True, symlinks=True, verbosity=0
        )
    fresh = {e.msgid for e in read_po(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po")}
    committed = {e.msgid for e in read_po(PO) if not e.obsolete}
    assert sorted(fresh - committed) == [], "new strings: run makemessages and translate them"
    assert sorted(committed - fresh) == [], "strings no longer in the code: run makemessages"


@needs_gettext
def test_the_committed_mo_is_the_compiled_po(tmp_path):
    """The site reads the committed .mo (no gettext needed to run it); it must say what the .po says."""
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as a, MO.open("rb") as b:
        assert gettext.GNUTranslations(b)._catalog == gettext.GNUTranslations(a)._catalog

"""The evidence store: Django's storage API (the "evidence" alias of settings.STORAGES: the local filesystem
under var/evidence by default, S3-compatible object storage when configured), encrypted before storing.

Names are random (new_name), never derived from an upload, so a filename can never become a path. The rest of
the app reads and writes evidence bytes only through EncryptedStorage; its two cipher calls below are the
only place that knows how bytes are encrypted.
"""

from __future__ import annotations

import logging
import secrets

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from homeoffice import crypto

log = logging.getLogger(__name__)
ALIAS = "evidence"
PREFIX = "evidence/"


class EncryptionUnavailable(RuntimeError):
    """No encryption key is configured: files are refused rather than stored as plaintext."""


class EvidenceUnreadable(RuntimeError):
    """A stored file can no longer be read: its object is gone from the store, or it was encrypted under a key
    that has since been removed. The person is told and can upload it again; it is never a server error."""


# --- THE ENCRYPTION SEAM ------------------------------------------------------------------------------
# The keys are issue #15's (homeoffice/crypto.py: MultiFernet, DJANGO_ENCRYPTION_KEYS, newest first). Without a
# key nothing is stored: never plaintext.
def _encrypt(plaintext: bytes) -> bytes:
    try:
        return crypto.encrypt_bytes(plaintext)
    except ImproperlyConfigured as exc:
        raise EncryptionUnavailable(str(exc)) from exc


def _decrypt(ciphertext: bytes) -> bytes:
    return crypto.decrypt_bytes(ciphertext)


def _is_current(ciphertext: bytes) -> bool:
    """Whether the bytes are encrypted under the current (first) key; False means key rotation rewrites them."""
    return crypto.is_current(ciphertext)


# --- end of the seam -----------------------------------------------------------------------------------


def new_name() -> str:
    """128 random bits: unguessable and never the person's filename."""
    return f"{PREFIX}{secrets.token_hex(16)}.bin"


class EncryptedStorage:
    """Encrypt on the way in, decrypt on the way out, over whatever backend STORAGES["evidence"] names."""

    def __init__(self, backend=None):
        self.backend = backend if backend is not None else storages[ALIAS]

    def save(self, plaintext: bytes) -> str:
        """Store the bytes encrypted under a new random name; returns the name."""
        ciphertext = _encrypt(plaintext)
        name = new_name()
        saved = self.backend.save(name, ContentFile(ciphertext))
        if saved != name:  # the backend renamed it (a clash that 128 random bits make impossible)
            self.backend.delete(saved)
            raise RuntimeError("evidence storage renamed a new object")
        return saved

    def read(self, name: str) -> bytes:
        try:
            return _decrypt(self.read_raw(name))
        except (OSError, crypto.DecryptionError) as exc:
            # OSError covers a missing object on every backend Django ships and on django-storages' S3
            # (FileNotFoundError); the cause is logged for the operator, never shown (names are internal).
            log.warning("evidence object %s could not be read: %s", name, type(exc).__name__)
            raise EvidenceUnreadable(name) from exc

    @staticmethod
    def decrypt(ciphertext: bytes) -> bytes:
        return _decrypt(ciphertext)

    @staticmethod
    def is_current(ciphertext: bytes) -> bool:
        return _is_current(ciphertext)

    def read_raw(self, name: str) -> bytes:
        """The stored (encrypted) bytes, for tests and backups."""
        with self.backend.open(name, "rb") as f:
            return f.read()

    def exists(self, name: str) -> bool:
        return self.backend.exists(name)

    def delete(self, name: str) -> None:
        self.backend.delete(name)


def evidence_storage() -> EncryptedStorage:
    return EncryptedStorage()


def delete_quietly(name: str) -> None:
    """Delete one stored object; a failure is logged for the operator (the row is gone either way)."""
    try:
        evidence_storage().delete(name)
    except Exception:
        log.exception("evidence object %s could not be deleted", name)

"""Encryption at rest (issue #15): one small module for every encrypted value the application stores.

- Keys: ``settings.ENCRYPTION_KEYS``, a list of Fernet keys (from ``DJANGO_ENCRYPTION_KEYS``, comma-separated,
  newest first). The first key encrypts; every key decrypts (``cryptography``'s MultiFernet), so a new key can
  be put in front, ``manage.py rotate_encryption_keys`` re-encrypts every row with it, and then the old key can
  be removed.
- Primitives: ``encrypt_bytes`` / ``decrypt_bytes`` (also for files: issue #19's uploaded evidence), and the
  text and JSON variants on top.
- Model fields: ``EncryptedTextField`` and ``EncryptedJSONField`` store the Fernet token (authenticated AES-128-CBC
  + HMAC-SHA256, base64 text) in a text column; the application reads and writes plain values.

Fernet tokens are not deterministic, so encrypted columns cannot be searched or ordered in the database: the
application never does (every read is by owner and id).
"""

from __future__ import annotations

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

__all__ = [
    "DecryptionError",
    "EncryptedJSONField",
    "EncryptedTextField",
    "decrypt_bytes",
    "decrypt_str",
    "encrypt_bytes",
    "encrypt_str",
    "is_current",
    "parse_keys",
    "reencrypt_token",
]


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key (a key was removed too early, or the value
    was not written by this application). The message never contains the value."""


def parse_keys(raw) -> list[bytes]:
    """Keys as bytes, validated: each must be a Fernet key (32 url-safe base64 bytes)."""
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    keys = []
    for position, item in enumerate(items, start=1):
        key = item.strip().encode() if isinstance(item, str) else bytes(item).strip()
        if not key:
            continue
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"encryption key #{position} is not a Fernet key (generate one with: python -c "
                "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
            ) from exc
        keys.append(key)
    return keys


@lru_cache(maxsize=4)
def _multifernet(keys: tuple[bytes, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("No encryption key: set DJANGO_ENCRYPTION_KEYS (see .env.example).")
    return MultiFernet([Fernet(k) for k in keys])


def _fernet() -> MultiFernet:
    return _multifernet(tuple(parse_keys(settings.ENCRYPTION_KEYS)))


@receiver(setting_changed)
def _keys_changed(setting, **kwargs):
    if setting == "ENCRYPTION_KEYS":
        _multifernet.cache_clear()


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(token)
    except InvalidToken:
        raise DecryptionError("a stored value could not be decrypted with the configured keys") from None


def encrypt_str(text: str) -> str:
    return encrypt_bytes(text.encode("utf-8")).decode("ascii")


def decrypt_str(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")


def is_current(token: str | bytes) -> bool:
    """Whether the token was made with the first (current) key."""
    raw = token.encode("ascii") if isinstance(token, str) else token
    try:
        Fernet(parse_keys(settings.ENCRYPTION_KEYS)[0]).decrypt(raw)
    except InvalidToken:
        return False
    return True


def reencrypt_token(token: str) -> str:
    """The same plaintext under the current key (MultiFernet.rotate): what key rotation does to each value."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise DecryptionError("a stored value could not be decrypted with the configured keys") from None


class EncryptedTextField(models.TextField):
    """A string stored encrypted (a text column holding the Fernet token). ``max_length`` still limits what
    forms accept; the column itself is unbounded because the token is longer than the text."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt_str(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt_str(str(value))


class EncryptedJSONField(models.TextField):
    """A JSON value stored encrypted. ``None`` is stored as NULL (so ``null=True`` keeps its meaning)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(decrypt_str(value))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt_str(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.JSONField, **kwargs})

"""TEST-ONLY stand-in for issue #15's encryption at rest, used until that module is merged: a keyed XOR
with a marker, enough to prove that the storage seam transforms bytes both ways. Never used by the app."""

import hashlib

MARKER = b"TEST-CIPHER:"
OLD_MARKER = b"OLD-TEST-CIPHER:"  # "an earlier key", for the key-rotation test
_KEY = hashlib.sha256(b"tests only").digest()


def _xor(data: bytes) -> bytes:
    return bytes(b ^ _KEY[i % len(_KEY)] for i, b in enumerate(data))


def encrypt(data: bytes) -> bytes:
    return MARKER + _xor(data)


def decrypt(data: bytes) -> bytes:
    for marker in (MARKER, OLD_MARKER):
        if data.startswith(marker):
            return _xor(data[len(marker) :])
    raise AssertionError("not written by the test cipher")


def is_current(data: bytes) -> bool:
    return data.startswith(MARKER)


def encrypt_with_old_key(data: bytes) -> bytes:
    return OLD_MARKER + _xor(data)


def install_test_cipher(monkeypatch) -> None:
    from interview.evidence import storage

    monkeypatch.setattr(storage, "_encrypt", encrypt)
    monkeypatch.setattr(storage, "_decrypt", decrypt)
    monkeypatch.setattr(storage, "_is_current", is_current)

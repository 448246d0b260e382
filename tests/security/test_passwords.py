"""Passwords: at least 12 characters, not a common password, Django's default (slow, salted) hashers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "x7Qm2Lp9Vt4Rb8Nc1Zw6Yh3Jd5Gf0Ss" + "q" * 10


@pytest.mark.parametrize("debug", ["1", "0"])
def test_site_uses_djangos_default_hashers(debug):
    """Nothing in settings overrides PASSWORD_HASHERS: PBKDF2 (Django's default) hashes new passwords."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(DJANGO_DEBUG=debug, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="example.com")
    # Production refuses to start without an encryption key for stored answers (issue #15).
    clean["DJANGO_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='homeoffice.settings'; django.setup();"
        "from django.conf import settings, global_settings as g;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.is_overridden('PASSWORD_HASHERS'), settings.PASSWORD_HASHERS == g.PASSWORD_HASHERS,"
        " make_password('a-long-enough-passphrase').split('$')[0])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True", "pbkdf2_sha256"]


@pytest.mark.parametrize(
    ("candidate", "message"),
    [
        ("Sh0rt-pass!", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(candidate, message):
    with pytest.raises(ValidationError) as info:
        validate_password(candidate)
    assert any(message in m for m in info.value.messages)


def test_a_long_uncommon_passphrase_is_accepted():
    validate_password("tangerine-ladder-orbit-47")


def test_password_change_and_reset_use_the_same_rules(client, make_user, sign_in, password):
    sign_in(make_user("erin"))
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": password, "password1": "password1234", "password2": "password1234"},
    )
    assert response.status_code == 200
    assert b"too common" in response.content

"""Settings come from the environment; production mode refuses to start with unsafe values."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "x7Qm2Lp9Vt4Rb8Nc1Zw6Yh3Jd5Gf0Ss" + "q" * 10


def load_settings(**env):
    """Import the settings in a fresh interpreter with exactly these DJANGO_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    code = "import homeoffice.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    proc = load_settings(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.com")
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in proc.stderr


def test_production_mode_refuses_a_weak_secret_key():
    proc = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="example.com")
    assert proc.returncode != 0
    assert "too weak" in proc.stderr


def test_production_mode_refuses_to_start_without_an_encryption_key():
    proc = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="example.com")
    assert proc.returncode != 0
    assert "DJANGO_ENCRYPTION_KEYS is required" in proc.stderr


def test_production_mode_refuses_the_development_encryption_key():
    from homeoffice.settings import _DEV_ENCRYPTION_KEY

    proc = load_settings(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_ENCRYPTION_KEYS=_DEV_ENCRYPTION_KEY,
    )
    assert proc.returncode != 0
    assert "development key" in proc.stderr


def test_production_mode_requires_allowed_hosts():
    proc = load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY)
    assert proc.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required" in proc.stderr


def test_local_defaults_are_debug_and_sqlite():
    proc = load_settings()
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "django.db.backends.sqlite3"]


def test_database_url_selects_postgresql():
    proc = load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[1] == "django.db.backends.postgresql"


def test_a_malformed_debug_flag_is_an_error_not_a_guess():
    proc = load_settings(DJANGO_DEBUG="maybe")
    assert proc.returncode != 0
    assert "DJANGO_DEBUG must be" in proc.stderr


def variables_read_by_the_code() -> set[str]:
    """Every environment variable the site and its server config read, found in the sources."""
    pattern = re.compile(r"""(?:environ\.get|getenv|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
    sources = [*(ROOT / "homeoffice").glob("*.py"), ROOT / "gunicorn.conf.py"]
    found = {m for path in sources for m in pattern.findall(path.read_text())}
    return found - {"DJANGO_SETTINGS_MODULE"}


def test_the_variable_finder_sees_the_settings():
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"} <= (
        variables_read_by_the_code()
    )


@pytest.mark.parametrize("name", sorted(variables_read_by_the_code()))
def test_env_example_and_the_readme_list_every_variable(name):
    assert f"\n{name}=" in (ROOT / ".env.example").read_text()
    assert f"`{name}`" in (ROOT / "README.md").read_text()


def test_deploy_check_is_clean_with_production_variables():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="homeoffice.example.com",
        DJANGO_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues" in proc.stdout


def test_production_e_mail_goes_to_the_configured_smtp_server():
    """With MAILERS, Django's SMTP backend refuses to exist without a host: a password reset would be a 500."""
    code = (
        "import django; django.setup(); from django.core import mail; m = mail.mailers['default'];"
        "print(type(m).__name__, m.host, m.port, m.username, m.use_tls)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="homeoffice.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DJANGO_EMAIL_HOST="smtp.example.com",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_HOST_USER="mailer",
        DJANGO_EMAIL_USE_TLS="1",
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["EmailBackend", "smtp.example.com", "587", "mailer", "True"]

"""Security headers: CSP without inline script, frame and referrer policies, no-store for signed-in pages and
PDFs, HSTS and secure cookies in production."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from homeoffice.middleware import SessionSecurityMiddleware

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "x7Qm2Lp9Vt4Rb8Nc1Zw6Yh3Jd5Gf0Ss" + "q" * 10


def test_csp_is_on_and_forbids_inline_script(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    # The nonce appears only on pages that load a script (Django adds it when the template used it).
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=_-]+')?", directives["script-src"])
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"


def test_frame_referrer_and_sniffing_headers(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_may_be_cached_but_signed_in_pages_may_not(client, make_user, sign_in):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    sign_in(make_user("erin"))
    for url in ("/", "/returns/", "/accounts/data/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_pdf_responses_are_never_stored_even_without_a_session():
    def pdf_view(request):
        return HttpResponse(b"%PDF-1.7", content_type="application/pdf")

    request = RequestFactory().get("/returns/1/worksheet.pdf")
    request.user = AnonymousUser()
    request.session = {}
    response = SessionSecurityMiddleware(pdf_view)(request)
    assert "no-store" in response["Cache-Control"]


TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]


# Rendered by WeasyPrint into the worksheet PDF, never served to a browser (no CSP applies there).
NOT_SERVED = ("pdf/",)


def all_templates():
    return sorted(
        p
        for d in TEMPLATE_DIRS
        if d.is_dir()
        for p in d.rglob("*.html")
        if not p.relative_to(d).as_posix().startswith(NOT_SERVED)
    )


def test_templates_have_no_inline_script_handlers_or_styles():
    """Every template, present and future: scripts come from static files with the nonce; no on*= handlers,
    no javascript: URLs, no style attributes or blocks (the CSP would block them anyway)."""
    problems = []
    for path in all_templates():
        html = path.read_text()
        # A JSON data block (type="application/json", e.g. allauth's passkey settings) is never executed.
        data_block = r"<script\b(?=[^>]*type=\"application/json\")[^>]*>"
        for tag in re.findall(r"<script\b[^>]*>", html, flags=re.I):
            if re.fullmatch(data_block, tag, flags=re.I):
                continue
            if "src=" not in tag or "nonce=" not in tag:
                problems.append(f"{path}: {tag}")
        code = re.sub(data_block + r".*?</script>", "", html, flags=re.I | re.S)
        if re.search(r"<script\b[^>]*>\s*[^<\s]", code, flags=re.I):
            problems.append(f"{path}: inline script body")
        if re.search(r"\son[a-z]+\s*=", html, flags=re.I):
            problems.append(f"{path}: inline event handler")
        if re.search(r"javascript:", html, flags=re.I):
            problems.append(f"{path}: javascript: URL")
        if re.search(r"<style\b|\sstyle\s*=", html, flags=re.I):
            problems.append(f"{path}: inline style")
    assert not problems, "\n".join(problems)


def production_settings(code, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="example.com",
        DJANGO_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **env,
    )
    proc = subprocess.run(
        [sys.executable, "-c", "import homeoffice.settings as s; " + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_production_turns_on_hsts_and_secure_cookies():
    out = production_settings(
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY)"
    )
    assert int(out[0]) >= 31536000
    assert out[1:] == ["True", "True", "True", "True", "DENY", "same-origin"]


def test_hsts_preload_is_opt_in_and_only_its_reminder_is_silenced():
    assert production_settings("print(s.SECURE_HSTS_PRELOAD, s.SILENCED_SYSTEM_CHECKS)") == [
        "False",
        "['security.W021']",
    ]
    assert production_settings(
        "print(s.SECURE_HSTS_PRELOAD, getattr(s, 'SILENCED_SYSTEM_CHECKS', []))", DJANGO_HSTS_PRELOAD="1"
    ) == ["True", "[]"]


@pytest.mark.parametrize("count", ["-1", "two"])
def test_bad_proxy_count_is_refused(count):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean["DJANGO_TRUSTED_PROXY_COUNT"] = count
    proc = subprocess.run(
        [sys.executable, "-c", "import homeoffice.settings"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0


@pytest.mark.parametrize("name", ["DJANGO_TRUSTED_PROXY_COUNT", "REDIS_URL"])
def test_security_variables_are_documented(name):
    assert f"\n{name}=" in (ROOT / ".env.example").read_text()
    assert f"| `{name}` |" in (ROOT / "README.md").read_text()


def test_security_md_covers_the_essentials():
    text = (ROOT / "SECURITY.md").read_text()
    for needle in (
        "What we protect",
        "What is encrypted where",
        "operator's responsibility",
        "Reporting a problem",
        "Backup and restore",
        "scripts/backup_restore.sh",
        "recompute_all",
    ):
        assert needle in text, needle


def test_worksheet_pdf_is_never_stored(client, make_user, sign_in):
    from tests.security.flows import create_return, renter_pages, walk

    sign_in(make_user("erin"))
    tax_return = walk(client, create_return(client), renter_pages())
    response = client.get(reverse("interview:worksheet_pdf", kwargs={"return_id": tax_return.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/pdf")
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "public" not in cache_control

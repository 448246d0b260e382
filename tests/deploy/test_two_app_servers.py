"""Two stateless app servers, one PostgreSQL database (ARCHITECTURE.md, "Running at scale"; issue #8).

Starts two gunicorn servers (the repository's gunicorn.conf.py, production settings: DJANGO_DEBUG=0, a strong
key, ALLOWED_HOSTS=127.0.0.1) on two free loopback ports against a scratch database created (and dropped) here,
after the deploy steps (collectstatic, migrate, createcachetable). One person signs up and answers the interview
through server A; server B, given the same session cookie, sees the same person and the same answers, saves an
answer that A then reads, and both serve byte-identical worksheet PDFs.

Plain http on loopback: DJANGO_SECURE_SSL_REDIRECT=0 (the proxy redirects in production). The session and CSRF
cookies still carry the Secure flag (the test checks it); this client sends cookies back whatever their flags,
as a TLS-terminating proxy's clients would over https, so no test-only switch is needed. CSRF is checked as in
production: the token from the form, no Origin header, and Django checks the Referer only on https.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://"))

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]

PASSWORD = "two-servers-Correct-Horse-42"
PAGES = [
    ("work", {"role": "self_employed", "business_description": "Bookbinding", "trade_or_business": "yes"}),
    ("income", {"gross_income": "42,000", "expenses_not_from_home": "3000"}),
    (
        "space",
        {
            "space_type": "office",
            "regular_use": "yes",
            "exclusive_use": "yes",
            "also_used_for_employee_work": "no",
        },
    ),
    (
        "place",
        {
            "home_is_main_work_location": "yes",
            "admin_management_at_home": "yes",
            "substantial_admin_at_other_fixed_location": "no",
            "meets_clients_in_person": "no",
            "separate_structure": "no",
        },
    ),
    (
        "home",
        {"ownership": "rent", "measure": "sqft", "total_area": "1200", "whole_year": "yes", "moved": "no"},
    ),
    ("office", {"office_area": "150", "office_whole_period": "yes", "shared": "no"}),
    ("expenses", {"rent": "14,400", "utilities": "1,100", "insurance": "200"}),
    ("phone_internet", {"internet_monthly": "50", "internet_business_pct": "40"}),
    ("carryovers", {}),
    ("deduction", {"filing_status": "single", "deduction": "standard"}),
]


# --- Processes and the scratch database ----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def scratch_database():
    import psycopg

    admin = re.sub(r"^(postgres|pgsql)://", "postgresql://", DATABASE_URL)
    name = f"homeoffice_two_servers_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name, name
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, secret_key: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "HOMEOFFICE_", "GUNICORN_", "WEB_CONC"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, f"manage.py {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"


class Server:
    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.log = log
        self._log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "homeoffice.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended in stop()
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (
                f"gunicorn exited:\n{self.log.read_text(errors='replace')[-3000:]}"
            )
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise AssertionError(
            f"server on {self.port} not ready:\n{self.log.read_text(errors='replace')[-3000:]}"
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()


# --- A browser that can switch servers but keeps its cookies --------------------------------------------
class Browser:
    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, server: Server, method: str, path: str, form: dict | None = None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        for value in resp.headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(value)
            jar = SimpleCookie()
            jar.load(value)
            for key, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return resp, data

    def get(self, server, path, expect=200):
        resp, data = self.request(server, "GET", path)
        assert resp.status == expect, (path, resp.status, data[:500])
        return resp, data

    def post(self, server, path, form, expect=302):
        resp, data = self.request(server, "POST", path, form)
        assert resp.status == expect, (path, resp.status, data[:1000])
        return resp, data


def csrf(page: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()


def save_step(browser: Browser, server: Server, return_id: int, step: str, data: dict) -> None:
    url = f"/returns/{return_id}/interview/{step}/"
    _, page = browser.get(server, url)
    version = re.search(rb'name="version" value="(\d+)"', page).group(1).decode()
    form = {f"{step}-{k}": v for k, v in data.items()}
    form.update(
        {
            "csrfmiddlewaretoken": csrf(page),
            "version": version,
            f"interview_return_{return_id}-current_step": step,
        }
    )
    browser.post(server, url, form)


def export(browser: Browser, server: Server, return_id: int) -> dict:
    _, data = browser.get(server, f"/returns/{return_id}/export.json")
    return json.loads(data)


def answers_of(exported: dict) -> dict:
    """The answers in the return export, wherever the export nests them."""
    if "answers" in exported:
        return exported["answers"]
    for value in exported.values():
        if isinstance(value, dict) and "answers" in value:
            return value["answers"]
    raise AssertionError(f"no answers in the export: {list(exported)}")


# --- The test ------------------------------------------------------------------------------------------
def test_two_app_servers_share_sessions_answers_and_pdfs(tmp_path):
    import psycopg

    from tests.support.smtp_sink import SmtpSink

    sink = SmtpSink().start()  # the servers' SMTP server (production sends mail over SMTP)
    with scratch_database() as (database_url, _name):
        env = production_env(database_url, secrets.token_urlsafe(64))
        env.update(DJANGO_EMAIL_HOST="127.0.0.1", DJANGO_EMAIL_PORT=str(sink.port))
        manage(env, "collectstatic", "--noinput")
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        a = b = None
        try:
            a = Server(env, tmp_path / "a.log")
            b = Server(env, tmp_path / "b.log")
            a.wait_ready()
            b.wait_ready()
            assert a.port != b.port
            for server in (a, b):
                resp, data = Browser().get(server, "/healthz")
                assert json.loads(data) == {"status": "ok", "database": "ok"}

            # Sign up through A, confirm the address from the e-mail (confirming signs the account in).
            person = Browser()
            _, page = person.get(a, "/accounts/signup/")
            person.post(
                a,
                "/accounts/signup/",
                {
                    "csrfmiddlewaretoken": csrf(page),
                    "email": "maria@example.com",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )
            sink.wait_for(1)
            confirm = sink.last_link("maria@example.com", "/accounts/confirm-email/")
            _, page = person.get(a, confirm)
            person.post(a, confirm, {"csrfmiddlewaretoken": csrf(page)})
            assert "sessionid" in person.cookies
            session_cookie = next(h for h in person.set_cookie_headers if h.startswith("sessionid="))
            assert "Secure" in session_cookie and "HttpOnly" in session_cookie  # production cookie flags

            # Create the return and answer every page through A.
            _, page = person.get(a, "/returns/new/")
            resp, _ = person.post(
                a, "/returns/new/", {"csrfmiddlewaretoken": csrf(page), "tax_year": "2025", "name": "Bindery"}
            )
            return_id = int(re.search(r"/returns/(\d+)/", resp.headers["Location"]).group(1))
            for step, data in PAGES:
                save_step(person, a, return_id, step, data)

            # B knows the session (it is in the database) and reads the answers A saved.
            _, dashboard = person.get(b, "/returns/")
            assert b"Bindery" in dashboard
            via_a, via_b = answers_of(export(person, a, return_id)), answers_of(export(person, b, return_id))
            assert via_a == via_b
            assert via_b["work"]["business_description"] == "Bookbinding"
            assert via_b["deduction"]["deduction"] == "standard"

            # An answer saved through B is read through A.
            save_step(
                person, b, return_id, "expenses", {"rent": "15,000", "utilities": "1,100", "insurance": "200"}
            )
            assert (
                answers_of(export(person, a, return_id))["expenses"]
                == answers_of(export(person, b, return_id))["expenses"]
            )
            assert answers_of(export(person, a, return_id)) != via_a

            # The worksheet PDF: rendered by A, then (shared cache emptied) rendered again by B: same bytes.
            pdf_path = f"/returns/{return_id}/worksheet.pdf"
            resp_a, pdf_a = person.get(a, pdf_path)
            assert resp_a.headers["Content-Type"].startswith("application/pdf")
            assert pdf_a.startswith(b"%PDF-")
            with psycopg.connect(re.sub(r"^(postgres|pgsql)://", "postgresql://", database_url)) as conn:
                assert (
                    conn.execute("SELECT count(*) FROM homeoffice_cache").fetchone()[0] >= 1
                )  # shared cache
                conn.execute("DELETE FROM homeoffice_cache")
            _, pdf_b = person.get(b, pdf_path)
            assert pdf_b == pdf_a
            _, pdf_b_cached = person.get(b, pdf_path)
            _, pdf_a_again = person.get(a, pdf_path)
            assert pdf_b_cached == pdf_a_again == pdf_a

            # Signing out through B ends the session for A too (the old cookie no longer signs anyone in).
            old_cookie = person.cookies["sessionid"]
            _, page = person.get(b, "/returns/")
            person.post(b, "/accounts/logout/", {"csrfmiddlewaretoken": csrf(page)})
            replay = Browser()
            replay.cookies["sessionid"] = old_cookie
            resp, _ = replay.request(a, "GET", "/returns/")
            assert resp.status == 302 and "/accounts/login/" in resp.headers["Location"]
        finally:
            for server in (a, b):
                if server is not None:
                    server.stop()
            sink.stop()

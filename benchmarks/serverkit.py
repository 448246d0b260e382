"""Scratch databases and gunicorn app servers for the benchmarks (benchmarks/run.py).

Everything here is bounded and cleans up after itself: scratch databases are created and dropped by the
caller's `with` block, servers are started in their own process group and always terminated.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
BENCH_DIR = ROOT / "var" / "bench"
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url: str, secret_key: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of a production-like app server on loopback (plain HTTP, no redirect to https)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "HOMEOFFICE_", "GUNICORN_", "WEB_CONC"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secret_key or secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_CACHE="database",
        DATABASE_URL=database_url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    proc = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def deploy_steps(env: dict[str, str], static: bool = True) -> None:
    """What a deploy does (docs/deployment.md): static files with their manifest, migrate, the cache table."""
    if static:
        manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")


def make_users(env: dict[str, str], count: int, password: str, http_logins: int = 1) -> list[dict]:
    """Users with a completely answered return (benchmarks/fixtures.py); the first `http_logins` without a
    session (they sign in over HTTP). Returns [{"username", "return_id", "sessionid" or None}]."""
    proc = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "fixtures.py"), str(count), password, str(http_logins)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "homeoffice.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"creating users failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def worker_cpu_seconds(master_pid: int) -> float:
    """User + system CPU seconds used so far by the master's live worker processes (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return 0.0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


@contextlib.contextmanager
def sqlite_database():
    """A fresh SQLite file under var/bench/ (removed afterwards)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"bench-{os.getpid()}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def postgres_available(admin_url: str = PG_ADMIN_URL) -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        psycopg.connect(admin_url.replace("postgres://", "postgresql://", 1), connect_timeout=5).close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".strip()
    return None


@contextlib.contextmanager
def postgres_database(admin_url: str = PG_ADMIN_URL, prefix: str = "homeoffice_bench"):
    """A scratch PostgreSQL database, created here and dropped afterwards (even on failure)."""
    import psycopg

    url = admin_url.replace("postgres://", "postgresql://", 1)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base = admin_url.rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class AppServer:
    """gunicorn with the repository's gunicorn.conf.py on 127.0.0.1:<free port>."""

    def __init__(
        self, env: dict[str, str], workers: int = 2, port: int | None = None, log: Path | None = None
    ):
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.log_path = log or BENCH_DIR / f"gunicorn-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_for_port: float = 60) -> AppServer:
        """Start and wait until the socket accepts connections (no request is sent: workers stay new)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "homeoffice.wsgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the master and its workers only
        )
        deadline = time.monotonic() + wait_for_port
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log_text()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not listen on {self.port} within {wait_for_port}s:\n{self.log_text()}"
        )

    def wait_for_workers(self, timeout: float = 30) -> None:
        """Block until `workers` worker processes exist (children of the master)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
            try:
                if len(children.read_text().split()) >= self.workers:
                    return
            except OSError:
                return
            time.sleep(0.05)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                self.proc.wait(timeout=25)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # any worker left behind in this server's own group
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()
        self.proc = None

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

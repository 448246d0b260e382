"""gunicorn settings for production and for the benchmarks: `gunicorn homeoffice.wsgi` picks this file up.

- The app is preloaded in the master, and the worksheet PDF renderer is warmed there (WeasyPrint imported,
  stylesheet parsed, fonts loaded, one render) before the workers fork, so no request pays ~1 s of import.
  HOMEOFFICE_PRELOAD_PDF=0 skips the warm-up (e.g. a server that never renders PDFs).
- Workers: WEB_CONCURRENCY if set, else 2 x the CPUs this process may use + 1 (sync workers; the pages wait on
  the database, the PDF is CPU-bound). Each worker holds one persistent database connection.
- Workers are recycled after about MAX_REQUESTS requests (memory stays bounded; a new worker is forked from
  the warm master, so it starts warm).
- Command-line flags override these (benchmarks/run.py uses `--workers 2 --bind 127.0.0.1:PORT`).
See docs/deployment.md.
"""

import os


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # respects container/cgroup CPU pinning
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "0") or 0) or 2 * _cpus() + 1
worker_class = "sync"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeat files only
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # "-" for stdout; usually the proxy logs requests
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """In the master, after the app is loaded and before the first worker forks: warm the PDF renderer."""
    if server.cfg.preload_app and os.environ.get("HOMEOFFICE_PRELOAD_PDF", "1") != "0":
        import logging

        from interview import pdf

        level = logging.root.manager.disable
        logging.disable(logging.INFO)  # WeasyPrint logs every step of the warm-up render at INFO
        try:
            pdf.warm_up()
        finally:
            logging.disable(level)
        server.log.info("worksheet PDF renderer warmed up in the master")
    # Nothing opened in the master may be shared by the forked workers.
    from django.db import connections

    connections.close_all()

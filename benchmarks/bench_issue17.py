"""Issue #17's figures for `make bench` (benchmarks/run.py calls these legs):

- cli_leg: CPU per one-case process of the Django-free calculator (`python -m homeoffice.engine form8829|compute`)
  side by side with a bare `python -c pass`, and the engine's import time (everything `compute` needs).
- dashboard_leg: the returns list with 1 and with 200 returns (bench_dashboard.py in a scratch SQLite database).
- TaskWorker: `manage.py run_worker` next to the app servers (worksheets rendered ahead of the download).
- readiness: time from the last save of a complete return to its worksheet being ready, then the download
  from the cache.
- taxday_leg: the tax-day load test: 10,000 users and returns in PostgreSQL, two gunicorn app servers and one
  task worker on 127.0.0.1, 50 virtual users mixing steps, summaries and downloads for 60 s.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import loadgen  # noqa: E402
import serverkit  # noqa: E402
from loadgen import Browser, median_ms, percentile_ms, renter_pages  # noqa: E402

FORM = {
    "tax_year": 2025,
    "lines": {"1": "1600", "2": "3200", "4": "3000", "8": "25000", "19b": "8400", "21b": "850"},
}


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_of(cmd: list[str], env: dict) -> float:
    before = _child_cpu()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True, timeout=60)
    return (_child_cpu() - before) * 1000


def cli_leg(runs: int = 15) -> dict:
    import re

    work = serverkit.BENCH_DIR
    work.mkdir(parents=True, exist_ok=True)
    form_file, case_file = work / "cli-form.json", work / "cli-case.json"
    form_file.write_text(json.dumps(FORM))
    doc = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    case_file.write_text(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    # Byte-compiled as an installed package would be (pip compiles on install; this environment may set
    # PYTHONDONTWRITEBYTECODE, which would make every run compile the engine's source again).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "homeoffice/engine"], cwd=ROOT, check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    py = sys.executable
    commands = {
        "bare": [py, "-c", "pass"],
        "form8829": [py, "-m", "homeoffice.engine", "form8829", str(form_file)],
        "compute": [py, "-m", "homeoffice.engine", "compute", str(case_file)],
    }
    importer = (
        "import time; t = time.process_time(); "
        "import homeoffice.engine.result, homeoffice.engine.eligibility, homeoffice.engine.facts; "
        "print((time.process_time() - t) * 1000)"
    )
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    imports = []
    for _ in range(runs):  # interleaved, so machine noise hits them alike
        for name, cmd in commands.items():
            cpu[name].append(_cpu_of(cmd, env))
        out = subprocess.run(
            [py, "-c", importer], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        imports.append(float(out.stdout))
    med = {k: statistics.median(v) for k, v in cpu.items()}
    return {
        "cli_bare_python_cpu_ms_p50": round(med["bare"], 1),
        "cli_form8829_cpu_ms_p50": round(med["form8829"], 1),
        "cli_compute_cpu_ms_p50": round(med["compute"], 1),
        "cli_form8829_cpu_ms_over_bare": round(med["form8829"] - med["bare"], 1),
        "cli_compute_cpu_ms_over_bare": round(med["compute"] - med["bare"], 1),
        "engine_import_ms_p50": round(statistics.median(imports), 1),  # CPU: steadier on a shared machine
    }


def dashboard_leg(env: dict, rounds: int = 40) -> dict:
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench_dashboard.py"), str(rounds)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "homeoffice.settings"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench_dashboard.py failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class TaskWorker:
    """`manage.py run_worker` in its own process group (always terminated)."""

    def __init__(self, env: dict, name: str = "worker"):
        self.env, self.log_path, self.proc = env, serverkit.BENCH_DIR / f"{name}-{os.getpid()}.log", None

    def __enter__(self):
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-reload"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def cpu_seconds(self) -> float:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


QUEUE_DEPTH = """
import django
django.setup()
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count())
"""


def wait_for_queue(env: dict, timeout: float = 300) -> int:
    """Block until the task queue is empty (or `timeout`); the tasks still queued."""
    deadline = time.monotonic() + timeout
    while True:
        out = subprocess.run(
            [sys.executable, "-c", QUEUE_DEPTH],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "homeoffice.settings"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        depth = int(out.stdout.strip() or "-1")
        if depth == 0 or time.monotonic() > deadline:
            return depth
        time.sleep(2)


PREPARING = "preparing your worksheet"


def readiness(browser: Browser, return_id: int, samples: int = 5, timeout: float = 60) -> tuple[dict, list]:
    """Change an answer of a complete return (the last save), then poll its summary page until the worksheet
    is ready (no "preparing" notice); then download it from the cache. Milliseconds; errors."""
    errors: list[str] = []
    ready, downloads = [], []
    for i in range(samples):
        utilities = f"{1200 + 10 * (i + 1):,}"
        _page, post = browser.save_step(
            return_id, "expenses", {"rent": "18,000", "utilities": utilities, "insurance": "180"}
        )
        if post.status != 302:
            errors.append(f"readiness save: HTTP {post.status}")
            continue
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            page = browser.get(f"/returns/{return_id}/summary/")
            if page.status != 200:
                errors.append(f"readiness summary: HTTP {page.status}")
                break
            if PREPARING not in page.text:
                ready.append(time.monotonic() - t0)
                break
            time.sleep(0.05)
        for _ in range(10):
            r = browser.get(f"/returns/{return_id}/worksheet.pdf")
            if r.status != 200 or not r.body.startswith(b"%PDF"):
                errors.append(f"cached download: HTTP {r.status}")
            downloads.append(r.seconds)
    return {
        "worksheet_ready_after_save_ms_p50": median_ms(ready),
        "worksheet_ready_after_save_ms_max": round(max(ready) * 1000, 1) if ready else None,
        "pdf_prerendered_download_ms_p50": median_ms(downloads),
        "pdf_prerendered_download_ms_p95": percentile_ms(downloads, 95),
    }, errors


# --- Tax day -----------------------------------------------------------------------------------------------
def taxday_leg(
    password: str, population: int = 10_000, users: int = 50, duration: float = 60, think=(0.2, 1.0)
) -> dict:
    log = lambda m: print(f"[bench {time.strftime('%H:%M:%S')}] taxday: {m}", flush=True)  # noqa: E731
    with serverkit.postgres_database(prefix="h17load") as url:
        env = serverkit.production_env(url, GUNICORN_MAX_REQUESTS="0")
        log("migrate + createcachetable")
        serverkit.deploy_steps(env, static=False)
        log(f"{population:,} users and returns (bulk), sessions for {users}")
        proc = subprocess.run(
            [sys.executable, str(HERE / "taxday_fixtures.py"), str(population), str(users), password],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "homeoffice.settings"},
            capture_output=True,
            text=True,
            timeout=900,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"taxday_fixtures.py failed:\n{proc.stderr[-3000:]}")
        people = json.loads(proc.stdout.strip().splitlines()[-1])
        servers = [serverkit.AppServer(env, workers=2), serverkit.AppServer(env, workers=2)]
        with servers[0], servers[1], TaskWorker(env, "taxday-worker") as worker:
            for s in servers:
                s.wait_for_workers()
            log("waiting for the worker to pre-render the virtual users' worksheets")
            left = wait_for_queue(env, timeout=600)
            vus = []
            for i, p in enumerate(people):
                b = Browser("127.0.0.1", servers[i % 2].port)
                b.cookies["sessionid"] = p["sessionid"]
                vus.append((b, p["return_id"]))
            plain, changed = renter_pages(), renter_pages(gross="31000", utilities="1,250")

            def iteration(vu, i, result, lock):
                b, rid = vu
                kind = ("step", "summary", "step", "download")[i % 4]
                if kind == "step":
                    rnd, k = divmod(i // 2, len(plain))
                    step, data = (changed if rnd == 1 else plain)[k]  # one change per person
                    url = f"/returns/{rid}/interview/{step}/"
                    page = b.get(url)
                    if page.status != 200:
                        raise loadgen.HTTPError(f"GET {url}: HTTP {page.status}")
                    with lock:
                        result.add("step_get", page.seconds)
                    time.sleep(random.uniform(*think))
                    post = b.post(url, b.step_form(rid, step, data, page))
                    if post.status != 302:
                        raise loadgen.HTTPError(f"POST {url}: HTTP {post.status}")
                    with lock:
                        result.add("step_post", post.seconds)
                elif kind == "summary":
                    r = b.get(f"/returns/{rid}/summary/")
                    if r.status != 200:
                        raise loadgen.HTTPError(f"summary: HTTP {r.status}")
                    with lock:
                        result.add("summary", r.seconds)
                else:
                    r = b.get(f"/returns/{rid}/worksheet.pdf")
                    if r.status != 200 or not r.body.startswith(b"%PDF"):
                        raise loadgen.HTTPError(f"download: HTTP {r.status}")
                    with lock:
                        result.add("download", r.seconds)
                time.sleep(random.uniform(*think))

            log(f"{users} virtual users on 2 app servers for {duration:g} s (think {think[0]}-{think[1]} s)")
            cpu0 = worker.cpu_seconds()
            result = loadgen.run_load(vus, iteration, duration)
            worker_cpu = worker.cpu_seconds() - cpu0
            logs = "".join(s.log_text() for s in servers)
    out = {
        "taxday_population": population,
        "taxday_virtual_users": users,
        "taxday_duration_s": duration,
        "taxday_queue_left_before_load": left,
        "taxday_requests": sum(len(v) for v in result.samples.values()),
        "taxday_requests_per_second": round(result.rate(), 1),
        "taxday_errors": len(result.errors),
        "taxday_error_samples": result.errors[:5],
        "taxday_server_log_errors": logs.count("Traceback") + logs.count("[ERROR]"),
        "taxday_worker_cpu_s": round(worker_cpu, 1),
    }
    for kind in ("step_get", "step_post", "summary", "download"):
        xs = result.samples.get(kind, [])
        out[f"taxday_{kind}_count"] = len(xs)
        out[f"taxday_{kind}_ms_p50"] = median_ms(xs)
        out[f"taxday_{kind}_ms_p95"] = percentile_ms(xs, 95)
    return out

"""`make bench`: every benchmark, measured the same way every time; prints a table, writes benchmarks/latest.json.

    .venv/bin/python benchmarks/run.py [--duration 15] [--users 20] [--think 0.1 0.5] [--no-postgres] [--quick]

Legs (see docs/benchmarks.md):
  engine   bench_engine.py's mixed random cases through compute(), one core (pinned), best of 3
  pdf      bench_pdf.py --json in its own process: warm render, the WeasyPrint floor (a plain unstyled table with
           the same lines), the ratio, the cached repeat, cold renders
  web      per database (SQLite file under var/bench/, then a scratch PostgreSQL database created and dropped
           here): the deploy steps (collectstatic, migrate, createcachetable); 22 users, each with a return whose
           interview is answered through the interview's views (benchmarks/fixtures.py) and, but one, a session
           in the database; gunicorn with the repository's gunicorn.conf.py (2 workers, production settings on
           plain http://127.0.0.1). Its very first request is a PDF nobody rendered (pdf_cold_first_ms); one
           user signs in through the login form; the PDF is repeated through the cache; 10 more PDFs render;
           then 20 users for a fixed time, paced (think time) and saturated (none), on a bare view (the floor,
           routed only with HOMEOFFICE_BENCH_FLOOR=1) and on the interview (GET a step, POST it with the CSRF
           token and version; some POSTs change an answer).
Everything is bounded: fixed durations, socket timeouts, servers always terminated, scratch databases dropped.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import bench_issue17  # noqa: E402
import loadgen  # noqa: E402
import serverkit  # noqa: E402
from loadgen import Browser, median_ms, percentile_ms, renter_pages  # noqa: E402

LATEST = HERE / "latest.json"
DOC = ROOT / "docs" / "benchmarks.md"
DOC_BEGIN, DOC_END = "<!-- bench:latest:begin -->", "<!-- bench:latest:end -->"
PASSWORD = "bench-Password-2025-long-enough"  # noqa: S105 - scratch users in a scratch database

# (key, comparison, goal) — web keys are checked on every database leg.
GOALS = [
    ("engine_cases_per_second", ">=", 5000),
    ("pdf_warm_ms_p50", "<=", 100),
    ("pdf_vs_floor_ratio", "<=", 1.5),
    ("pdf_repeat_ms_p50", "<=", 10),
    ("step_get_ms_p95", "<=", 50),
    ("step_post_ms_p95", "<=", 80),
    ("step_vs_floor_ratio", "<=", 6),
    ("step_post_vs_floor_ratio", "<=", 6),
    ("load_errors", "==", 0),
    # Issue #17.
    ("pdf_prerendered_download_ms_p95", "<=", 50),
    ("returns_list_200_vs_1_ratio", "<=", 1.5),
    ("cli_compute_cpu_ms_over_bare", "<=", 150),
    ("cli_form8829_cpu_ms_over_bare", "<=", 150),
    ("engine_import_ms_p50", "<=", 80),
    ("taxday_errors", "==", 0),
]
WEB_KEYS = [  # per database leg; flattened as KEY (SQLite) and KEY_postgresql
    "worksheet_ready_after_save_ms_p50",
    "worksheet_ready_after_save_ms_max",
    "pdf_prerendered_download_ms_p50",
    "pdf_prerendered_download_ms_p95",
    "pdf_cold_first_ms",
    "pdf_repeat_ms_p50",
    "pdf_repeat_ms_p95",
    "pdf_http_render_ms_p50",
    "floor_get_ms_p50",
    "floor_get_ms_p95",
    "step_get_ms_p50",
    "step_get_ms_p95",
    "step_post_ms_p50",
    "step_post_ms_p95",
    "step_vs_floor_ratio",
    "step_post_vs_floor_ratio",
    "step_paced_requests_per_second",
    "floor_requests_per_second",
    "floor_saturated_ms_p50",
    "step_requests_per_second",
    "step_saturated_get_ms_p50",
    "step_saturated_get_ms_p95",
    "step_saturated_post_ms_p50",
    "step_saturated_post_ms_p95",
    "floor_cpu_ms_per_request",
    "step_cpu_ms_per_request",
    "step_vs_floor_cpu_ratio",
    "load_errors",
]


def calibration_ms() -> float:
    """CPU milliseconds for a fixed pure-Python loop (best of 5): how fast a CPU-second is here and now.

    About 100-200 ms on an ordinary, idle machine. On a shared machine it grows with the contention, and every
    other figure with it: divide by it to compare runs."""
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        x = 0
        for i in range(3_000_000):
            x += i
        best = min(best, time.process_time() - t0)
    return round(best * 1000, 1)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- Engine ----------------------------------------------------------------------------------------------
def engine_leg(n: int) -> dict:
    import random

    import bench_engine  # benchmarks/bench_engine.py: its cases and its timing loop

    rng = random.Random(587)
    mixed = [bench_engine.case_from_dict(bench_engine.random_case(rng)) for _ in range(n)]
    example = [bench_engine.case_from_dict(bench_engine.documented_example())] * n
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {min(affinity)})  # one core
    try:
        cpu0 = time.process_time()
        rate = bench_engine.bench("engine: mixed random cases", mixed)
        cpu_rate = 3 * n / (time.process_time() - cpu0)  # bench() runs 3 rounds; CPU time ignores other loads
        rate_example = bench_engine.bench("engine: documented example", example)
    finally:
        if affinity:
            os.sched_setaffinity(0, affinity)
    return {
        "engine_cases_per_second": round(rate),
        "engine_example_cases_per_second": round(rate_example),
        "engine_cases_per_cpu_second": round(cpu_rate),
        "engine_batch_size": n,
    }


# --- PDF (in-process renderer figures) --------------------------------------------------------------------
def pdf_leg(runs: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench_pdf.py"), "--json", "--runs", str(runs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench_pdf.py failed:\n{proc.stderr[-3000:]}")
    text = proc.stdout
    f = json.loads(text[text.index("{") :])
    return {
        "pdf_warm_ms_p50": f["warm_p50_ms"],
        "pdf_warm_cpu_ms_p50": f.get("warm_cpu_p50_ms"),
        "pdf_floor_ms_p50": f["floor_p50_ms"],
        "pdf_floor_cpu_ms_p50": f.get("floor_cpu_p50_ms"),
        "pdf_vs_floor_ratio": f["ratio_wall"],
        "pdf_vs_floor_ratio_cpu": f.get("ratio_cpu"),
        "pdf_unstyled_same_content_ms_p50": f.get("unstyled_same_content_p50_ms"),
        "pdf_repeat_in_process_ms_p50": f.get("cache_repeat_p50_ms"),
        "pdf_cold_process_first_render_ms": f.get("cold_first_render_ms"),
        "pdf_preloaded_first_render_ms": f.get("preloaded_first_render_ms"),
        "pdf_bytes": f.get("pdf_bytes"),
        "pdf_runs": runs,
    }


# --- Web (gunicorn, 2 workers, one database) -------------------------------------------------------------
class BenchUser:
    def __init__(self, port: int, username: str):
        self.browser = Browser("127.0.0.1", port)
        self.username = username
        self.return_id: int | None = None


def phase(server, users, iteration, duration, think) -> tuple[loadgen.LoadResult, float]:
    """One load phase; returns the result and the workers' CPU milliseconds per request it cost."""
    cpu0 = serverkit.worker_cpu_seconds(server.proc.pid)

    def paced(user, i, result, lock):
        iteration(user, i, result, lock, think)

    result = loadgen.run_load(users, paced, duration)
    cpu = serverkit.worker_cpu_seconds(server.proc.pid) - cpu0
    done = sum(len(v) for v in result.samples.values())
    return result, (round(cpu * 1000 / done, 2) if done else None)


def pause(think) -> None:
    if think:
        time.sleep(random.uniform(*think))  # think time


def web_leg(
    kind: str,
    database_url: str,
    users: int,
    duration: float,
    floor_duration: float,
    saturate_duration: float,
    think: tuple[float, float],
    static: bool,
) -> dict:
    env = serverkit.production_env(database_url, HOMEOFFICE_BENCH_FLOOR="1", GUNICORN_MAX_REQUESTS="0")
    log(f"{kind}: {'collectstatic + ' if static else ''}migrate + createcachetable")
    serverkit.deploy_steps(env, static=static)
    log(f"{kind}: {users + 2} users, each with a return whose interview is answered (in-process)")
    accounts = serverkit.make_users(env, users + 2, PASSWORD, http_logins=1)
    errors: list[str] = []
    people = []
    for a in accounts:
        person = BenchUser(0, a["username"])
        person.return_id = a["return_id"]
        if a["sessionid"]:
            person.browser.cookies["sessionid"] = a["sessionid"]
        people.append(person)
    signer, cold, load_people = people[0], people[1], people[2:]

    figures: dict = {}
    # The app server and one task worker (worksheets rendered ahead of the download, issue #17).
    with serverkit.AppServer(env, workers=2) as server, bench_issue17.TaskWorker(env, f"worker-{kind}"):
        server.wait_for_workers()
        for p in people:
            p.browser.port = server.port
        log(f"{kind}: waiting for the task worker to render the bench returns' worksheets")
        figures["tasks_left_before_load"] = bench_issue17.wait_for_queue(env)
        # The very first request this server (and the worker that takes it) sees: a PDF nobody rendered yet.
        pdf_path = f"/returns/{cold.return_id}/worksheet.pdf"
        first = cold.browser.get(pdf_path)
        # One person signs in through the login form (CSRF, axes, PBKDF2) and opens a step page.
        try:
            signer.browser.log_in(signer.username, PASSWORD)
            signer.browser.expect(
                signer.browser.get(f"/returns/{signer.return_id}/interview/income/"),
                200,
                what="step after sign-in",
            )
        except Exception as exc:
            errors.append(f"sign-in: {exc}"[:300])
        if first.status == 200 and first.headers.get("content-type", "").startswith("application/pdf"):
            figures["pdf_cold_first_ms"] = round(first.seconds * 1000, 1)
            repeats = []
            for _ in range(30):
                r = cold.browser.get(pdf_path)
                if r.status != 200 or r.body != first.body:
                    errors.append(f"PDF repeat: HTTP {r.status}, same bytes: {r.body == first.body}")
                repeats.append(r.seconds)
            figures["pdf_repeat_ms_p50"] = median_ms(repeats)
            figures["pdf_repeat_ms_p95"] = percentile_ms(repeats, 95)
            renders = []
            for p in load_people[:10]:
                r = p.browser.get(f"/returns/{p.return_id}/worksheet.pdf")
                if r.status != 200:
                    errors.append(f"PDF render: HTTP {r.status}")
                renders.append(r.seconds)
            figures["pdf_http_render_ms_p50"] = median_ms(renders)
        else:
            figures.update(pdf_cold_first_ms=None, pdf_repeat_ms_p50=None, pdf_http_render_ms_p50=None)
            figures["pdf_http_note"] = (
                f"GET {pdf_path} answered HTTP {first.status} "
                f"({first.headers.get('content-type', '')}): the PDF view is not available"
            )
            log(f"{kind}: {figures['pdf_http_note']}")

        # Issue #17: from the last save of a complete return to its worksheet ready; then the download.
        ready, ready_errors = bench_issue17.readiness(cold.browser, cold.return_id)
        figures.update(ready)
        errors += ready_errors
        bench_issue17.wait_for_queue(env)

        # The floor: a bare view through the full middleware stack, anonymous, on the same server.
        floor_browsers = [Browser("127.0.0.1", server.port) for _ in range(users)]

        def floor_iteration(b: Browser, i, result, lock, think):
            r = b.get("/_bench/floor")
            if r.status != 200:
                raise loadgen.HTTPError(f"floor: HTTP {r.status}")
            with lock:
                result.add("get", r.seconds)
            pause(think)

        # The interview: GET a step, POST it back (valid data, CSRF token, version). Every other round the
        # income and expenses pages change an answer, so those POSTs write a new version and its history.
        pages_plain = renter_pages()
        pages_changed = renter_pages(gross="31000", utilities="1,250")

        def step_iteration(p: BenchUser, i, result, lock, think):
            rnd, k = divmod(i, len(pages_plain))
            step, data = (pages_changed if rnd % 2 else pages_plain)[k]
            url = f"/returns/{p.return_id}/interview/{step}/"
            page = p.browser.get(url)
            if page.status != 200:
                raise loadgen.HTTPError(f"GET {url}: HTTP {page.status}")
            with lock:
                result.add("get", page.seconds)
            pause(think)
            post = p.browser.post(url, p.browser.step_form(p.return_id, step, data, page))
            if post.status != 302:
                raise loadgen.HTTPError(f"POST {url}: HTTP {post.status}: {post.text[:200]}")
            with lock:
                result.add("post", post.seconds)
            pause(think)

        t = f"think {think[0]:g}-{think[1]:g} s"
        log(f"{kind}: floor, {users} users, {t}, {floor_duration:g} s")
        floor, _ = phase(server, floor_browsers, floor_iteration, floor_duration, think)
        log(f"{kind}: floor, {users} users, no think time, {saturate_duration:g} s")
        floor_sat, floor_cpu = phase(server, floor_browsers, floor_iteration, saturate_duration, None)
        log(f"{kind}: interview steps, {users} users, {t}, {duration:g} s")
        steps, _ = phase(server, load_people, step_iteration, duration, think)
        log(f"{kind}: interview steps, {users} users, no think time, {saturate_duration:g} s")
        steps_sat, step_cpu = phase(server, load_people, step_iteration, saturate_duration, None)
        server_log = server.log_text()

    f_get, fs_get = floor.samples.get("get", []), floor_sat.samples.get("get", [])
    s_get, s_post = steps.samples.get("get", []), steps.samples.get("post", [])
    ss_get, ss_post = steps_sat.samples.get("get", []), steps_sat.samples.get("post", [])
    all_errors = errors + floor.errors + floor_sat.errors + steps.errors + steps_sat.errors
    figures.update(
        {
            # Paced: 20 users with think time between pages (the latency goals).
            "floor_get_ms_p50": median_ms(f_get),
            "floor_get_ms_p95": percentile_ms(f_get, 95),
            "step_get_ms_p50": median_ms(s_get),
            "step_get_ms_p95": percentile_ms(s_get, 95),
            "step_get_ms_p99": percentile_ms(s_get, 99),
            "step_post_ms_p50": median_ms(s_post),
            "step_post_ms_p95": percentile_ms(s_post, 95),
            "step_post_ms_p99": percentile_ms(s_post, 99),
            "step_paced_requests_per_second": round(steps.rate(), 1),
            # Saturated: the same 20 users with no think time (capacity; latency is mostly queueing).
            "floor_requests_per_second": round(floor_sat.rate(), 1),
            "floor_saturated_ms_p50": median_ms(fs_get),
            "step_requests_per_second": round(steps_sat.rate(), 1),
            "step_saturated_get_ms_p50": median_ms(ss_get),
            "step_saturated_get_ms_p95": percentile_ms(ss_get, 95),
            "step_saturated_post_ms_p50": median_ms(ss_post),
            "step_saturated_post_ms_p95": percentile_ms(ss_post, 95),
            # Server CPU per request (gunicorn workers' utime + stime / requests, saturated phases).
            "floor_cpu_ms_per_request": floor_cpu,
            "step_cpu_ms_per_request": step_cpu,
            "step_requests": len(s_get) + len(s_post) + len(ss_get) + len(ss_post),
            "floor_requests": len(f_get) + len(fs_get),
            "load_errors": len(all_errors),
            "load_error_samples": all_errors[:5],
            "server_log_errors": server_log.count("Traceback") + server_log.count("[ERROR]"),
        }
    )
    if figures["floor_get_ms_p50"] and figures["step_get_ms_p50"]:
        figures["step_vs_floor_ratio"] = round(figures["step_get_ms_p50"] / figures["floor_get_ms_p50"], 2)
        figures["step_post_vs_floor_ratio"] = round(
            figures["step_post_ms_p50"] / figures["floor_get_ms_p50"], 2
        )
    if floor_cpu and step_cpu:
        figures["step_vs_floor_cpu_ratio"] = round(step_cpu / floor_cpu, 2)
    return figures


# --- Report ----------------------------------------------------------------------------------------------
def check(value, op: str, goal) -> bool | None:
    if value is None:
        return None
    return {">=": value >= goal, "<=": value <= goal, "==": value == goal}[op]


def evaluate(report: dict) -> list[dict]:
    out = []
    for key, op, goal in GOALS:
        legs = [("", report)]
        if key in WEB_KEYS:
            legs = [
                (name, report[name])
                for name in ("sqlite", "postgresql")
                if isinstance(report.get(name), dict)
            ]
        for leg, figures in legs:
            if "skipped" in figures:
                continue
            value = figures.get(key)
            out.append(
                {
                    "key": key,
                    "leg": leg,
                    "value": value,
                    "goal": f"{op} {goal}",
                    "met": check(value, op, goal),
                }
            )
    return out


def fmt(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.2f}" if v < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def table(report: dict) -> str:
    goals = {k: f"{op} {g:,}" for k, op, g in GOALS}
    verdicts = {(g["key"], g["leg"]): g["met"] for g in report["goals"]}

    def mark(key, leg):
        met = verdicts.get((key, leg))
        return "" if met is None else (" ok" if met else " MISS")

    lines = ["| figure | SQLite | PostgreSQL | goal |", "|---|---:|---:|---|"]
    single = [
        "engine_cases_per_second",
        "engine_example_cases_per_second",
        "engine_cases_per_cpu_second",
        "pdf_warm_ms_p50",
        "pdf_floor_ms_p50",
        "pdf_vs_floor_ratio",
        "pdf_warm_cpu_ms_p50",
        "pdf_floor_cpu_ms_p50",
        "pdf_vs_floor_ratio_cpu",
        "pdf_unstyled_same_content_ms_p50",
        "pdf_repeat_in_process_ms_p50",
        "pdf_preloaded_first_render_ms",
        "pdf_cold_process_first_render_ms",
        "cli_bare_python_cpu_ms_p50",
        "cli_form8829_cpu_ms_p50",
        "cli_compute_cpu_ms_p50",
        "cli_form8829_cpu_ms_over_bare",
        "cli_compute_cpu_ms_over_bare",
        "engine_import_ms_p50",
        "returns_list_1_cpu_ms_p50",
        "returns_list_200_cpu_ms_p50",
        "returns_list_200_vs_1_ratio",
        "taxday_population",
        "taxday_virtual_users",
        "taxday_requests",
        "taxday_requests_per_second",
        "taxday_errors",
        "taxday_step_get_ms_p50",
        "taxday_step_get_ms_p95",
        "taxday_step_post_ms_p50",
        "taxday_step_post_ms_p95",
        "taxday_summary_ms_p50",
        "taxday_summary_ms_p95",
        "taxday_download_ms_p50",
        "taxday_download_ms_p95",
        "taxday_worker_cpu_s",
    ]
    for key in single:
        if key in report:
            v = fmt(report[key]) + mark(key, "")
            lines.append(f"| {key} | {v} | (same) | {goals.get(key, '')} |")
    sq, pg = report.get("sqlite") or {}, report.get("postgresql") or {}
    for key in WEB_KEYS:
        a = fmt(sq.get(key)) + mark(key, "sqlite") if "skipped" not in sq else "skipped"
        b = fmt(pg.get(key)) + mark(key, "postgresql") if "skipped" not in pg else "skipped"
        lines.append(f"| {key} | {a} | {b} | {goals.get(key, '')} |")
    return "\n".join(dict.fromkeys(lines))


def update_doc(report: dict) -> None:
    """Replace the table between the markers in docs/benchmarks.md (nothing else in the file is touched)."""
    if not DOC.exists():
        return
    text = DOC.read_text(encoding="utf-8")
    if DOC_BEGIN not in text or DOC_END not in text:
        return
    m = report["machine"]
    missed = report["goals_missed"]
    block = "\n".join(
        [
            DOC_BEGIN,
            f"Measured {report['generated_at']} at commit `{report.get('git_commit', '?')}` on {m['cpus']} CPUs, "
            f"Python {m['python']}; load average {m['load_average_at_start'][0]} at start, "
            f"{m['load_average_at_end'][0]} at end; calibration loop {m['calibration_loop_cpu_ms']} ms of CPU "
            "(see below); "
            f"{report['elapsed_s']:.0f} s.",
            "",
            table(report),
            "",
            f"Goals missed: {', '.join(missed) if missed else 'none'}.",
            DOC_END,
        ]
    )
    start, end = text.index(DOC_BEGIN), text.index(DOC_END) + len(DOC_END)
    DOC.write_text(text[:start] + block + text[end:], encoding="utf-8")
    log(f"updated the table in {DOC.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of interview load per database")
    parser.add_argument("--floor-duration", type=float, default=8.0)
    parser.add_argument("--saturate-duration", type=float, default=8.0, help="seconds of each no-think phase")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(0.1, 0.5), metavar=("MIN", "MAX"), help="think time (s)"
    )
    parser.add_argument("--engine-cases", type=int, default=5000)
    parser.add_argument("--pdf-runs", type=int, default=15)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-taxday", action="store_true", help="skip the tax-day load test (PostgreSQL)")
    parser.add_argument("--taxday-population", type=int, default=10_000)
    parser.add_argument("--taxday-users", type=int, default=50)
    parser.add_argument("--taxday-duration", type=float, default=60.0)
    parser.add_argument("--only-web", action="store_true", help="skip the engine and PDF legs")
    parser.add_argument("--quick", action="store_true", help="short smoke run (figures not comparable)")
    parser.add_argument("--output", type=Path, default=LATEST)
    parser.add_argument(
        "--no-docs", action="store_true", help="do not rewrite the table in docs/benchmarks.md"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration, args.floor_duration, args.saturate_duration = 3.0, 2.0, 2.0
        args.engine_cases, args.pdf_runs = 1000, 5
        args.taxday_population, args.taxday_users, args.taxday_duration = 300, 10, 8.0

    started = time.monotonic()
    report: dict = {
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": {
            "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "calibration_loop_cpu_ms": calibration_ms(),
        },
        "settings": {
            "users": args.users,
            "duration_s": args.duration,
            "floor_duration_s": args.floor_duration,
            "saturate_duration_s": args.saturate_duration,
            "think_s": list(args.think),
            "gunicorn_workers": 2,
            "quick": args.quick,
        },
    }
    with contextlib.suppress(Exception):
        report["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    if report["machine"]["load_average_at_start"][0] > report["machine"]["cpus"]:
        log(
            f"WARNING: load average {report['machine']['load_average_at_start']} — other work shares the CPUs"
        )

    if not args.only_web:
        log(f"engine: {args.engine_cases} cases, best of 3, one core")
        report.update(engine_leg(args.engine_cases))
        log(f"pdf: bench_pdf.py --json --runs {args.pdf_runs}")
        report.update(pdf_leg(args.pdf_runs))
        log("cli: python -m homeoffice.engine, one case per process, side by side with python -c pass")
        report.update(bench_issue17.cli_leg(5 if args.quick else 15))

    leg_args = {
        "users": args.users,
        "duration": args.duration,
        "floor_duration": args.floor_duration,
        "saturate_duration": args.saturate_duration,
        "think": tuple(args.think),
    }
    log("web on SQLite")
    with serverkit.sqlite_database() as url:
        report["sqlite"] = web_leg("sqlite", url, static=True, **leg_args)
    log("returns list: 1 return vs 200 (in-process, scratch SQLite)")
    with serverkit.sqlite_database() as url:
        env = serverkit.production_env(url)
        serverkit.deploy_steps(env, static=False)
        report.update(bench_issue17.dashboard_leg(env, 10 if args.quick else 40))

    if args.no_postgres:
        report["postgresql"] = {"skipped": "--no-postgres"}
    elif reason := serverkit.postgres_available():
        report["postgresql"] = {"skipped": f"PostgreSQL unreachable at {serverkit.PG_ADMIN_URL}: {reason}"}
        log(report["postgresql"]["skipped"])
    else:
        log("web on PostgreSQL (scratch database)")
        with serverkit.postgres_database() as url:
            report["postgresql"] = web_leg("postgresql", url, static=False, **leg_args)
    if not args.no_postgres and not args.no_taxday and "skipped" not in report["postgresql"]:
        log("tax day: PostgreSQL, 2 app servers, 1 task worker")
        report.update(
            bench_issue17.taxday_leg(
                PASSWORD, args.taxday_population, args.taxday_users, args.taxday_duration
            )
        )

    # Flat keys: the SQLite leg unsuffixed, the PostgreSQL leg with a _postgresql suffix (also nested above).
    for key in WEB_KEYS:
        if key in report["sqlite"]:
            report[key] = report["sqlite"][key]
        if isinstance(report.get("postgresql"), dict) and key in report["postgresql"]:
            report[f"{key}_postgresql"] = report["postgresql"][key]
    report["goals"] = evaluate(report)
    report["goals_missed"] = [
        f"{g['key']}{'@' + g['leg'] if g['leg'] else ''}" for g in report["goals"] if g["met"] is False
    ]
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["elapsed_s"] = round(time.monotonic() - started, 1)

    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(report))
    print()
    missed = report["goals_missed"]
    print(f"goals missed: {', '.join(missed) if missed else 'none'}")
    if not args.no_docs and not args.quick and args.output == LATEST:
        update_doc(report)
    print(
        f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} in {report['elapsed_s']} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

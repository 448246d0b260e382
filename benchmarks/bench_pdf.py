"""Worksheet PDF benchmark: warm render, the WeasyPrint floor, the ratio, repeat-from-cache, cold first render.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 30] [--case example|mary_lake|simplified] [--json]

The case is computed by the engine (homeoffice.engine.compute); the PDF is rendered by interview.pdf.
  warm      render_worksheet_pdf(data) in a process that has rendered before (what a preloaded worker does);
            data = the Result plus the extras the web view adds (ledger, advice, tier chart; --no-extras: without)
  floor     the same WeasyPrint plumbing (fonts, fetcher, write_pdf) on a plain, unstyled <table> holding the
            same lines (number, caption, amounts) — no stylesheet, no tags, no page furniture
  ratio     warm p50 / floor p50 (goal <= 1.5)
  unstyled  the worksheet's own HTML rendered without its stylesheet (same text, same tables): warm / this
            isolates what the styling costs; the floor above also leaves out the verdict, notes and policy
  cache     an unchanged return downloaded again, as the view does it: the case's input hash
            (pdf.case_cache_key) and a cache hit — no engine run, no render (goal <= 10 ms; building the case from
            the saved answers is the interview's and is not included). Also: the Result-keyed path
            (engine compute + cached_worksheet_pdf). Uses the configured Django cache (LocMem unless REDIS_URL).
  cold      a fresh Python process: import interview.pdf and render once (no preload), and the first render
            after warm_up() (what a gunicorn worker forked from a preloaded master sees)
Warm and floor runs are interleaved so that machine noise hits both alike. Wall-clock and CPU medians.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeoffice.settings")

OFFICE = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "office",
    "exclusive_use": True,
    "also_used_for_employee_work": False,
    "regular_use": True,
    "home_is_main_work_location": True,
}
DAYCARE = {
    "role": "self_employed",
    "trade_or_business": True,
    "space_type": "daycare",
    "daycare_qualifying_care": True,
    "daycare_license_status": "granted",
    "exclusive_use": False,
    "also_used_for_employee_work": False,
    "regular_use": True,
}


def example_case() -> dict:
    """The complete example of docs/case-format.md: homeowner, depreciation, an improvement, carryovers."""
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"## Complete example.*?```json\n(.*?)```", text, re.S).group(1))


CASES = {
    "example": example_case,
    "mary_lake": lambda: {
        "tax_year": 2025,
        "method": "actual",
        "eligibility": DAYCARE,
        "businesses": [
            {"id": "daycare", "gross_income": "50000", "expenses_not_from_home": "25000"},
        ],
        "homes": [
            {
                "id": "home",
                "ownership": "rent",
                "total_area": "3200",
                "spaces": [{"id": "basement", "area": "1600", "use": "daycare"}],
                "daycare": {"hours_used": "3000"},
                "expenses": {"rent": "8400", "utilities": "850", "repairs": {"direct_daycare": "500"}},
            }
        ],
    },
    "simplified": lambda: {
        "tax_year": 2025,
        "method": "simplified",
        "eligibility": OFFICE,
        "businesses": [{"id": "writing", "gross_income": "42000", "expenses_not_from_home": "3000"}],
        "homes": [
            {
                "id": "apt",
                "ownership": "rent",
                "total_area": "900",
                "spaces": [{"id": "den", "area": "180"}],
                "expenses": {"rent": "18000", "utilities": "1500"},
            }
        ],
    },
}
RETURN_NAME = "Studio on Elm St"


def _p50(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def floor_html(context: dict) -> str:
    """A plain, unstyled table with the same lines the worksheet prints."""
    from django.utils.html import escape

    rows = []
    for home in context["homes"]:
        for ws in home["worksheets"]:
            for part in ws["parts"]:
                for r in part["rows"]:
                    amounts = f"{r['a']} {r['b']}" if r["paired"] else r["amount"]
                    rows.append(
                        f"<tr><td>{escape(r['number'])}</td><td>{escape(r['label'])}</td>"
                        f"<td>{escape(amounts)}</td></tr>"
                    )
    return "<!DOCTYPE html><html><body><table>" + "".join(rows) + "</table></body></html>"


COLD_SNIPPET = """
import os, sys, time, json
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeoffice.settings")
import logging
import django
django.setup()
logging.disable(logging.INFO)
data = json.loads(sys.stdin.read())
t1 = time.perf_counter()
from interview import pdf
pdf._weasyprint()  # the import of WeasyPrint and the stylesheet parse, timed apart from the render
if {preload}:
    pdf.warm_up()
t2 = time.perf_counter()
pdf.render_worksheet_pdf(data, return_name={name!r})
t3 = time.perf_counter()
print(json.dumps({{"setup": t1 - t0, "import_and_warm": t2 - t1, "first_render": t3 - t2}}))
"""


def cold(data: dict, *, preload: bool) -> dict:
    code = COLD_SNIPPET.format(root=str(ROOT), preload=preload, name=RETURN_NAME)
    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(data), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--case", choices=sorted(CASES), default="example")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--no-extras",
        action="store_true",
        help="render the bare Result, without the ledger, advice and tier chart the web view adds",
    )
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # WeasyPrint logs every step at INFO

    from django.core.cache import cache
    from pypdf import PdfReader

    from homeoffice.engine import case_from_dict, compute
    from interview import pdf

    case = CASES[args.case]()
    case_obj = case_from_dict(case)
    result = compute(case_obj)
    data = result.to_dict()
    if not args.no_extras:  # what the web view renders (interview.rollover.pdf_data): ledger, advice, chart
        from interview.rollover import extras

        data = {**data, **extras(case, case_obj, result)}
    context = pdf.build_context(data, return_name=RETURN_NAME)
    plain = floor_html(context)

    pdf.warm_up()
    pdf.render_worksheet_pdf(data, return_name=RETURN_NAME)
    pdf.html_to_pdf(plain, identifier=b"floor", stylesheets=[], variant=None)

    same_content = pdf.render_html(data, return_name=RETURN_NAME)
    warm, floor, warm_cpu, floor_cpu, unstyled = [], [], [], [], []
    out = b""
    for _ in range(args.runs):
        c0, t0 = time.process_time(), time.perf_counter()
        out = pdf.render_worksheet_pdf(data, return_name=RETURN_NAME)
        t1, c1 = time.perf_counter(), time.process_time()
        pdf.html_to_pdf(plain, identifier=b"floor", stylesheets=[], variant=None)
        t2, c2 = time.perf_counter(), time.process_time()
        pdf.html_to_pdf(same_content, identifier=b"unstyled", stylesheets=[], variant=None)
        t3 = time.perf_counter()
        warm.append(t1 - t0)
        warm_cpu.append(c1 - c0)
        floor.append(t2 - t1)
        floor_cpu.append(c2 - c1)
        unstyled.append(t3 - t2)
    size = len(out)
    pages = len(PdfReader(io.BytesIO(out)).pages)

    cache.clear()
    pdf.cached_worksheet_pdf(data, return_name=RETURN_NAME)  # fills the cache (keyed by the Result)
    key = pdf.case_cache_key(case, return_name=RETURN_NAME)
    cache.set(key, out)  # and the view's key (the case's input hash, before computing)
    hits, hits_only, hits_computed = [], [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        assert cache.get(pdf.case_cache_key(case, return_name=RETURN_NAME)) is not None  # the view's path
        t1 = time.perf_counter()
        r = compute(case_from_dict(case))  # the Result-keyed path recomputes the Result first
        pdf.cached_worksheet_pdf(r.to_dict() if args.no_extras else data, return_name=RETURN_NAME)
        t2 = time.perf_counter()
        pdf.cached_worksheet_pdf(data, return_name=RETURN_NAME)
        t3 = time.perf_counter()
        hits.append(t1 - t0)
        hits_computed.append(t2 - t1)
        hits_only.append(t3 - t2)

    cold_plain = cold(data, preload=False)
    cold_pre = cold(data, preload=True)

    figures = {
        "case": args.case,
        "extras": not args.no_extras,
        "runs": args.runs,
        "pdf_bytes": size,
        "pages": pages,
        "warm_p50_ms": round(_p50(warm), 1),
        "warm_cpu_p50_ms": round(_p50(warm_cpu), 1),
        "floor_p50_ms": round(_p50(floor), 1),
        "floor_cpu_p50_ms": round(_p50(floor_cpu), 1),
        "ratio_wall": round(statistics.median(warm) / statistics.median(floor), 2),
        "ratio_cpu": round(statistics.median(warm_cpu) / statistics.median(floor_cpu), 2),
        "unstyled_same_content_p50_ms": round(_p50(unstyled), 1),
        "ratio_to_unstyled_same_content": round(statistics.median(warm) / statistics.median(unstyled), 2),
        "cache_repeat_p50_ms": round(_p50(hits), 2),
        "cache_repeat_with_compute_p50_ms": round(_p50(hits_computed), 2),
        "cache_lookup_only_p50_ms": round(_p50(hits_only), 2),
        # A new process without preload: importing WeasyPrint + its first render (what an unwarmed worker pays).
        "cold_first_render_ms": round((cold_plain["import_and_warm"] + cold_plain["first_render"]) * 1000),
        "cold_import_ms": round(cold_plain["import_and_warm"] * 1000),
        "cold_render_only_ms": round(cold_plain["first_render"] * 1000),
        "preloaded_first_render_ms": round(cold_pre["first_render"] * 1000),
        "preload_warm_up_ms": round(cold_pre["import_and_warm"] * 1000),
        "load_average": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    f = figures
    print(
        f"Worksheet PDF benchmark — case {f['case']!r}, {f['runs']} runs, {f['pages']} pages, "
        f"{f['pdf_bytes']:,} bytes"
    )
    print(f"  warm render p50           {f['warm_p50_ms']:8.1f} ms   (CPU {f['warm_cpu_p50_ms']:.1f} ms)")
    print(f"  floor (plain table) p50   {f['floor_p50_ms']:8.1f} ms   (CPU {f['floor_cpu_p50_ms']:.1f} ms)")
    print(f"  ratio warm/floor          {f['ratio_wall']:8.2f}      (CPU {f['ratio_cpu']:.2f})")
    print(
        f"  same HTML, unstyled p50   {f['unstyled_same_content_p50_ms']:8.1f} ms   "
        f"(warm/this = {f['ratio_to_unstyled_same_content']:.2f}: the cost of the styling itself)"
    )
    print(
        f"  repeat from cache p50     {f['cache_repeat_p50_ms']:8.2f} ms   "
        f"(the view's path: case input hash + cache hit; with an engine run first "
        f"{f['cache_repeat_with_compute_p50_ms']:.2f} ms; Result-keyed lookup alone "
        f"{f['cache_lookup_only_p50_ms']:.2f} ms)"
    )
    print(
        f"  cold first render         {f['cold_first_render_ms']:8d} ms   "
        f"(new process, no preload: {f['cold_import_ms']} ms importing WeasyPrint + "
        f"{f['cold_render_only_ms']} ms first render)"
    )
    print(
        f"  preloaded first render    {f['preloaded_first_render_ms']:8d} ms   "
        f"(a worker forked after warm_up(), which took {f['preload_warm_up_ms']} ms once in the master)"
    )
    print(f"  load average at the end   {os.getloadavg()[0]:8.2f}      ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The returns list with 1 return and with 200 (issue #17): CPU per request, in-process.

    python benchmarks/bench_dashboard.py ROUNDS     (run by benchmarks/run.py with a scratch database's env)

One user has one completed return, another has 200 (copies of it, with the figures save_step stores). Both
lists are requested through Django's test client, interleaved, ROUNDS times each; prints the CPU-time medians
and their ratio as JSON.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from loadgen import renter_pages

    from interview.models import TaxReturn

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    users = get_user_model()
    one, many = (users.objects.create_user(username=n, password=None) for n in ("list-one", "list-many"))
    from serverkit_emails import verified_emails

    verified_emails([one, many])
    clients = {}
    for user in (one, many):
        c = Client(SERVER_NAME="127.0.0.1")
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients[user.username] = c
    c = clients["list-one"]
    r = c.post("/returns/new/", {"tax_year": "2025", "name": "The only one"})
    return_id = int(re.search(r"/returns/(\d+)/", r["Location"]).group(1))
    for step, data in renter_pages():
        version = TaxReturn.objects.values_list("version", flat=True).get(pk=return_id)
        form = {f"{step}-{k}": v for k, v in data.items()}
        form.update({"version": str(version), f"interview_return_{return_id}-current_step": step})
        assert c.post(f"/returns/{return_id}/interview/{step}/", form).status_code == 302
    done = TaxReturn.objects.get(pk=return_id)
    assert done.status == "complete" and done.deduction is not None
    copy = {
        f: getattr(done, f)
        for f in ("tax_year", "status", "answers", "version", "deduction", "method", "summary_of")
    }
    TaxReturn.objects.bulk_create(TaxReturn(owner=many, name=f"Return {i}", **copy) for i in range(200))
    times: dict[str, list[float]] = {"list-one": [], "list-many": []}
    for name in times:  # warm both once
        assert clients[name].get("/returns/").status_code == 200
    for _ in range(rounds):
        for name, client in clients.items():
            t0 = time.process_time()
            response = client.get("/returns/")
            times[name].append(time.process_time() - t0)
            assert response.status_code == 200
    one_ms = statistics.median(times["list-one"]) * 1000
    many_ms = statistics.median(times["list-many"]) * 1000
    print(
        json.dumps(
            {
                "returns_list_1_cpu_ms_p50": round(one_ms, 2),
                "returns_list_200_cpu_ms_p50": round(many_ms, 2),
                "returns_list_200_vs_1_ratio": round(many_ms / one_ms, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

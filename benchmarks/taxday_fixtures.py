"""Tax-day population (benchmarks/bench_issue17.py): run with the scratch database's environment.

    python benchmarks/taxday_fixtures.py POPULATION VIRTUAL_USERS PASSWORD

One return is answered completely through the interview's views (Django's test client); POPULATION users are
then bulk-created (one shared password hash), each with a copy of that return (answers and the figures
save_step stores). The first VIRTUAL_USERS get a signed-in session and one render of their worksheet queued
(the task worker renders them before the load starts). Prints [{"sessionid", "return_id"}] as JSON.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.test import Client
    from loadgen import renter_pages

    from interview.models import TaxReturn
    from interview.tasks import render_worksheet

    population, vus, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    users = get_user_model()
    pw_hash = make_password(password)
    template_owner = users.objects.create(username="taxday-template", password=pw_hash)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(template_owner, backend="django.contrib.auth.backends.ModelBackend")
    r = client.post("/returns/new/", {"tax_year": "2025", "name": "Template"})
    rid = int(re.search(r"/returns/(\d+)/", r["Location"]).group(1))
    for step, data in renter_pages():
        version = TaxReturn.objects.values_list("version", flat=True).get(pk=rid)
        form = {f"{step}-{k}": v for k, v in data.items()}
        form.update({"version": str(version), f"interview_return_{rid}-current_step": step})
        assert client.post(f"/returns/{rid}/interview/{step}/", form).status_code == 302
    done = TaxReturn.objects.get(pk=rid)
    assert done.status == "complete"
    fields = ("tax_year", "status", "answers", "version", "deduction", "method", "summary_of")
    copy = {f: getattr(done, f) for f in fields}
    names = [f"taxday{i:05d}" for i in range(population)]
    users.objects.bulk_create((users(username=n, password=pw_hash) for n in names), batch_size=2000)
    owners = dict(users.objects.filter(username__in=names).values_list("username", "id"))
    from serverkit_emails import verified_emails

    verified_emails(users.objects.filter(username__in=names).only("id", "username"))
    TaxReturn.objects.bulk_create(
        (TaxReturn(owner_id=owners[n], name=f"Home office of {n}", **copy) for n in names), batch_size=2000
    )
    out = []
    for n in names[:vus]:
        user = users.objects.get(username=n)
        c = Client(SERVER_NAME="127.0.0.1")
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        tax_return = TaxReturn.objects.get(owner=user)
        render_worksheet.enqueue(tax_return.pk, tax_return.version)
        out.append({"sessionid": c.cookies["sessionid"].value, "return_id": tax_return.pk})
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

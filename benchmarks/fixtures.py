"""Bench users in a scratch database: run by serverkit.make_users in a subprocess with the server's environment.

    python benchmarks/fixtures.py COUNT PASSWORD HTTP_LOGINS

Creates COUNT users (one password hash shared by all: PBKDF2 takes about a second per hash), and for each a
return whose interview is answered completely through the interview's own views and forms (Django's test
client, in this process: the same code path as a browser, without the HTTP round trips). The first HTTP_LOGINS
users are left to sign in through the login form over HTTP; every other user gets a signed-in session stored
in the database (what that form stores). Prints [{"username", "return_id", "sessionid" or null}] as JSON.
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
    from serverkit_emails import verified_emails

    from interview.models import TaxReturn

    count, password, http_logins = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    user_model = get_user_model()
    pw_hash = make_password(password)
    names = [f"bench{i:03d}" for i in range(count)]
    user_model.objects.bulk_create([user_model(username=n, password=pw_hash) for n in names])
    verified_emails(user_model.objects.filter(username__in=names))
    out = []
    for i, user in enumerate(user_model.objects.filter(username__in=names).order_by("username")):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        r = client.post("/returns/new/", {"tax_year": "2025", "name": f"Bench return of {user.username}"})
        assert r.status_code == 302, (r.status_code, r.content[:500])
        return_id = int(re.search(r"/returns/(\d+)/", r["Location"]).group(1))
        for step, data in renter_pages():
            version = TaxReturn.objects.values_list("version", flat=True).get(pk=return_id)
            form = {f"{step}-{k}": v for k, v in data.items()}
            form.update({"version": str(version), f"interview_return_{return_id}-current_step": step})
            r = client.post(f"/returns/{return_id}/interview/{step}/", form)
            assert r.status_code == 302, (step, r.status_code, r.content[:1000])
        cookie = client.cookies["sessionid"].value if i >= http_logins else None
        if cookie is None:
            client.logout()
        out.append({"username": user.username, "return_id": return_id, "sessionid": cookie})
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

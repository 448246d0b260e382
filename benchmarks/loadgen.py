"""A small, bounded HTTP load generator for 127.0.0.1 (threads + http.client; stdlib only).

Each simulated user is a `Browser`: its own cookie jar (session + CSRF cookies, whatever their Secure flag:
this is plain HTTP on loopback), one new connection per request (gunicorn's sync workers close after each
response). `run_load` starts N user threads that loop for a fixed time and stop by themselves; every request
has a socket timeout, so nothing can hang past `duration + timeout`.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')
REQUEST_TIMEOUT = 30.0


class HTTPError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    def __init__(self, host: str, port: int, user_agent: str = "homeoffice-bench"):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.user_agent = user_agent

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": self.user_agent}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            seconds = time.perf_counter() - t0
            raw_headers = resp.getheaders()
        finally:
            conn.close()
        out = {}
        for name, value in raw_headers:
            name = name.lower()
            if name == "set-cookie":
                jar = SimpleCookie()
                jar.load(value)
                for key, morsel in jar.items():
                    if morsel.value == "" or morsel["max-age"] == "0":
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
            else:
                out[name] = value
        return Response(resp.status, out, data, seconds)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Response:
        return self.request("POST", path, form)

    def csrf_from(self, response: Response) -> str:
        m = CSRF_INPUT.search(response.text)
        if m:
            return m.group(1)
        if "csrftoken" in self.cookies:
            return self.cookies["csrftoken"]
        raise HTTPError(f"no CSRF token on the page (status {response.status})")

    def expect(self, response: Response, *statuses: int, what: str = "") -> Response:
        if response.status not in statuses:
            raise HTTPError(
                f"{what or 'request'}: HTTP {response.status}, expected {statuses}: {response.text[:300]}"
            )
        return response

    # --- The site's flows -----------------------------------------------------------------------------
    def log_in(self, username: str, password: str) -> None:
        page = self.expect(self.get("/accounts/login/"), 200, what="login page")
        r = self.post(
            "/accounts/login/",
            # allauth's sign-in form (issue #15): "login" takes the e-mail address or, for these accounts, the username.
            {"csrfmiddlewaretoken": self.csrf_from(page), "login": username, "password": password},
        )
        self.expect(r, 302, what=f"log in {username}")
        if "sessionid" not in self.cookies:
            raise HTTPError("logged in but no session cookie")

    def sign_up(self, username: str, password: str) -> None:
        page = self.expect(self.get("/accounts/signup/"), 200, what="signup page")
        r = self.post(
            "/accounts/signup/",
            {
                "csrfmiddlewaretoken": self.csrf_from(page),
                "username": username,
                "password1": password,
                "password2": password,
            },
        )
        self.expect(r, 302, what=f"sign up {username}")

    def new_return(self, name: str, year: int = 2025) -> int:
        page = self.expect(self.get("/returns/new/"), 200, what="new return page")
        r = self.post(
            "/returns/new/",
            {"csrfmiddlewaretoken": self.csrf_from(page), "tax_year": str(year), "name": name},
        )
        self.expect(r, 302, what="create return")
        m = re.search(r"/returns/(\d+)/", r.location)
        if not m:
            raise HTTPError(f"no return id in {r.location!r}")
        return int(m.group(1))

    def step_form(self, return_id: int, step: str, data: dict, page: Response) -> dict:
        m = VERSION_INPUT.search(page.text)
        if not m:
            raise HTTPError(f"no version field on step {step}")
        form = {f"{step}-{k}": v for k, v in data.items()}
        form.update(
            {
                "csrfmiddlewaretoken": self.csrf_from(page),
                "version": m.group(1),
                f"interview_return_{return_id}-current_step": step,
            }
        )
        return form

    def save_step(self, return_id: int, step: str, data: dict) -> tuple[Response, Response]:
        """GET the step page, then POST it with its CSRF token and version. Returns both responses."""
        url = f"/returns/{return_id}/interview/{step}/"
        page = self.get(url)
        if page.status != 200:
            raise HTTPError(f"GET {url}: HTTP {page.status}")
        post = self.post(url, self.step_form(return_id, step, data, page))
        if post.status != 302:
            raise HTTPError(f"POST {url}: HTTP {post.status}: {post.text[:300]}")
        return page, post


# --- The interview a bench user answers (a renter with a home office; reaches the review page) -------------
SELF_EMPLOYED = {"role": "self_employed", "business_description": "Translation", "trade_or_business": "yes"}


def renter_pages(gross: str = "30000", utilities: str = "1,200") -> list[tuple[str, dict]]:
    return [
        ("work", SELF_EMPLOYED),
        ("income", {"gross_income": gross, "expenses_not_from_home": "5000"}),
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
            {
                "ownership": "rent",
                "measure": "sqft",
                "total_area": "1500",
                "whole_year": "yes",
                "moved": "no",
            },
        ),
        ("office", {"office_area": "120", "office_whole_period": "yes", "shared": "no"}),
        ("expenses", {"rent": "18,000", "utilities": utilities, "insurance": "180"}),
        ("phone_internet", {"internet_monthly": "60", "internet_business_pct": "50"}),
        ("carryovers", {}),
        ("deduction", {"filing_status": "single", "deduction": "standard"}),
    ]


# --- Load -------------------------------------------------------------------------------------------------
@dataclass
class LoadResult:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, kind: str, seconds: float) -> None:
        self.samples.setdefault(kind, []).append(seconds)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.samples.values()) + len(self.errors)

    def rate(self) -> float:
        return sum(len(v) for v in self.samples.values()) / self.seconds if self.seconds else 0.0


def percentile_ms(xs: list[float], q: float) -> float | None:
    """Nearest-rank percentile in milliseconds (q in 0..100)."""
    if not xs:
        return None
    s = sorted(xs)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return round(s[k] * 1000, 2)


def median_ms(xs: list[float]) -> float | None:
    return round(statistics.median(xs) * 1000, 2) if xs else None


def run_load(
    users: list, one_iteration: Callable[[object, int, LoadResult, threading.Lock], None], duration: float
) -> LoadResult:
    """One thread per user; each loops `one_iteration(user, i, result, lock)` until `duration` has passed.

    Bounded: no new iteration starts after the deadline, and each request has a socket timeout. An iteration
    that raises counts one error and the user carries on.
    """
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + duration
    start_gate = threading.Barrier(len(users) + 1)

    def worker(user):
        start_gate.wait()
        i = 0
        while time.monotonic() < deadline:
            try:
                one_iteration(user, i, result, lock)
            except Exception as exc:  # every failure is counted; none stops the run
                with lock:
                    result.errors.append(f"{type(exc).__name__}: {exc}"[:300])
            i += 1

    threads = [threading.Thread(target=worker, args=(u,), daemon=True) for u in users]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.monotonic()
    for t in threads:
        t.join(timeout=duration + REQUEST_TIMEOUT * 3)
    result.seconds = time.monotonic() - t0
    if any(t.is_alive() for t in threads):
        result.errors.append("a load thread did not finish in time")
    return result

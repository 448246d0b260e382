"""Owner-only data, for every URL of the site, present and future.

The walker reads the URL configuration (django.urls.get_resolver, recursively). Every pattern with an object id
is filled in with a return owned by user A, for every value its other arguments can take (every interview step),
and requested:

- by user B, GET and POST (POST with the form A's own page shows, so a missing owner check WOULD change
  something), and PUT/PATCH/DELETE: always 404 (405 for a method the view never takes), the page names
  nothing of A's, and nothing in the database changes;
- anonymously, GET and POST: sent to the sign-in page (or 405), nothing changes;
- by A, as a control: not a 404, so the walker really reached the object.

Every pattern without arguments must be in PUBLIC or send an anonymous visitor to the sign-in page. A pattern
whose argument name or converter the walker does not know FAILS: teach KWARG_VALUES / KNOWN_CONVERTERS (or list
it in NOT_OBJECT_URLS with a reason) when you add one.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, converters, get_resolver, reverse
from django.urls.resolvers import RegexPattern

from interview.models import TaxReturn

SECRET_NAME = "Zebra Sentinel Cottage"


# Argument values that are not real for anyone: the owner gets 404 too, and so must everyone else.
UNREAL_VALUES = {"done", "no-such-step"}


def step_names():
    from interview import steps

    return [*steps.STEP_NAMES, *sorted(UNREAL_VALUES)]


def evidence_ids():
    """Issue #19: a file attached to A's newest return (the one the walker just made)."""
    from interview.evidence import services
    from tests.evidence import files

    # The newest return of user A ("owner-a", the world fixture); names are encrypted, so not by name.
    tax_return = TaxReturn.objects.filter(owner__username="owner-a").latest("id")
    item = services.attach_evidence(
        tax_return, tax_return.owner, target="area", data=files.png(), filename="plan.png"
    )
    return [item.pk]


# How to fill each URL argument: the object ids take A's return; the other arguments every value they can take.
OBJECT_ID_KWARGS = {"pk", "return_id"}
KWARG_VALUES = {"step": step_names, "evidence_id": evidence_ids}
KNOWN_CONVERTERS = (converters.IntConverter, converters.StringConverter, converters.SlugConverter)

# Patterns without arguments an anonymous visitor may see (by URL name).
PUBLIC = {
    "home",
    "healthz",
    # django-allauth's pages for people who are not signed in (issue #15).
    "account_signup",
    "account_login",
    "account_logout",
    "account_inactive",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "session_status",  # answers {"signed_in": false} to a visitor
    "set_language",  # the language switch: a visitor chooses a language too (cookie only; issue #18)
}
# Patterns with arguments that are not ids of anyone's data (name: why).
NOT_OBJECT_URLS = {
    "account_reset_password_from_key": "uidb36 + token from the reset e-mail; allauth checks the signed token",
    "account_confirm_email": "the key from the verification e-mail; allauth checks it (HMAC)",
    "mfa_edit_webauthn": "a passkey's id; allauth looks it up among request.user's own (test_mfa.py)",
    "mfa_remove_webauthn": "a passkey's id; allauth looks it up among request.user's own (test_mfa.py)",
}
# Namespaces covered elsewhere (namespace: why).
SKIPPED_NAMESPACES = {"admin": "staff only: test_admin_is_staff_only below"}


@dataclass
class Route:
    route: str
    name: str
    namespace: str | None
    converters: dict = field(default_factory=dict)
    regex_groups: tuple = ()

    @property
    def url_name(self):
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    def __str__(self):
        return f"{self.url_name or '?'} /{self.route}"


def _regex_groups(pattern) -> tuple:
    if not isinstance(pattern, RegexPattern):
        return ()
    named = tuple(pattern.regex.groupindex)
    return named or (("<unnamed group>",) if pattern.regex.groups else ())


def walk(patterns=None, prefix="", namespace=None, convs=None, groups=()):
    """Every URLPattern under the root URLconf, with the converters and regex groups of all its parents."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = entry.pattern
        here = {**(convs or {}), **(getattr(pattern, "converters", None) or {})}
        here_groups = groups + _regex_groups(pattern)
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from walk(entry.url_patterns, prefix + str(pattern), ns, here, here_groups)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + str(pattern), entry.name, namespace, here, here_groups)
        else:  # pragma: no cover - nothing else exists in Django today
            raise AssertionError(f"unknown URL entry {entry!r}")


ROUTES = list(walk())


def routes_to_check():
    return [r for r in ROUTES if (r.namespace or "").split(":")[0] not in SKIPPED_NAMESPACES]


# --- Helpers ---------------------------------------------------------------------------------------------
class FormScraper(HTMLParser):
    """The POST forms of a page, as {action: {name: value}} with the first choice of every choice input."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "data": {}}
            self.forms.append(self._current)
        if self._current is None:
            return
        data = self._current["data"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                data.setdefault(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                data.setdefault(name, attrs.get("value") or ("100" if kind == "number" else "1"))
        elif tag == "textarea" and name:
            data.setdefault(name, "note")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            data.setdefault(self._select, attrs["value"])
        elif tag == "button" and name and name != "wizard_goto_step":
            data.setdefault(name, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def page_form(html: str, url: str) -> dict:
    """The data of the page's own POST form (not the header's sign-out or the session keep-alive)."""
    scraper = FormScraper()
    scraper.feed(html)
    for form in scraper.forms:
        if form["action"] in ("", url) or form["action"].split("?")[0] == url:
            return form["data"]
    return {}


def snapshot():
    """Every row the app stores, except sessions and the sign-in throttle's records (they change per request)."""
    skip = {"sessions", "axes", "contenttypes", "auth.permission"}
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in skip or label in skip:
            continue
        state[label] = sorted(repr(sorted(row.items())) for row in model.objects.values())
    return state


@dataclass
class World:
    owner: object
    other: object
    owner_client: Client
    other_client: Client
    anonymous: Client

    def fresh_return(self):
        return TaxReturn.objects.create(
            owner=self.owner, tax_year=2025, name=SECRET_NAME, answers={}, version=1
        )


@pytest.fixture
def world(make_user):
    owner, other = make_user("owner-a"), make_user("other-b")
    owner_client, other_client = Client(), Client()
    owner_client.force_login(owner)
    other_client.force_login(other)
    return World(owner, other, owner_client, other_client, Client())


def concrete_urls(route: Route, return_id: int):
    """Every URL for this route with A's return, or raise with what the walker does not know."""
    if route.regex_groups:
        pytest.fail(f"{route}: regex pattern with groups {route.regex_groups}: teach the URL walker")
    for name, conv in route.converters.items():
        if type(conv) not in KNOWN_CONVERTERS:
            pytest.fail(
                f"{route}: unknown converter {type(conv).__name__} for <{name}>: teach the URL walker"
            )
        if name not in OBJECT_ID_KWARGS and name not in KWARG_VALUES:
            pytest.fail(f"{route}: unknown URL argument <{name}>: teach the URL walker how to fill it")
    if not OBJECT_ID_KWARGS & set(route.converters):
        pytest.fail(f"{route}: arguments {sorted(route.converters)} but no object id: teach the URL walker")
    combos = [{}]
    for name in route.converters:
        values = [return_id] if name in OBJECT_ID_KWARGS else KWARG_VALUES[name]()
        combos = [{**c, name: v} for c in combos for v in values]
    return [
        (reverse(route.url_name, kwargs=kwargs), not UNREAL_VALUES & {str(v) for v in kwargs.values()})
        for kwargs in combos
    ]


def assert_goes_to_login(response, what):
    assert response.status_code in (302, 405), f"{what}: {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login")), (
            f"{what}: redirects to {response['Location']}"
        )


# --- The generated test ----------------------------------------------------------------------------------
@pytest.mark.parametrize("route", routes_to_check(), ids=str)
def test_every_url_is_owner_only(route, world):
    if not route.converters and not route.regex_groups:
        if route.url_name in PUBLIC:
            return
        url = reverse(route.url_name)
        for method in ("get", "post"):
            assert_goes_to_login(getattr(world.anonymous, method)(url), f"anonymous {method.upper()} {url}")
        return
    if route.url_name in NOT_OBJECT_URLS:
        return

    for url, real in concrete_urls(route, world.fresh_return().pk):
        tax_return = TaxReturn.objects.filter(owner=world.owner).latest("id")
        # A sees it (control): the walker reached a real object.
        owner_page = world.owner_client.get(url)
        assert owner_page.status_code < 500, f"owner GET {url}: {owner_page.status_code}"
        assert owner_page.status_code != 404 or not real, f"owner GET {url}: 404, the walker reached nothing"
        data = (
            page_form(owner_page.content.decode(errors="replace"), url)
            if owner_page.status_code == 200
            else {}
        )
        data = {
            **data,
            "name": "Hijacked",
            "password": "correct-horse-battery-staple-42",
            "version": str(tax_return.version),
            "owner": str(world.other.pk),
        }

        before = snapshot()
        for who, client in (("other user", world.other_client), ("anonymous", world.anonymous)):
            got = client.get(url)
            if who == "other user":
                # 405 only where the view takes no GET at all (the owner gets 405 too, e.g. POST-only duplicate).
                allowed = (404, 405) if owner_page.status_code == 405 else (404,)
                assert got.status_code in allowed, f"{who} GET {url}: {got.status_code}"
                assert SECRET_NAME.encode() not in got.content
            else:
                assert_goes_to_login(got, f"{who} GET {url}")
            posted = client.post(url, data)
            if who == "other user":
                assert posted.status_code in (404, 405), f"{who} POST {url}: {posted.status_code}"
                assert SECRET_NAME.encode() not in posted.content
            else:
                assert_goes_to_login(posted, f"{who} POST {url}")
            for method in ("put", "patch", "delete"):
                other = getattr(client, method)(
                    url, data="", content_type="application/x-www-form-urlencoded"
                )
                allowed = (404, 405) if who == "other user" else (302, 404, 405)
                assert other.status_code in allowed, f"{who} {method.upper()} {url}: {other.status_code}"
            assert snapshot() == before, f"{who} changed stored data via {url}"
        assert TaxReturn.objects.get(pk=tax_return.pk).owner_id == world.owner.pk


def test_the_walker_sees_the_object_urls_we_know_of():
    """If this fails, the walker stopped seeing URLs (e.g. a broken include), so the test above proves nothing."""
    names = {r.url_name for r in ROUTES}
    for expected in ("interview:export_json", "interview:history"):
        assert expected in names
    object_routes = [r for r in routes_to_check() if OBJECT_ID_KWARGS & set(r.converters)]
    assert len(object_routes) >= 2


def test_plausible_post_data_would_change_things_for_the_owner(world):
    """Control for the POSTs above: the same kind of data, sent by the owner, does change stored data, so the
    other user's unchanged database means the view refused, not that the data was useless."""
    routes = {r.url_name: r for r in ROUTES}
    checked = 0
    for name in ("interview:rename", "interview:delete", "interview:duplicate"):
        if name not in routes:
            continue
        tax_return = world.fresh_return()
        url = reverse(name, kwargs={next(iter(routes[name].converters)): tax_return.pk})
        page = world.owner_client.get(url)
        data = {**page_form(page.content.decode(), url), "name": "Renamed by owner"}
        before = snapshot()
        response = world.owner_client.post(url, data)
        assert response.status_code < 500
        assert snapshot() != before, (
            f"owner POST {url} changed nothing: the walker's POST data is not plausible"
        )
        checked += 1
    if not checked:
        pytest.skip("no rename/delete/duplicate URLs yet")


def test_admin_is_staff_only(world):
    for client in (world.other_client, world.anonymous):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_no_user_model_urls_expose_other_accounts(world):
    """Account pages act on the signed-in person only: B's export never contains A's data."""
    world.fresh_return()
    export = world.other_client.get(reverse("account_export"))
    assert SECRET_NAME.encode() not in export.content
    assert get_user_model().objects.filter(pk=world.owner.pk).exists()


def test_first_step_post_data_is_plausible(world):
    """Control for the interview step URLs: the scraped form, posted by the owner, saves the step."""
    from interview import steps

    first = steps.STEP_NAMES[0]
    route = next((r for r in ROUTES if r.url_name == "interview:step"), None)
    if route is None:
        pytest.skip("no interview step URL yet")
    tax_return = world.fresh_return()
    url = reverse("interview:step", kwargs={"pk": tax_return.pk, "step": first})
    data = page_form(world.owner_client.get(url).content.decode(), url)
    world.owner_client.post(url, data)
    tax_return.refresh_from_db()
    assert first in tax_return.answers, "the walker's step POST data does not even save for the owner"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (
            Route("things/<uuid:thing>/", "thing", None, {"thing": converters.UUIDConverter()}),
            "unknown converter",
        ),
        (
            Route("things/<int:thing_id>/", "thing", None, {"thing_id": converters.IntConverter()}),
            "unknown URL argument",
        ),
        (Route("things/<slug:step>/", "thing", None, {"step": converters.SlugConverter()}), "no object id"),
        (Route("^things/(?P<pk>[0-9]+)/$", "thing", None, {}, ("pk",)), "regex pattern"),
    ],
)
def test_the_walker_refuses_urls_it_cannot_fill(route, message):
    """A future URL the walker cannot fill fails loudly instead of being skipped."""
    with pytest.raises(pytest.fail.Exception, match=message):
        concrete_urls(route, 1)


# Modules allowed to query returns or their history directly (module: why it is safe).
DIRECT_QUERY_ALLOWED = {
    "interview/selectors.py": "the owner-scoped reads themselves",
    "interview/services.py": "writes; every function checks the owner first (_check_owner)",
    "interview/history_views.py": "filters by a return already fetched through get_return_for",
    "interview/evidence/services.py": "locks the return to keep uploads within its limit, after the owner check",
    "homeoffice/management/commands/recompute_all.py": "operator command over every return, no request",
    "interview/tasks.py": "a worker's render by the id the app enqueued after an owner-checked save, no request",
}


def test_views_reach_returns_only_through_the_owner_scoped_selectors():
    """Requests can carry ids outside the URL too (form fields, query strings): so no module but the listed
    ones may query TaxReturn or AnswerChange directly; everything else goes through interview/selectors.py."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for package in ("interview", "homeoffice"):
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if "/migrations/" in rel or rel in DIRECT_QUERY_ALLOWED or rel.startswith("homeoffice/engine/"):
                continue
            text = path.read_text()
            for needle in (
                r"TaxReturn\.(objects|_default_manager)",
                r"AnswerChange\.objects",
                r"\.objects\.raw\(",
            ):
                if re.search(needle, text):
                    offenders.append(f"{rel}: {needle}")
    assert not offenders, (
        "query returns through interview/selectors.py (or list the module with a reason):\n"
        + "\n".join(offenders)
    )

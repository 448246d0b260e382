"""Session limits and the headers that keep signed-in pages out of caches.

- Idle timeout: a signed-in session with no request for ``SESSION_IDLE_TIMEOUT`` (15 minutes) is ended on the
  server, whatever the browser or its script does. ``SESSION_COOKIE_AGE`` matches it, so the stored session
  also expires.
- Absolute limit: ``SESSION_ABSOLUTE_TIMEOUT`` (12 hours) after signing in the session is ended even if used.
- ``Cache-Control: no-store`` (with Django's full never-cache set) on every response to a signed-in user and on
  every PDF, so no browser or proxy keeps a copy of someone's figures.
- ``Clear-Site-Data`` on the response that ends a session (sign-out, timeout, account deletion), so the browser
  drops its cache, cookies and storage for the site.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers

LAST_SEEN_KEY = "_security_last_seen"
SIGNED_IN_AT_KEY = "_security_signed_in_at"
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
# After a timeout the session is already gone on the server; keep cookies so the "signed out" message survives.
CLEAR_SITE_DATA_TIMEOUT = '"cache", "storage"'

# Activity is written to the session at most this often (each write is a database UPDATE of the session row):
# the idle timeout is exact to within these seconds.
ACTIVITY_RESOLUTION = 10

# Paths that report on the session without counting as activity (the page script asks how long is left).
PASSIVE_PATHS = ("/accounts/session/status/",)
# "Stay signed in" always counts, whatever ACTIVITY_RESOLUTION says.
KEEPALIVE_PATHS = ("/accounts/session/keepalive/",)


def _seconds(value) -> int:
    return int(value.total_seconds())


@receiver(user_logged_in, dispatch_uid="homeoffice.session_limits_start")
def _start_session_clock(sender, request, user, **kwargs):
    """Every sign-in (also signing in again as the same person) starts both clocks afresh."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now


class SessionSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = int(time.time())
        was_signed_in = self._enforce_limits(request, now)
        passive = request.path in PASSIVE_PATHS
        request.session_idle_timeout = _seconds(settings.SESSION_IDLE_TIMEOUT)
        request.session_idle_warning = _seconds(settings.SESSION_IDLE_WARNING)

        response = self.get_response(request)

        signed_in = request.user.is_authenticated
        if signed_in:
            session = request.session
            if SIGNED_IN_AT_KEY not in session:
                session[SIGNED_IN_AT_KEY] = now
            last_seen = session.get(LAST_SEEN_KEY)
            due = last_seen is None or now - last_seen >= ACTIVITY_RESOLUTION
            if not passive and (due or request.path in KEEPALIVE_PATHS):
                session[LAST_SEEN_KEY] = now  # marks the session modified: stored expiry and cookie slide too
        if signed_in or was_signed_in or response.get("Content-Type", "").startswith("application/pdf"):
            add_never_cache_headers(response)
        if was_signed_in and not signed_in:
            timed_out = getattr(request, "_security_timed_out", False)
            response["Clear-Site-Data"] = CLEAR_SITE_DATA_TIMEOUT if timed_out else CLEAR_SITE_DATA
        return response

    def _enforce_limits(self, request, now: int) -> bool:
        """End an expired session before the view runs. Returns whether the request came in signed in."""
        if not request.user.is_authenticated:
            return False
        session = request.session
        last_seen = session.get(LAST_SEEN_KEY)
        signed_in_at = session.get(SIGNED_IN_AT_KEY)
        reason = None
        absolute, idle = _seconds(settings.SESSION_ABSOLUTE_TIMEOUT), _seconds(settings.SESSION_IDLE_TIMEOUT)
        if signed_in_at is not None and now - signed_in_at >= absolute:
            hours = max(1, absolute // 3600)
            reason = f"You were signed out because you have been signed in for {hours} hours. Please sign in again."
        elif last_seen is not None and now - last_seen >= idle:
            minutes = max(1, idle // 60)
            reason = f"You were signed out after {minutes} minutes without activity. Please sign in again."
        if reason:
            logout(request)
            request._security_timed_out = True
            messages.info(request, reason)
        return True


HEALTHZ_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answers /healthz before sessions, authentication or anything else that could touch the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ_PATH:
            from homeoffice.views import healthz

            return healthz(request)
        return self.get_response(request)

"""Login throttling glue for django-axes: the client address, the lockout page and the backend.

The client address is REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_COUNT says how many reverse proxies in front of
the app append to X-Forwarded-For; then it is the entry that the outermost trusted proxy appended. Anything
a client writes into X-Forwarded-For itself sits to the left of that entry and is never used.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < count:
        return remote  # fewer hops than configured: do not guess, use the connection's address
    candidate = chain[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """One page for every lockout: it names no user and says nothing about whether the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class AxesRequestBackend(AxesStandaloneBackend):
    """Axes' lockout check for every sign-in that comes with a request (all of the site's forms do).

    Only code that calls ``authenticate()`` without a request (Django's test client ``login()``, a shell) is
    not throttled: there is no client to throttle, and axes would otherwise raise instead of answering.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def throttle_username(request, credentials=None) -> str | None:
    """The "username" django-axes counts failures for: the account's username when the typed identifier (an
    e-mail address or a username) belongs to an account, else the identifier as typed (lower-cased). So five
    wrong passwords lock the account from that address whether the person typed its e-mail or its username."""
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not typed and request is not None:
        data = getattr(request, "POST", {}) or {}
        typed = data.get("login") or data.get("username") or data.get("email")
    if not typed:
        return None
    typed = str(typed).strip()
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager
    user = users.filter(username=typed).first()
    if user is None and "@" in typed:
        from allauth.account.models import EmailAddress

        address = EmailAddress.objects.filter(email__iexact=typed).select_related("user").first()
        user = address.user if address else users.filter(email__iexact=typed).first()
    return user.get_username() if user is not None else typed.lower()

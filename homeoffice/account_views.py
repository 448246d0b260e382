"""A person's rights over their data: see it, take it away as JSON, delete it. Plus the session-status endpoints
the idle-timeout warning uses (the server enforces the timeout; these only inform and extend it)."""

from importlib import import_module

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeoffice.downloads import json_download
from homeoffice.i18n import saved_language
from homeoffice.middleware import LAST_SEEN_KEY
from interview.export_views import return_as_dict
from interview.selectors import returns_for

EXPORT_FORMAT = "homeoffice.account/1"


def account_as_dict(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "language": saved_language(user),  # the language switch's saved choice (issue #18), or null
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("id")
            ],
            # Which second factors are set up and when; never their secrets.
            "second_factors": [
                {"type": a.type, "created_at": a.created_at.isoformat()}
                for a in Authenticator.objects.filter(user=user).order_by("id")
            ],
            "sessions": [
                {
                    "ip": s.ip,
                    "user_agent": s.user_agent,
                    "created_at": s.created_at.isoformat(),
                    "last_seen_at": s.last_seen_at.isoformat(),
                }
                for s in UserSession.objects.filter(user=user).order_by("id")
            ],
        },
        "returns": [return_as_dict(r) for r in returns_for(user).order_by("tax_year", "id")],
    }


@login_required
@require_GET
def account_data(request):
    return render(request, "account/data.html")


@login_required
@require_GET
def account_security(request):
    """One page that leads to each sign-in setting (allauth's pages) and says what is set up."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    kinds = set(Authenticator.objects.filter(user=request.user).values_list("type", flat=True))
    return render(
        request,
        "account/security.html",
        {
            "email": EmailAddress.objects.filter(user=request.user, primary=True).first(),
            "has_totp": Authenticator.Type.TOTP in kinds,
            "has_passkey": Authenticator.Type.WEBAUTHN in kinds,
            "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in kinds,
        },
    )


@login_required
@require_GET
def account_export(request):
    return json_download(account_as_dict(request.user), "home-office-account.json")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Enter your password to confirm that you want to delete your account and all its returns.",
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # authenticate() (not check_password) so guesses here are throttled like the sign-in form.
        if authenticate(self.request, username=user.get_username(), password=password) != user:
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


def end_sessions_for(user_id) -> int:
    """Delete every stored session of this user (database, and the cache too for cached_db)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def delete_account_data(user) -> None:
    """Remove the person and everything stored about them: returns and their history cascade with the user;
    the sign-in throttle's records are keyed by username, so they go explicitly."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from interview.pdf import forget_return

    username = user.get_username()
    user_id = user.pk
    return_ids = list(user.tax_returns.values_list("pk", flat=True))
    with transaction.atomic():
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=username).delete()
        user.delete()
    end_sessions_for(user_id)
    for return_id in return_ids:  # cached worksheet PDFs hold the returns' figures
        forget_return(return_id)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account_data(user)
        # A page, not a message after a redirect: the response also clears the site's cookies.
        return render(request, "account/deleted.html")
    return render(request, "account/delete.html", {"form": form})


@require_GET
def session_status(request):
    """How long the session has left. Does not count as activity (see homeoffice.middleware.PASSIVE_PATHS)."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "idle_remaining": 0})
    idle = int(settings.SESSION_IDLE_TIMEOUT.total_seconds())
    last_seen = request.session.get(LAST_SEEN_KEY)
    remaining = idle if last_seen is None else max(0, idle - (int(timezone.now().timestamp()) - last_seen))
    return JsonResponse({"signed_in": True, "idle_remaining": remaining})


@login_required
@require_POST
def session_keepalive(request):
    """ "Stay signed in": any signed-in request resets the idle clock; this one just has nothing else to do."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {"signed_in": True, "idle_remaining": int(settings.SESSION_IDLE_TIMEOUT.total_seconds())}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = settings.LOGIN_REDIRECT_URL
    return redirect(target)

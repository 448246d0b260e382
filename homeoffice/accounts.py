"""Accounts with django-allauth (issue #15): the adapter, the sign-in stage for accounts made before e-mail
existed, and the gates that send a signed-in person to add a verified e-mail (or a second factor, when the
operator requires one) before anything else.

Decision record: docs/decisions/0070-accounts-allauth.md.
"""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import EmailVerificationStage
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from homeoffice.security import client_ip

ADD_EMAIL_MESSAGE = (
    "Add your e-mail address and confirm it from the message we send you before you continue. "
    "It is how you can get back into your account if you forget your password."
)
CONFIRM_EMAIL_MESSAGE = "Confirm your e-mail address from the message we sent you before you continue."
MFA_REQUIRED_MESSAGE = "This service asks every account to set up a second sign-in step before you continue."

# Paths a signed-in person may use before the e-mail (or second-factor) gate is passed: the account pages
# themselves, sign-out, the session-timeout endpoints, static files and the probe.
# Staff pages (/admin/) have their own sign-in.
GATE_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/admin/")


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()


def has_any_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return bool(user.email) or EmailAddress.objects.filter(user_id=user.pk).exists()


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return (
        Authenticator.objects.filter(user_id=user.pk).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
    )


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # An opaque username: the e-mail address is how people sign in, and a username derived from it would
        # copy a name into every place usernames travel (throttle records, exports, admin).
        if not user.username:
            user.username = f"user-{secrets.token_hex(6)}"

    def get_client_ip(self, request):
        # The same address django-axes throttles by (REMOTE_ADDR, or DJANGO_TRUSTED_PROXY_COUNT hops).
        return client_ip(request) or "0.0.0.0"  # noqa: S104 (a placeholder address, never bound)

    def get_login_stages(self):
        return [
            "homeoffice.accounts.LegacyAwareEmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]


class LegacyAwareEmailVerificationStage(EmailVerificationStage):
    """allauth's mandatory verification, except for an account that has no e-mail address at all (made by the
    username sign-up before issue #15): nothing could be sent to it, so it signs in and
    VerifiedEmailRequiredMiddleware asks it to add and verify an address before anything else."""

    def handle(self):
        user = self.login.user
        if user is not None and not self.login.signup and not has_any_email(user):
            return None, True
        return super().handle()


class VerifiedEmailRequiredMiddleware:
    """A signed-in person without a verified e-mail address is sent to the e-mail page: nothing (no return is
    created or saved) until an address is verified. With DJANGO_REQUIRE_MFA=1, the same for a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(GATE_OPEN_PREFIXES):
            gate = self._gate(request, user)
            if gate is not None:
                return gate
        return self.get_response(request)

    def _gate(self, request, user):
        if not has_verified_email(user):
            messages.info(request, ADD_EMAIL_MESSAGE if not has_any_email(user) else CONFIRM_EMAIL_MESSAGE)
            return redirect(reverse("account_email"))
        if getattr(settings, "REQUIRE_MFA", False) and not has_mfa(user):
            messages.info(request, MFA_REQUIRED_MESSAGE)
            return redirect(reverse("mfa_index"))
        return None


def notify_sign_in_from_new_device(sender, request, user, **kwargs):
    """A security e-mail when an account signs in from a browser and address it has no current session from.

    The first sign-in of an account (nothing to compare with) sends nothing; neither does a sign-in without a
    request (tests, shells). Known devices are the account's recorded sessions (allauth.usersessions), which
    end with their sessions: a device unused for longer than a session is new again, which errs on telling."""
    if request is None or not hasattr(request, "session"):
        return
    from allauth.account.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    address = client_ip(request) or ""
    others = UserSession.objects.filter(user_id=user.pk).exclude(
        session_key=request.session.session_key or ""
    )
    if not others.exists():
        return
    if others.filter(ip=address, user_agent__startswith=agent).exists():
        return
    adapter = get_adapter(request)
    adapter.send_notification_mail("account/email/new_sign_in", user)

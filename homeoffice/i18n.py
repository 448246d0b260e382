"""The language switch (issue #18, docs/decisions/0110-spanish-and-the-engine.md).

Which language a page is in, strongest first: the signed-in person's saved choice (LanguagePreference), the
language cookie that the switch sets, the browser's Accept-Language (Django's LocaleMiddleware), English.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

SUPPORTED = {code for code, _name in settings.LANGUAGES}
# The saved choice is read from the database once, at sign-in, and kept in the session: no query per request.
SESSION_KEY = "_language_preference"


def saved_language(user) -> str | None:
    """The user's saved choice, or None (anonymous, never chose, or a language no longer offered)."""
    if user is None or not user.is_authenticated:
        return None
    from interview.models import LanguagePreference

    language = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return language if language in SUPPORTED else None


def owner_language(user) -> str:
    """The language of a return's owner, for what is made for them outside their request (the PDF)."""
    return saved_language(user) or translation.get_language() or settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """After authentication: a signed-in person's saved choice (put in the session at sign-in, or by the
    switch) wins over cookie and Accept-Language. A signed-out session has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        if language and language != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


@receiver(user_logged_in)
def remember_language_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        language = saved_language(user)
        if language:
            request.session[SESSION_KEY] = language
            translation.activate(language)


@require_POST
def set_language(request):
    """Django's set_language (cookie, safe redirect back) plus, when signed in, the saved choice."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in SUPPORTED and request.user.is_authenticated:
        from interview.models import LanguagePreference

        LanguagePreference.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[SESSION_KEY] = language
    return response

"""Site-level pages: the landing page and sign-up. The interview lives in the interview app."""

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from homeoffice import ratelimit
from homeoffice.security import client_ip

TOO_MANY = "Too many requests from your network. Please wait {minutes} minutes and try again."


def _too_many(form, request, template: str, scope: str, context=None):
    seconds = ratelimit.retry_after(scope)
    form.add_error(None, TOO_MANY.format(minutes=max(1, seconds // 60)))
    response = render(request, template, {**(context or {}), "form": form}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def home(request):
    return render(request, "home.html")


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("interview:dashboard")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and not ratelimit.allow("signup:ip", client_ip(request)):
        form.is_valid()  # keep what was typed, with its own messages
        return _too_many(form, request, "registration/signup.html", "signup:ip")
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("interview:dashboard")
    return render(request, "registration/signup.html", {"form": form})


def healthz(request):
    """Liveness and readiness for a load balancer: 200 only if the database answers."""
    from django.db import connection
    from django.http import JsonResponse

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # The probe must answer, not raise: a 503 takes this app server out of rotation.
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_floor(request):
    """Benchmark only (issue #8): the cheapest page Django can serve through the full middleware stack, the
    floor the step pages are compared with. Routed only when HOMEOFFICE_BENCH_FLOOR=1 (homeoffice/urls.py);
    production never sets it. It reads no session, no user and no database."""
    from django.http import HttpResponse

    return HttpResponse(b"ok\n", content_type="text/plain")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with a limit on how often one network, or one address, can make the site send mail."""

    def form_valid(self, form):
        email = (form.cleaned_data.get("email") or "").strip().lower()
        for scope, who in (("password_reset:ip", client_ip(self.request)), ("password_reset:email", email)):
            if not ratelimit.allow(scope, who):
                return _too_many(
                    form, self.request, self.template_name, scope, self.get_context_data(form=form)
                )
        return super().form_valid(form)

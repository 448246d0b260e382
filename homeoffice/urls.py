import os

from django.contrib import admin
from django.urls import include, path

from homeoffice import account_views, i18n, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", i18n.set_language, name="set_language"),
    path("accounts/security/", account_views.account_security, name="account_security"),
    path("accounts/data/", account_views.account_data, name="account_data"),
    path("accounts/export.json", account_views.account_export, name="account_export"),
    path("accounts/delete/", account_views.account_delete, name="account_delete"),
    path("accounts/session/status/", account_views.session_status, name="session_status"),
    path("accounts/session/keepalive/", account_views.session_keepalive, name="session_keepalive"),
    # django-allauth (issue #15): sign-up, sign-in, sign-out, e-mail, password reset and change, MFA
    # (/accounts/2fa/...), and the list of signed-in sessions (/accounts/sessions/).
    path("accounts/", include("allauth.urls")),
    path("returns/", include("interview.urls")),
    path("admin/", admin.site.urls),
]

# Benchmark only (issue #8, benchmarks/run.py): a bare view to measure the server's floor. Never routed unless
# the process is started with HOMEOFFICE_BENCH_FLOOR=1, which no deployment sets.
if os.environ.get("HOMEOFFICE_BENCH_FLOOR") == "1":
    urlpatterns.append(path("_bench/floor", views.bench_floor, name="bench_floor"))

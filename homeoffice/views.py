"""Site-level pages: the landing page and the health probe (accounts are django-allauth's, issue #15). The interview lives in the interview app."""

from django.shortcuts import render


def home(request):
    return render(request, "home.html")


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

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.levels import VIEWER, has_level
from catalogue.selectors import library_overview
from recommendations.assessments.selectors import situation_list


def home(request: HttpRequest) -> HttpResponse:
    situations = situation_list(request.user)[:8] if has_level(request.user, VIEWER) else []
    return render(request, "home.html", {"overview": library_overview(), "situations": situations})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and compose health checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means not ready
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})

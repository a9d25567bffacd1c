from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.levels import VIEWER, has_level
from catalogue.selectors import library_overview
from recommendations.assessments.selectors import situation_list


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """For viewers and up, their teams' situations and the library's overview; for the
    anonymous and users with no level, what Envoy is and how to get in."""
    if not has_level(request.user, VIEWER):
        return render(request, "home.html", {})
    situations = situation_list(request.user)[:8]
    return render(request, "home.html", {"overview": library_overview(), "situations": situations})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and compose health checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means not ready
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})

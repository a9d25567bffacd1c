"""The database unreachable (restarting, failing over): 503 with Retry-After, never a 500."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from core.api import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS, is_api, json_error

log = logging.getLogger(__name__)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The answer to a request that met a lost or refused database connection."""
    response: HttpResponse
    if is_api(request):
        response = json_error(503, DATABASE_UNAVAILABLE)
    else:  # rendered without the request: its context processors would query the database
        response = HttpResponse(render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            log.warning("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None

"""Envoy's own middleware: answers to a signed-in user kept out of caches, and the database
unreachable (restarting, failing over) or busy with another write (SQLite) answered 503 with
Retry-After and what happened, never a 500."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from core.api import (
    DATABASE_BUSY,
    DATABASE_UNAVAILABLE,
    RETRY_AFTER_SECONDS,
    database_is_busy,
    is_api,
    json_error,
)

log = logging.getLogger(__name__)


def database_unavailable(request: HttpRequest, busy: bool = False) -> HttpResponse:
    """The answer to a request that met a lost or refused database connection, or (`busy`)
    a database another write kept locked."""
    response: HttpResponse
    if is_api(request):
        response = json_error(503, DATABASE_BUSY if busy else DATABASE_UNAVAILABLE)
    else:  # rendered without the request: its context processors would query the database
        message = (
            gettext(
                "Another change is being saved, so this one was not. Please try again in a moment."
            )
            if busy
            else ""
        )
        page = render_to_string("errors/503.html", {"message": message})
        response = HttpResponse(page, status=503)
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
            return database_unavailable(request, busy=database_is_busy(exception))
        return None


class PrivateResponsesMiddleware:
    """Every answer to a signed-in user, by session or API token, carries `Cache-Control:
    private, no-store`: it may hold team data or a key, so neither a shared cache nor the
    browser (its disk or back-forward cache) keeps it. An answer that calls itself public,
    such as a script bundle, keeps its own header; static files never reach this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "public" in response.get("Cache-Control", ""):
            return response
        user = getattr(request, "user", None)  # an API view sets the token's user here
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

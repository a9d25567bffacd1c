"""API-wide behaviour: pagination, JSON error bodies for every failure, never an HTML page."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from recommendations.engine import ContractError
from recommendations.rulesets import NoActiveRuleset
from recommendations.services import NotAllowed

logger = logging.getLogger(__name__)


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def api_exception_handler(exc, context):
    """DRF's handler, plus: contract errors 400 per field, permission 403, no ruleset 503."""
    if isinstance(exc, ContractError):
        return Response(exc.errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, NotAllowed):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, NoActiveRuleset):
        return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            {"detail": "The server could not complete the request. It has been logged."},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return response


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def json_error(status_code: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status_code)


class ThrottleFirst:
    """Check throttles before authentication and permissions, so refused requests count too.

    DRF checks throttles last; an anonymous client would then get 401 forever without ever
    being slowed down. This is DRF's `initial()` with the throttle check moved first.
    """

    def initial(self, request, *args, **kwargs):
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(
            request
        )
        request.version, request.versioning_scheme = self.determine_version(
            request, *args, **kwargs
        )
        self.check_throttles(request)
        self.perform_authentication(request)
        self.check_permissions(request)

"""API-wide behaviour: pagination, JSON error bodies for every failure, never an HTML page."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import InterfaceError, OperationalError, models
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from contract.errors import EnvoyError, InvalidInput
from contract.text import MAX_WHOLE_NUMBER, NAME_PATTERN, TEXT_PATTERN, whole_number

logger = logging.getLogger(__name__)
# The schema's answer for input refused per field (`InvalidInput`).
FIELD_ERRORS = OpenApiResponse(
    description="Invalid input: a list of messages per field (or `non_field_errors`)."
)


class TakesTextOnly:
    """A text field that takes JSON strings only. DRF's own turns a number or a boolean into
    its digits (`"country": -5639217279` would name a country), which the schema, saying
    `string`, refuses: every text field of Envoy's API is one of these."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise ValidationError(_("Not a valid string."), code="not_text")
        return super().to_internal_value(data)  # type: ignore[misc]


class TextField(TakesTextOnly, serializers.CharField):
    schema_pattern = TEXT_PATTERN  # what the schema says it refuses (config/schema.py)


class NameField(TextField):
    """A name people read and compare (a country): the schema says it refuses invisible and
    direction-changing characters, as the contract and the situation services do."""

    schema_pattern = NAME_PATTERN


class SlugField(TakesTextOnly, serializers.SlugField):
    pass


class URLField(TakesTextOnly, serializers.URLField):
    pass


class EmailField(TakesTextOnly, serializers.EmailField):
    pass


# DRF's ModelSerializer with its text model fields read by the fields above (a comment: the
# schema would take a docstring as the description of every serializer that has none).
class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
        models.SlugField: SlugField,
        models.URLField: URLField,
        models.EmailField: EmailField,
    }


class Pagination(PageNumberPagination):
    """Pages of 25 by default; `page_size` from 1 to 100 and `page` from 1, each given once in
    ASCII digits, anything else is a 400 (a page past the last is a 404)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return 1
        number = whole_number(values[0], minimum=1) if len(values) == 1 else None
        if number is None:
            raise ValidationError({"page": ["A whole number from 1, given once."]})
        return number

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        size = whole_number(values[0], minimum=1) if len(values) == 1 else None
        if size is not None and size <= self.max_page_size:
            return size
        raise ValidationError(
            {"page_size": [f"A whole number from 1 to {self.max_page_size}, given once."]}
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["required"] = False
            parameter["schema"]["minimum"] = 1
            parameter["schema"]["maximum"] = (
                self.max_page_size
                if parameter["name"] == self.page_size_query_param
                else MAX_WHOLE_NUMBER
            )
        return parameters


class QueryParameters(serializers.Serializer):
    """Query-string filters: an empty or repeated parameter is an error, not ignored, and a
    whole number is within MAX_WHOLE_NUMBER either way (what every database keeps) unless it
    says less."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            if not isinstance(field, serializers.IntegerField):
                continue
            if field.max_value is None:
                field.max_value = MAX_WHOLE_NUMBER
                message = field.error_messages["max_value"].format(max_value=MAX_WHOLE_NUMBER)
                field.validators.append(MaxValueValidator(MAX_WHOLE_NUMBER, message=message))
            if field.min_value is None:
                field.min_value = -MAX_WHOLE_NUMBER
                message = field.error_messages["min_value"].format(min_value=-MAX_WHOLE_NUMBER)
                field.validators.append(MinValueValidator(-MAX_WHOLE_NUMBER, message=message))
        return fields

    def to_internal_value(self, data):
        errors = {}
        for name, field in self.fields.items():
            values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
            if name in data and len(values) > 1:
                errors[name] = ["Give this parameter once."]
            elif name in data and data.get(name) == "" and not getattr(field, "allow_blank", 0):
                errors[name] = ["May not be empty."]
        if errors:
            raise ValidationError(errors)
        return super().to_internal_value(data)


DATABASE_UNAVAILABLE = (
    "The database is unavailable for a moment; nothing was stored. Try again shortly."
)
DATABASE_BUSY = "Another change is being saved; nothing was stored. Try again in a moment."
RETRY_AFTER_SECONDS = 5


def database_is_busy(exc: Exception) -> bool:
    """Whether the database refused because another write held it (SQLite's one writer)."""
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def api_exception_handler(exc, context):
    """DRF's handler, plus Envoy's own errors: each answers with its kind's status (invalid
    input: 400 with a message per field), and Django's validation errors are 400 too."""
    if isinstance(exc, InvalidInput):
        return Response(exc.errors, status=exc.status)
    if isinstance(exc, EnvoyError):
        return Response({"detail": str(exc)}, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("Database unavailable: %s", exc)
        return Response(
            {"detail": DATABASE_BUSY if database_is_busy(exc) else DATABASE_UNAVAILABLE},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {"detail": f"The request body is larger than the {limit:,} bytes allowed."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
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


# Every Envoy endpoint checks throttles before authentication and permissions, so refused
# requests count too: DRF checks throttles last, and an anonymous client would then get 401
# forever without ever being slowed down. `initial()` is DRF's with the throttle check moved
# first. (A comment, not a docstring: the API's documentation would show a class's docstring
# as the description of its views' operations.)
class ThrottleFirst(APIView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
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

"""REST endpoint for bulk imports of assessments."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.levels import signed_in
from accounts.permissions import ReadOrAssess
from core.api import FIELD_ERRORS, ThrottleFirst
from core.limits import accepts_upload
from recommendations.imports.serializers import ImportSerializer
from recommendations.imports.services import import_start
from recommendations.taskruns.serializers import TaskRunSerializer


@accepts_upload
class ImportViewSet(ThrottleFirst, viewsets.GenericViewSet):
    permission_classes = [ReadOrAssess]
    serializer_class = ImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Import assessments from a file",
        description="Analysts and curators: a CSV or JSON file of assessments, imported as a "
        "background task; the answer is the task, whose report says what became of each row.",
        request={"multipart/form-data": ImportSerializer},
        responses={
            202: TaskRunSerializer,
            400: FIELD_ERRORS,
            503: OpenApiResponse(description="The task queue is unavailable; nothing was started."),
        },
    )
    def create(self, request: Request) -> Response:
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = import_start(
            user=signed_in(request.user),
            upload=data.validated_data["file"],
            team=data.validated_data.get("team") or None,
            fmt=data.validated_data.get("format") or None,
        )
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

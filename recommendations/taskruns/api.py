"""REST endpoints for background tasks and an import's row report."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action

from accounts.permissions import ReadOrCurate
from core.api import QueryParameters, ThrottleFirst
from recommendations.models import ImportRow, TaskRun
from recommendations.taskruns.selectors import import_rows, task_list
from recommendations.taskruns.serializers import ImportRowSerializer, TaskRunSerializer


class TaskRunFilterSerializer(QueryParameters):
    kind = serializers.ChoiceField(choices=TaskRun.Kind.values, required=False)


class ImportRowFilterSerializer(QueryParameters):
    status = serializers.ChoiceField(choices=ImportRow.Status.values, required=False)


@extend_schema_view(
    list=extend_schema(
        summary="List your background tasks",
        description="The state and progress of your teams' imports and of the re-evaluations "
        "and dry-runs you started, newest first.",
        parameters=[TaskRunFilterSerializer],
    ),
    retrieve=extend_schema(
        summary="One background task, by its id",
        description="A task's state, progress (`done` of `total`) and, once it has "
        "finished, its report or its error.",
    ),
)
class TaskRunViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = TaskRunSerializer
    lookup_value_regex = r"[0-9a-f-]{36}"

    def get_queryset(self):
        params = TaskRunFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return task_list(self.request.user, params.validated_data.get("kind"))

    @extend_schema(
        summary="An import's row report",
        parameters=[ImportRowFilterSerializer],
        responses={200: ImportRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def rows(self, request, pk=None):
        """An import's report: what became of each row of the file, in file order."""
        run = self.get_object()
        params = ImportRowFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = import_rows(run, params.validated_data.get("status"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ImportRowSerializer(page, many=True).data)

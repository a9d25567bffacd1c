"""Background tasks and an import's row report through the API."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Team
from core.api import ModelSerializer
from recommendations.models import (
    ImportRow,
    TaskRun,
)


class TaskRunSerializer(ModelSerializer):
    state = serializers.ChoiceField(
        source="shown_state",
        choices=TaskRun.State.choices,
        read_only=True,
        help_text="`interrupted`: the task waited or ran but has shown no sign of life for "
        "too long (the process carrying it out died); an import can be resumed on its page.",
    )
    running = serializers.BooleanField(
        read_only=True, help_text="Whether the task still waits or runs: poll again while true."
    )
    status_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField(help_text="The task's page in the web app.")
    rows_url = serializers.SerializerMethodField(
        help_text="For an import: the per-row report (stored, rejected, duplicate); for an "
        "import of event data, its rejected rows."
    )
    team: serializers.SlugRelatedField[Team] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = TaskRun
        fields = [
            "id",
            "kind",
            "state",
            "running",
            "done",
            "total",
            "params",
            "team",
            "result",
            "error",
            "created",
            "finished",
            "heartbeat",
            "status_url",
            "page_url",
            "rows_url",
        ]

    def get_status_url(self, obj) -> str:
        return f"/api/v1/tasks/{obj.pk}/"

    def get_page_url(self, obj) -> str:
        return f"/tasks/{obj.pk}/"

    def get_rows_url(self, obj) -> str | None:
        reported = (TaskRun.Kind.IMPORT, TaskRun.Kind.EVENT_IMPORT)
        return f"/api/v1/tasks/{obj.pk}/rows/" if obj.kind in reported else None


class ImportRowSerializer(ModelSerializer):
    class Meta:
        model = ImportRow
        fields = ["line", "key", "status", "errors", "assessment"]

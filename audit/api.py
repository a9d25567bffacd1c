"""The audit trail over the API, for curators: the same entries and filters as the page."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth.models import User
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from accounts.permissions import CuratorsOnly
from audit.selectors import audit_entries, audited_kinds
from core.api import ModelSerializer, QueryParameters, TextField, ThrottleFirst

ACTIONS = {value: str(label) for value, label in LogEntry.Action.choices}


class AuditFilterSerializer(QueryParameters):
    kind = serializers.ChoiceField(
        choices=sorted(audited_kinds()), required=False, help_text="What was changed."
    )
    object = serializers.IntegerField(
        min_value=1, required=False, help_text="The changed item's id (with `kind`)."
    )
    actor = TextField(max_length=150, required=False, help_text="Who changed it (a username).")
    action = serializers.ChoiceField(choices=list(ACTIONS.values()), required=False)


class AuditEntrySerializer(ModelSerializer):
    actor: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    action = serializers.SerializerMethodField()
    kind = TextField(source="content_type.model", read_only=True)
    correlation_id = TextField(
        source="cid",
        read_only=True,
        allow_null=True,
        help_text="For changes made by a background task: the task's id.",
    )
    changes = serializers.JSONField(
        read_only=True,
        help_text="Each changed field's [old, new] values; for a many-to-many field, the "
        "operation (add or delete) and the items.",
    )

    class Meta:
        model = LogEntry
        fields = [
            "id",
            "timestamp",
            "actor",
            "action",
            "kind",
            "object_id",
            "object_repr",
            "changes",
            "correlation_id",
            "remote_addr",
        ]

    def get_action(self, entry: LogEntry) -> str:
        return ACTIONS[entry.action]


@extend_schema_view(
    list=extend_schema(
        summary="The audit trail",
        description="Every change to situations, assessments, cases, rules, rulesets and "
        "teams, newest first: who, when, what changed. Curators only; situations and "
        "assessments of your own teams only.",
        parameters=[AuditFilterSerializer],
    )
)
class AuditEntryViewSet(ThrottleFirst, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [CuratorsOnly]
    serializer_class = AuditEntrySerializer

    def get_queryset(self):
        params = AuditFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        action = {label: value for value, label in ACTIONS.items()}.get(data.get("action"))
        return audit_entries(
            self.request.user,
            kind=data.get("kind"),
            object_id=data.get("object"),
            actor=data.get("actor"),
            action=action,
        )

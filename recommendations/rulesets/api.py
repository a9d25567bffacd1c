"""REST endpoints for rulesets and rules: thin views over the services."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.levels import signed_in
from accounts.permissions import ReadOrCurate
from core.api import QueryParameters, ThrottleFirst
from recommendations.assessments.reevaluation import reevaluation_start
from recommendations.models import Rule, RuleSet
from recommendations.rulesets.impact import dry_run_start
from recommendations.rulesets.selectors import ruleset_list
from recommendations.rulesets.serializers import (
    RuleCreateSerializer,
    RuleSerializer,
    RuleSetCreateSerializer,
    RuleSetSerializer,
)
from recommendations.rulesets.services import (
    rule_delete,
    rule_save,
    ruleset_activate,
    ruleset_delete,
    ruleset_draft,
    ruleset_update,
)
from recommendations.taskruns.serializers import TaskRunSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List the versions of the rules",
        description="Every ruleset, the active one, the drafts and the retired, newest first.",
    ),
    retrieve=extend_schema(
        summary="One version of the rules",
        description="A ruleset by its version number, with its status and its rules' count.",
    ),
    create=extend_schema(
        summary="Draft a new version",
        description="Curators only: a draft with a copy of the active rules (or of the "
        "version `copy_from` names), to edit, try with a dry-run, then activate.",
        request=RuleSetCreateSerializer,
        responses={201: RuleSetSerializer},
    ),
    update=extend_schema(
        summary="Rename and describe a draft",
        description="Curators only, drafts only: the name and description, given again.",
    ),
    partial_update=extend_schema(
        summary="Change a draft's name or description",
        description="Curators only, drafts only: the fields given change, the others stay.",
    ),
    destroy=extend_schema(
        summary="Delete a draft",
        description="Curators only, drafts only: the draft and its rules are deleted.",
    ),
)
class RuleSetViewSet(ThrottleFirst, viewsets.ModelViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = RuleSetSerializer
    lookup_field = "version"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return ruleset_list()

    def create(self, request, *args, **kwargs):
        data = RuleSetCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = ruleset_draft(user=signed_in(request.user), **data.validated_data)
        return Response(
            RuleSetSerializer(self.get_queryset().get(pk=draft.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Try a version against the active one",
        request=None,
        responses={
            202: TaskRunSerializer,
            503: OpenApiResponse(description="The task queue is unavailable; nothing was started."),
        },
    )
    @action(detail=True, methods=["post"], url_path="dry-run")
    def dry_run(self, request, version=None):
        """Start an impact dry-run of this ruleset against the active one (a background task)."""
        run = dry_run_start(user=signed_in(request.user), candidate=self.get_object())
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Re-assess your teams' situations under the active rules",
        request=None,
        responses={
            202: TaskRunSerializer,
            503: OpenApiResponse(description="The task queue is unavailable; nothing was started."),
        },
    )
    @action(detail=True, methods=["post"])
    def reevaluate(self, request, version=None):
        """Re-assess the latest assessment of each of your teams' situations under this
        ruleset, which must be the active one (a background task)."""
        run = reevaluation_start(user=signed_in(request.user), ruleset=self.get_object())
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Activate a draft",
        request=None,
        responses={
            200: RuleSetSerializer,
            409: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Another version was activated meanwhile: nothing changed.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def activate(self, request, version=None):
        """Make this draft the active ruleset (the current one retires)."""
        ruleset = ruleset_activate(user=signed_in(request.user), ruleset=self.get_object())
        return Response(RuleSetSerializer(self.get_queryset().get(pk=ruleset.pk)).data)

    def perform_update(self, serializer):
        ruleset_update(
            user=signed_in(self.request.user),
            ruleset=serializer.instance,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        ruleset_delete(user=signed_in(self.request.user), ruleset=instance)


class RuleFilterSerializer(QueryParameters):
    ruleset = serializers.IntegerField(required=False, min_value=1, help_text="ruleset version")
    kind = serializers.ChoiceField(choices=Rule.Kind.values, required=False)


@extend_schema_view(
    list=extend_schema(
        summary="List the rules",
        description="The rules of every ruleset, newest version first, narrowed by version "
        "and kind: each with its condition, target, priority, rationale and citations.",
        parameters=[RuleFilterSerializer],
    ),
    retrieve=extend_schema(summary="One rule, by its id", description="A rule of any ruleset."),
    create=extend_schema(
        summary="Add a rule to a draft",
        description="Curators only, drafts only. The condition is checked when it is saved: "
        "an unknown field, value or operator is refused with a message saying which.",
        request=RuleCreateSerializer,
        responses={201: RuleSerializer},
    ),
    update=extend_schema(
        summary="Replace a rule of a draft",
        description="Curators only, drafts only: every field is given again, and checked.",
    ),
    partial_update=extend_schema(
        summary="Change a rule of a draft",
        description="Curators only, drafts only: the fields given change, and are checked.",
    ),
    destroy=extend_schema(
        summary="Delete a rule of a draft", description="Curators only, drafts only."
    ),
)
class RuleViewSet(ThrottleFirst, viewsets.ModelViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = RuleSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        params = RuleFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        rules = Rule.objects.select_related("ruleset").prefetch_related("citations__source")
        if "ruleset" in params.validated_data:
            rules = rules.filter(ruleset__version=params.validated_data["ruleset"])
        if "kind" in params.validated_data:
            rules = rules.filter(kind=params.validated_data["kind"])
        return rules.order_by("-ruleset__version", "kind", "priority", "slug")

    def get_serializer_class(self):
        return RuleCreateSerializer if self.action == "create" else RuleSerializer

    def _save(self, ruleset: RuleSet, data: dict, rule: Rule | None = None) -> Rule:
        return rule_save(user=signed_in(self.request.user), ruleset=ruleset, data=data, rule=rule)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        ruleset = data.pop("ruleset")
        serializer.instance = self._save(ruleset, data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = self._save(serializer.instance.ruleset, data, serializer.instance)

    def perform_destroy(self, instance):
        rule_delete(user=signed_in(self.request.user), rule=instance)

"""REST endpoints for assessments, situations, rulesets and rules: thin views over services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import ReadOrAssess, ReadOrCurate
from contract.choices import labelled
from contract.fields import PHASES, REGIONS, TRACKS
from core.api import QueryParameters, ThrottleFirst
from recommendations.assessments.reevaluation import reevaluation_start
from recommendations.assessments.selectors import (
    AssessmentFilters,
    assessment_body,
    assessment_get,
    assessment_list,
    catalogue_labels,
    import_rows,
    ruleset_list,
    situation_history,
    situation_list,
    task_list,
)
from recommendations.assessments.serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    AssessmentSummarySerializer,
    ImportRowSerializer,
    ImportSerializer,
    RuleCreateSerializer,
    RuleSerializer,
    RuleSetCreateSerializer,
    RuleSetSerializer,
    SituationCreateSerializer,
    SituationDetailSerializer,
    SituationSerializer,
    SituationUpdateSerializer,
    TaskRunSerializer,
)
from recommendations.assessments.services import (
    assessment_create,
    situation_create,
    situation_delete,
    situation_update,
)
from recommendations.imports.services import import_start
from recommendations.models import ImportRow, Rule, RuleSet, TaskRun
from recommendations.rulesets.impact import dry_run_start, ruleset_activate
from recommendations.rulesets.services import (
    rule_delete,
    rule_save,
    ruleset_delete,
    ruleset_draft,
    ruleset_update,
)

FIELD_ERRORS = OpenApiResponse(
    description="Invalid input: a list of messages per field (or `non_field_errors`)."
)


class AssessmentFilterSerializer(QueryParameters):
    situation = serializers.IntegerField(required=False, min_value=1)
    country = serializers.CharField(required=False, max_length=100, trim_whitespace=False)
    region = serializers.ChoiceField(choices=labelled(REGIONS), required=False)
    phase = serializers.ChoiceField(choices=labelled(PHASES), required=False)
    track = serializers.ChoiceField(choices=labelled(TRACKS), required=False)
    created_after = serializers.DateTimeField(required=False)
    created_before = serializers.DateTimeField(required=False)
    ordering = serializers.ChoiceField(choices=["created", "-created"], required=False)


@extend_schema_view(
    list=extend_schema(parameters=[AssessmentFilterSerializer]),
    create=extend_schema(
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, 400: FIELD_ERRORS},
        description="Assess a situation: the body and answer of the v1 contract.",
    ),
    retrieve=extend_schema(responses={200: AssessmentSerializer}),
)
class AssessmentViewSet(
    ThrottleFirst,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOrAssess]
    serializer_class = AssessmentSummarySerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        params = AssessmentFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return assessment_list(self.request.user, AssessmentFilters(**params.validated_data))

    def create(self, request: Request) -> Response:
        assessment = assessment_create(user=request.user, data=request.data)
        return Response(assessment_body(assessment), status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        assessment = assessment_get(request.user, int(pk))
        if assessment is None:
            return Response({"detail": "No assessment with this id."}, status=404)
        return Response(assessment_body(assessment, catalogue_labels()))


@extend_schema_view(
    create=extend_schema(
        request=SituationCreateSerializer, responses={201: SituationDetailSerializer}
    ),
    update=extend_schema(
        request=SituationUpdateSerializer, responses={200: SituationDetailSerializer}
    ),
    partial_update=extend_schema(
        request=SituationUpdateSerializer, responses={200: SituationDetailSerializer}
    ),
    retrieve=extend_schema(responses={200: SituationDetailSerializer}),
)
class SituationViewSet(ThrottleFirst, viewsets.ModelViewSet):
    """Situations your teams track; the detail has the phase history as dated points."""

    permission_classes = [ReadOrAssess]
    serializer_class = SituationSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return situation_list(self.request.user)

    def _detail(self, situation) -> dict:
        situation = self.get_queryset().get(pk=situation.pk)
        situation.history = situation_history(situation)
        return SituationDetailSerializer(situation).data

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(self.get_object()))

    def create(self, request, *args, **kwargs):
        data = SituationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        situation = situation_create(user=request.user, **data.validated_data)
        return Response(self._detail(situation), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        situation = self.get_object()
        data = SituationUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        situation_update(situation=situation, **data.validated_data)
        return Response(self._detail(situation))

    def destroy(self, request, *args, **kwargs):
        situation_delete(situation=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    create=extend_schema(request=RuleSetCreateSerializer, responses={201: RuleSetSerializer}),
)
class RuleSetViewSet(ThrottleFirst, viewsets.ModelViewSet):
    """Versions of the rules. Curators draft, edit and delete drafts; activation is separate."""

    permission_classes = [ReadOrCurate]
    serializer_class = RuleSetSerializer
    lookup_field = "version"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return ruleset_list()

    def create(self, request, *args, **kwargs):
        data = RuleSetCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = ruleset_draft(user=request.user, **data.validated_data)
        return Response(
            RuleSetSerializer(self.get_queryset().get(pk=draft.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=None,
        responses={
            202: TaskRunSerializer,
            503: OpenApiResponse(description="The task queue is unavailable; nothing was started."),
        },
    )
    @action(detail=True, methods=["post"], url_path="dry-run")
    def dry_run(self, request, version=None):
        """Start an impact dry-run of this ruleset against the active one (a background task)."""
        run = dry_run_start(user=request.user, candidate=self.get_object())
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
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
        run = reevaluation_start(user=request.user, ruleset=self.get_object())
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={200: RuleSetSerializer})
    @action(detail=True, methods=["post"])
    def activate(self, request, version=None):
        """Make this draft the active ruleset (the current one retires)."""
        ruleset = ruleset_activate(user=request.user, ruleset=self.get_object())
        return Response(RuleSetSerializer(self.get_queryset().get(pk=ruleset.pk)).data)

    def perform_update(self, serializer):
        ruleset_update(ruleset=serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        ruleset_delete(ruleset=instance)


class RuleFilterSerializer(QueryParameters):
    ruleset = serializers.IntegerField(required=False, min_value=1, help_text="ruleset version")
    kind = serializers.ChoiceField(choices=Rule.Kind.values, required=False)


@extend_schema_view(
    list=extend_schema(parameters=[RuleFilterSerializer]),
    create=extend_schema(request=RuleCreateSerializer, responses={201: RuleSerializer}),
)
class RuleViewSet(ThrottleFirst, viewsets.ModelViewSet):
    """Rules of every ruleset. Curators change the rules of draft rulesets only."""

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
        return rule_save(ruleset=ruleset, data=data, rule=rule)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        ruleset = data.pop("ruleset")
        serializer.instance = self._save(ruleset, data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = self._save(serializer.instance.ruleset, data, serializer.instance)

    def perform_destroy(self, instance):
        rule_delete(rule=instance)


class TaskRunFilterSerializer(QueryParameters):
    kind = serializers.ChoiceField(choices=TaskRun.Kind.values, required=False)


class ImportRowFilterSerializer(QueryParameters):
    status = serializers.ChoiceField(choices=ImportRow.Status.values, required=False)


@extend_schema_view(list=extend_schema(parameters=[TaskRunFilterSerializer]))
class TaskRunViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    """The state and progress of your teams' imports and of the re-evaluations and dry-runs
    you started, newest first."""

    permission_classes = [ReadOrCurate]
    serializer_class = TaskRunSerializer
    lookup_value_regex = r"[0-9a-f-]{36}"

    def get_queryset(self):
        params = TaskRunFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return task_list(self.request.user, params.validated_data.get("kind"))

    @extend_schema(
        parameters=[ImportRowFilterSerializer], responses={200: ImportRowSerializer(many=True)}
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


class ImportViewSet(ThrottleFirst, viewsets.GenericViewSet):
    """Bulk import of assessments from a CSV or JSON file, carried out as a background task."""

    permission_classes = [ReadOrAssess]
    serializer_class = ImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
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
            user=request.user,
            upload=data.validated_data["file"],
            team=data.validated_data.get("team") or None,
            fmt=data.validated_data.get("format") or None,
        )
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

"""REST endpoints for assessments and situations: thin views over the services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.levels import signed_in
from accounts.permissions import ReadOrAssess
from contract.choices import labelled
from contract.fields import PHASES, REGIONS, TRACKS
from core.api import FIELD_ERRORS, QueryParameters, TextField, ThrottleFirst
from recommendations.assessments.selectors import (
    AssessmentFilters,
    assessment_body,
    assessment_get,
    assessment_list,
    catalogue_labels,
    situation_history,
    situation_list,
)
from recommendations.assessments.serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    AssessmentSummarySerializer,
    SituationCreateSerializer,
    SituationDetailSerializer,
    SituationSerializer,
    SituationUpdateSerializer,
    WatchRowSerializer,
)
from recommendations.assessments.services import (
    assessment_create,
    situation_create,
    situation_delete,
    situation_update,
)
from recommendations.assessments.watchlist import ORDERINGS, WatchlistFilters, WatchRow, watchlist
from recommendations.engine.trend import TRENDS


class AssessmentFilterSerializer(QueryParameters):
    situation = serializers.IntegerField(required=False, min_value=1)
    country = TextField(required=False, max_length=100, trim_whitespace=False)
    region = serializers.ChoiceField(choices=labelled(REGIONS), required=False)
    phase = serializers.ChoiceField(choices=labelled(PHASES), required=False)
    track = serializers.ChoiceField(choices=labelled(TRACKS), required=False)
    created_after = serializers.DateTimeField(required=False)
    created_before = serializers.DateTimeField(required=False)
    ordering = serializers.ChoiceField(choices=["created", "-created"], required=False)


@extend_schema_view(
    list=extend_schema(
        summary="List your teams' assessments",
        description="The assessments of your teams' situations, newest first unless "
        "`ordering` says otherwise, narrowed by situation, country, region, phase, track or "
        "date.",
        parameters=[AssessmentFilterSerializer],
    ),
    create=extend_schema(
        summary="Assess a situation",
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, 400: FIELD_ERRORS},
        description="Assess a situation: the body and answer of the v1 contract.",
    ),
    retrieve=extend_schema(
        summary="One assessment, by its id",
        description="An assessment as it was made: the answers given, the phase, the roles, "
        "mission models, lead organizations, Council tools and caveats, each with the rules "
        "that fired and their sources, and the ruleset version that produced it.",
        responses={200: AssessmentSerializer},
    ),
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
        # The body is read before the commit: once the assessment is stored, nothing more
        # asks the database, so a 503 (database lost) always means nothing was stored.
        labels = catalogue_labels()  # before the transaction, from the process's cache
        bodies: list[dict[str, Any]] = []
        assessment_create(
            user=signed_in(request.user),
            data=request.data,
            before_commit=lambda stored: bodies.append(assessment_body(stored, labels)),
        )
        return Response(bodies[0], status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        assessment = assessment_get(request.user, int(pk))
        if assessment is None:
            return Response({"detail": "No assessment with this id."}, status=404)
        return Response(assessment_body(assessment, catalogue_labels()))


@extend_schema_view(
    list=extend_schema(
        summary="List your teams' situations",
        description="The situations your teams track, each with the phase of its latest "
        "assessment.",
    ),
    create=extend_schema(
        summary="Start tracking a situation",
        description="Analysts and curators: a situation of one of your teams, before its "
        "first assessment.",
        request=SituationCreateSerializer,
        responses={201: SituationDetailSerializer},
    ),
    update=extend_schema(
        summary="Replace a situation's details",
        description="Curators only: the country and region, given again.",
        request=SituationUpdateSerializer,
        responses={200: SituationDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a situation's details",
        description="Curators only: the fields given change, the others stay.",
        request=SituationUpdateSerializer,
        responses={200: SituationDetailSerializer},
    ),
    retrieve=extend_schema(
        summary="One situation, by its id",
        description="A situation with its phase history: one dated point per assessment.",
        responses={200: SituationDetailSerializer},
    ),
    destroy=extend_schema(
        summary="Stop tracking a situation",
        description="Curators only: the situation is deleted, with its assessments.",
    ),
)
class SituationViewSet(ThrottleFirst, viewsets.ModelViewSet):
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
        situation = situation_create(user=signed_in(request.user), **data.validated_data)
        return Response(self._detail(situation), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        situation = self.get_object()
        data = SituationUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        situation_update(user=signed_in(request.user), situation=situation, **data.validated_data)
        return Response(self._detail(situation))

    def destroy(self, request, *args, **kwargs):
        situation_delete(user=signed_in(request.user), situation=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class WatchlistFilterSerializer(QueryParameters):
    phase = serializers.ChoiceField(choices=labelled(PHASES), required=False)
    track = serializers.ChoiceField(choices=labelled(TRACKS), required=False)
    trend = serializers.ChoiceField(choices=[(t, t) for t in TRENDS], required=False)
    region = serializers.ChoiceField(choices=labelled(REGIONS), required=False)
    due = serializers.BooleanField(required=False, allow_null=True, default=None)
    alert = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS.items()), required=False)


def watch_row_json(row: WatchRow) -> dict:
    latest, trend = row.latest, row.trend
    return {
        "situation": {"id": row.situation.pk, "country": row.situation.country},
        "team": row.situation.team.slug,
        "region": row.situation.region,
        "latest": None
        if latest is None
        else {
            "id": latest.pk,
            "created": latest.created,
            "created_by": latest.created_by.get_username() if latest.created_by else None,
            "phase": latest.phase.slug,
            "track": latest.track or None,
        },
        "trend": trend.direction if trend else None,
        "trend_drivers": [d.as_json() for d in trend.drivers] if trend else [],
        "conflict_risk_alert": row.alert,
        "due_for_reassessment": row.due,
        "signposts": row.signposts,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Your teams' watchlist",
        description="Every situation of your teams with the phase of its latest assessment, "
        "its trend since the one before (`deteriorated`, `improved` or `unchanged`) and the "
        "answers that drove it, a conflict risk alert when it moved towards the Rubicon or "
        "into war, whether it is due for reassessment, and the signposts that would move its "
        "phase. Narrowed by `phase`, `track`, `trend`, `region`, `due` and `alert`; latest "
        "assessed first unless `ordering` says otherwise.",
        parameters=[WatchlistFilterSerializer],
    ),
)
class WatchlistViewSet(ThrottleFirst, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOrAssess]
    serializer_class = WatchRowSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = WatchlistFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = watchlist(request.user, WatchlistFilters(**params.validated_data))
        page: list[WatchRow] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        return self.get_paginated_response(
            [watch_row_json(row) for row in (page if page is not None else rows)]
        )

"""REST endpoints for event data: datasets and their upload, events, the suggestion for a
country, and the mapping of UCDP's country names."""

from __future__ import annotations

from dataclasses import asdict

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.levels import signed_in
from accounts.permissions import ReadOrCurate
from core.api import FIELD_ERRORS, ThrottleFirst
from core.limits import accepts_upload
from events.models import CountryMapping
from events.selectors import dataset_list, event_list, event_suggestion, mapping_list
from events.serializers import (
    CountryMappingSerializer,
    EventDatasetSerializer,
    EventFilterSerializer,
    EventSerializer,
    EventUploadSerializer,
    SuggestionAnswerSerializer,
    SuggestionQuerySerializer,
    SuggestionSerializer,
)
from events.services import country_mapping_update, event_import_start
from recommendations.taskruns.serializers import TaskRunSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List the event datasets",
        description="The UCDP GED releases stored, newest first: who stored each, when, how "
        "many events its file held and the days they cover.",
    ),
    retrieve=extend_schema(summary="One event dataset", description="A dataset by its id."),
)
@accepts_upload(limit="EVENT_IMPORT_MAX_BYTES")
class EventDatasetViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = EventDatasetSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return dataset_list()

    @extend_schema(
        summary="Upload a UCDP GED file",
        description="Curators only: a UCDP GED CSV, imported as a background task, all or "
        "nothing. A file whose header lacks GED's columns is refused at once (400, naming "
        "them); a bad row fails the task with nothing stored, and the task's `rows_url` "
        "lists each bad row with its column and what is wrong. Events are matched by UCDP "
        "`id`: uploading the same file twice changes nothing.",
        request={"multipart/form-data": EventUploadSerializer},
        responses={
            202: TaskRunSerializer,
            400: FIELD_ERRORS,
            415: OpenApiResponse(description="The body is not a multipart form."),
            503: OpenApiResponse(description="The task queue is unavailable; nothing was started."),
        },
    )
    def create(self, request: Request) -> Response:
        data = EventUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = event_import_start(
            user=signed_in(request.user),
            upload=data.validated_data["file"],
            name=data.validated_data.get("name") or "",
        )
        return Response(TaskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="Events, newest first, of a situation's country (through the country "
        "mapping) or a UCDP country name, that began between two days, from one dataset.",
        parameters=[EventFilterSerializer],
    ),
    retrieve=extend_schema(summary="One event", description="An event by its UCDP id."),
)
class EventViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = EventSerializer
    lookup_field = "ucdp_id"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if self.action != "list":
            return event_list()
        params = EventFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return event_list(**params.validated_data)

    @extend_schema(
        summary="What event data suggest for a country",
        description="The situation form's suggestion: the deaths (`best`, with `low` and "
        "`high`) of the events that began in the 3 months up to `on`, and the violence level "
        "they give by the thresholds the README states, with the datasets and the events "
        "counted. `suggestion` is null before any dataset covers the window.",
        parameters=[SuggestionQuerySerializer],
        responses={200: SuggestionAnswerSerializer},
    )
    @action(detail=False, methods=["get"])
    def suggestion(self, request: Request) -> Response:
        params = SuggestionQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = event_suggestion(
            params.validated_data["country"],
            params.validated_data.get("on") or timezone.localdate(),
        )
        if found is None:
            return Response({"suggestion": None})
        body = {**asdict(found), "partial": found.partial, "events_url": found.events_url}
        return Response({"suggestion": SuggestionSerializer(body).data})


@extend_schema_view(
    list=extend_schema(
        summary="List the UCDP country names",
        description="Each country name UCDP uses, with the situation country it stands for.",
    ),
    retrieve=extend_schema(summary="One UCDP country name", description="By its id."),
    update=extend_schema(
        summary="Set the country a UCDP name stands for",
        description="Curators only: the whole mapping given again (its `envoy_name`).",
    ),
    partial_update=extend_schema(
        summary="Correct a UCDP country name's country",
        description="Curators only: the situation country the UCDP name stands for.",
    ),
)
class CountryMappingViewSet(
    ThrottleFirst,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOrCurate]
    serializer_class = CountryMappingSerializer
    queryset = CountryMapping.objects.none()

    def get_queryset(self):
        return mapping_list()

    def perform_update(self, serializer) -> None:
        country_mapping_update(
            user=signed_in(self.request.user),
            mapping=serializer.instance,
            name=serializer.validated_data.get("envoy_name", serializer.instance.envoy_name),
        )

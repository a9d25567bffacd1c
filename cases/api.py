"""The case library over the API: search and filters for all, writes for curators."""

from functools import partial
from typing import cast

from django.core.paginator import Paginator as DjangoPaginator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from accounts.permissions import ReadOrCurate
from cases.models import Case
from cases.selectors import CaseFilters, case_list_relations, case_search_bounded
from cases.serializers import CaseDetailSerializer, CaseListSerializer, CaseWriteSerializer
from contract.choices import labelled
from contract.fields import PHASES, REGIONS
from core.api import Pagination, QueryParameters, SlugField, TextField, ThrottleFirst

# The case columns a page of the list shows (its organizations and phases come apart).
LISTED_FIELDS = [
    field for field in CaseListSerializer.Meta.fields if field not in ("organizations", "phases")
]


class CaseFilterSerializer(QueryParameters):
    q = TextField(required=False, allow_blank=True, max_length=200)
    phase = serializers.ChoiceField(choices=labelled(PHASES), required=False)
    region = serializers.ChoiceField(choices=labelled(REGIONS), required=False)
    organization = SlugField(required=False)
    mission_model = SlugField(required=False)
    outcome = serializers.ChoiceField(choices=Case.Outcome.values, required=False)
    year_from = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=9999,
        help_text="Cases that last until this year or later.",
    )
    year_to = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=9999,
        help_text="Cases that start in this year or earlier. Given before `year_from`, the "
        "two are read the other way round, as the library's page reads them.",
    )

    def validate(self, attrs):
        start, end = attrs.get("year_from"), attrs.get("year_to")
        if start is not None and end is not None and start > end:
            attrs["year_from"], attrs["year_to"] = end, start
        return attrs


class KnownCountPaginator(DjangoPaginator):
    """A paginator told how many objects there are, for a search that has counted them
    already: it asks the database only for the page."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count


class CaseSearchPagination(Pagination):
    """Pages of a search that may list only part of its matches: `count_is_lower_bound`
    says that more cases match than `count`, which stays the number listed."""

    def paginate_queryset(self, queryset, request, view=None):
        self.count_is_lower_bound = getattr(view, "more_cases", False)
        listed = getattr(view, "cases_listed", None)
        if listed is not None:
            # DRF only calls the class, as it calls this.
            self.django_paginator_class = cast(
                type[DjangoPaginator], partial(KnownCountPaginator, count=listed)
            )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_lower_bound"] = self.count_is_lower_bound
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count_is_lower_bound"] = {
            "type": "boolean",
            "description": "True when more cases match than `count`: a query matching more "
            "than CASE_SEARCH_CANDIDATES cases (200 by default) lists, ranks and counts only "
            "that many, the first found; add words or filters to narrow it.",
        }
        paginated["required"] = [*paginated.get("required", []), "count_is_lower_bound"]
        return paginated


@extend_schema_view(
    list=extend_schema(
        summary="Search the case library",
        parameters=[CaseFilterSerializer],
        description="The historical cases, narrowed by the filters given. With `q`, a "
        'web-style query (words, "a phrase" in quotes, -word to leave one out) over titles, '
        "countries, summaries and lessons, the most relevant first; otherwise by year.",
    ),
    retrieve=extend_schema(
        summary="One case, by its slug",
        description="A case with its missions, organizations, roles, snapshots (the situation "
        "at key moments, with its phase) and citations.",
    ),
    create=extend_schema(
        summary="Add a case",
        description="Curators only. The case is checked whole (citations, snapshots) and "
        "stored only when every part is valid.",
        request=CaseWriteSerializer,
        responses={201: CaseDetailSerializer},
    ),
    update=extend_schema(
        summary="Replace a case",
        description="Curators only: every field is given again.",
        request=CaseWriteSerializer,
        responses={200: CaseDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change part of a case",
        description="Curators only: the fields given change, the others stay.",
        request=CaseWriteSerializer,
        responses={200: CaseDetailSerializer},
    ),
)
class CaseViewSet(
    ThrottleFirst,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    permission_classes = [ReadOrCurate]
    pagination_class = CaseSearchPagination
    more_cases = False
    cases_listed: int | None = None

    def get_queryset(self):
        if self.action == "list":
            params = CaseFilterSerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            results = case_search_bounded(CaseFilters(**params.validated_data))
            self.more_cases = results.more
            self.cases_listed = results.listed
            # Only what CaseListSerializer shows: a page of a broad search reads no
            # lessons, citations or provenance (and its relations come in `list`).
            return results.cases.only(*LISTED_FIELDS)
        return Case.objects.with_details()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        cases = case_list_relations(list(page or ()))
        return self.get_paginated_response(self.get_serializer(cases, many=True).data)

    def get_serializer_class(self):
        if self.action == "list":
            return CaseListSerializer
        if self.action in ("create", "update", "partial_update"):
            return CaseWriteSerializer
        return CaseDetailSerializer

    def create(self, request, *args, **kwargs):
        writer = CaseWriteSerializer(data=request.data, context={"user": request.user})
        writer.is_valid(raise_exception=True)
        case = writer.save()
        return Response(self._detail(case), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        writer = CaseWriteSerializer(
            self.get_object(),
            data=request.data,
            partial=kwargs.get("partial", False),
            context={"user": request.user},
        )
        writer.is_valid(raise_exception=True)
        return Response(self._detail(writer.save()))

    def _detail(self, case: Case) -> dict:
        return CaseDetailSerializer(Case.objects.with_details().get(pk=case.pk)).data

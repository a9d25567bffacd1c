"""Read-only catalogue endpoints, looked up by slug, each item with its citations."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from accounts.permissions import ReadOrCurate
from cases.models import Source
from cases.serializers import SourceSerializer
from catalogue.serializers import CaveatSerializer, CouncilToolSerializer
from core.api import ThrottleFirst
from missions.models import Mission, MissionModel, Organization, Role
from missions.serializers import (
    MissionModelSerializer,
    MissionSerializer,
    OrganizationSerializer,
    PhaseSerializer,
    RoleSerializer,
)
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool


class CatalogueViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    permission_classes = [ReadOrCurate]
    related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("citations__source", *self.related)


class PhaseViewSet(CatalogueViewSet):
    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer
    related = ("roles",)


class RoleViewSet(CatalogueViewSet):
    queryset = Role.objects.all()
    serializer_class = RoleSerializer
    related = ("phases", "cases")


class MissionModelViewSet(CatalogueViewSet):
    queryset = MissionModel.objects.all()
    serializer_class = MissionModelSerializer
    related = ("missions",)


class OrganizationViewSet(CatalogueViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer


class MissionViewSet(CatalogueViewSet):
    queryset = Mission.objects.select_related("organization", "mission_model")
    serializer_class = MissionSerializer


class CouncilToolViewSet(CatalogueViewSet):
    queryset = CouncilTool.objects.all()
    serializer_class = CouncilToolSerializer


class CaveatViewSet(CatalogueViewSet):
    queryset = Caveat.objects.all()
    serializer_class = CaveatSerializer


class SourceViewSet(CatalogueViewSet):
    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    lookup_field = "key"

    def get_queryset(self):
        return Source.objects.all()

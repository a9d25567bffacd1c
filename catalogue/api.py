"""Read-only catalogue endpoints, looked up by slug, each item with its citations."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
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


def documented(plural: str, one: str, about: str, key: str = "slug") -> Any:
    """The two operations of a catalogue, described for the API's users."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List the {plural}",
            description=f"{about} Each item comes with the citations it rests on; any "
            "signed-in user may read the catalogues.",
        ),
        retrieve=extend_schema(
            summary=f"One {one}, by its {key}",
            description=f"{about} One of them, by the {key} the list gives, with its citations.",
        ),
    )


class CatalogueViewSet(ThrottleFirst, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    permission_classes = [ReadOrCurate]
    related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("citations__source", *self.related)


@documented(
    "phases",
    "phase",
    "The phases of the curve of conflict, in order: latent tension, rising tension, at the "
    "Rubicon, and post-Rubicon (war or a fragile settlement), each with its core roles.",
)
class PhaseViewSet(CatalogueViewSet):
    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer
    related = ("roles",)


@documented(
    "roles",
    "role",
    "The roles a multilateral political mission can play, with the phases where each is core "
    "and the cases where it was played.",
)
class RoleViewSet(CatalogueViewSet):
    queryset = Role.objects.all()
    serializer_class = RoleSerializer
    related = ("phases", "cases")


@documented(
    "mission models",
    "mission model",
    "The ways to organize a mission (a special envoy, a regional office, a field mission...), "
    "with the historical missions of each.",
)
class MissionModelViewSet(CatalogueViewSet):
    queryset = MissionModel.objects.all()
    serializer_class = MissionModelSerializer
    related = ("missions",)


@documented(
    "organizations",
    "organization",
    "The organizations that deploy missions, global, regional or subregional, with the regions "
    "where each can lead one.",
)
class OrganizationViewSet(CatalogueViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer


@documented(
    "historical missions",
    "historical mission",
    "Missions that were deployed, with their organization, model, country and years.",
)
class MissionViewSet(CatalogueViewSet):
    queryset = Mission.objects.select_related("organization", "mission_model")
    serializer_class = MissionSerializer


@documented(
    "Security Council tools",
    "Security Council tool",
    "What the Security Council can do to prevent or contain a conflict.",
)
class CouncilToolViewSet(CatalogueViewSet):
    queryset = CouncilTool.objects.all()
    serializer_class = CouncilToolSerializer


@documented(
    "caveats", "caveat", "What can go wrong for a mission, as the warnings an analyst reads."
)
class CaveatViewSet(CatalogueViewSet):
    queryset = Caveat.objects.all()
    serializer_class = CaveatSerializer


@documented(
    "sources",
    "source",
    "The documents Envoy cites; a citation names a source by its key.",
    key="key",
)
class SourceViewSet(CatalogueViewSet):
    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    lookup_field = "key"

    def get_queryset(self):
        return Source.objects.all()

"""REST endpoint for teams: the caller's own, read only (curators manage teams on the web)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from accounts.permissions import ReadOrCurate
from accounts.selectors import teams_of
from accounts.serializers import TeamSerializer
from core.api import ThrottleFirst


@extend_schema_view(
    list=extend_schema(
        summary="Your teams",
        description="The teams you are a member of. Situations belong to a team: pass a "
        "team's slug as `team` when you import assessments or create a situation.",
    )
)
class TeamViewSet(ThrottleFirst, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOrCurate]
    serializer_class = TeamSerializer

    def get_queryset(self):
        return teams_of(self.request.user)

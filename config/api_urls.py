from rest_framework.routers import DefaultRouter

import catalogue.api as catalogue
from accounts.api import TeamViewSet
from audit.api import AuditEntryViewSet
from cases.api import CaseViewSet
from events.api import CountryMappingViewSet, EventDatasetViewSet, EventViewSet
from recommendations.assessments.api import AssessmentViewSet, SituationViewSet, WatchlistViewSet
from recommendations.imports.api import ImportViewSet
from recommendations.rulesets.api import RuleSetViewSet, RuleViewSet
from recommendations.taskruns.api import TaskRunViewSet
from webhooks.api import WebhookEndpointViewSet

router = DefaultRouter()
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("situations", SituationViewSet, basename="situation")
router.register("watchlist", WatchlistViewSet, basename="watchlist")
router.register("cases", CaseViewSet, basename="case")
router.register("phases", catalogue.PhaseViewSet, basename="phase")
router.register("roles", catalogue.RoleViewSet, basename="role")
router.register("mission-models", catalogue.MissionModelViewSet, basename="mission-model")
router.register("organizations", catalogue.OrganizationViewSet, basename="organization")
router.register("missions", catalogue.MissionViewSet, basename="mission")
router.register("council-tools", catalogue.CouncilToolViewSet, basename="council-tool")
router.register("caveats", catalogue.CaveatViewSet, basename="caveat")
router.register("sources", catalogue.SourceViewSet, basename="source")
router.register("rulesets", RuleSetViewSet, basename="ruleset")
router.register("rules", RuleViewSet, basename="rule")
router.register("tasks", TaskRunViewSet, basename="task")
router.register("imports", ImportViewSet, basename="import")
router.register("teams", TeamViewSet, basename="team")
router.register("audit", AuditEntryViewSet, basename="audit-entry")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
router.register("event-datasets", EventDatasetViewSet, basename="event-dataset")
router.register("events", EventViewSet, basename="event")
router.register("event-countries", CountryMappingViewSet, basename="event-country")

app_name = "api"
urlpatterns = router.urls

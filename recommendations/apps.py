from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from cases.models import Case, CaseSnapshot, Citation
        from missions.models import MissionModel, Organization, Role
        from phases.models import Phase
        from recommendations.models import Caveat, CouncilTool, Rule, RuleSet
        from recommendations.reference_cache import connect

        connect(
            [
                Phase,
                Role,
                MissionModel,
                Organization,
                CouncilTool,
                Caveat,
                Case,
                CaseSnapshot,
                Citation,
                RuleSet,
                Rule,
            ]
        )

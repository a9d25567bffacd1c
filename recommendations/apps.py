from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        # Services start tasks by name: the tasks must be registered in every process.
        import recommendations.tasks  # noqa: F401
        from core.audit import track
        from core.reference_cache import connect
        from recommendations.assessments.audit import ASSESSMENT_FIELDS
        from recommendations.models import Assessment, Caveat, CouncilTool, Rule, RuleSet, Situation

        track(Situation, "updated", "review_due")
        track(Assessment, fields=ASSESSMENT_FIELDS)
        track(RuleSet, "updated")
        track(Rule)
        connect([CouncilTool, Caveat, RuleSet, Rule])

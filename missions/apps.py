from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")

    def ready(self) -> None:
        from core.reference_cache import connect
        from missions.models import MissionModel, Organization, Role

        connect([Role, MissionModel, Organization])

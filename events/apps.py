from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Event data")

    def ready(self) -> None:
        # Services start tasks by name: the tasks must be registered in every process.
        import events.tasks  # noqa: F401
        from core.audit import track
        from events.models import CountryMapping, EventDataset

        track(EventDataset)
        track(CountryMapping)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        # Services start tasks by name: the tasks must be registered in every process.
        import webhooks.tasks  # noqa: F401
        from core.audit import track
        from webhooks.models import Endpoint

        # The secrets never go into the audit trail: it says when one was rotated.
        track(Endpoint, "secret", "previous_secret")

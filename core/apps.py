from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing shared by every app (no models): API conventions, errors, template tags, the
    reference-data cache."""

    name = "core"
    verbose_name = _("Core")

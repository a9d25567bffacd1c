from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and teams")

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from accounts import schema  # noqa: F401  (registers the token scheme with the schema)
        from accounts.admin_access import curator_permissions_grant
        from accounts.models import Membership, Team
        from core.audit import track

        track(Team)
        track(Membership)

        # After the last app's migrations, when every app's permissions exist (the signal is
        # sent for apps with models only).
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(curator_permissions_grant, sender=last)

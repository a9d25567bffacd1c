from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case library")

    def ready(self) -> None:
        from cases.models import Case, CaseSnapshot, Citation
        from core.audit import track
        from core.reference_cache import connect

        track(Case, "updated", "search_document", m2m_fields={"organizations", "missions", "roles"})
        # Citations are logged as items of their own: a generic relation is not a column.
        track(CaseSnapshot)
        track(Citation)
        connect([Case, CaseSnapshot, Citation])

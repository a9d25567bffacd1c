"""Reads across the whole reference library, for the catalogue and home pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseSnapshot, Source
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class OverviewRow:
    label: StrOrPromise
    count: int


def library_overview() -> dict[str, Any]:
    """What the reference library holds: counts per kind, the phases and the latest cases."""
    counts = [
        OverviewRow(_("Phases"), Phase.objects.count()),
        OverviewRow(_("Roles"), Role.objects.count()),
        OverviewRow(_("Mission models"), MissionModel.objects.count()),
        OverviewRow(_("Organizations"), Organization.objects.count()),
        OverviewRow(_("Security Council tools"), CouncilTool.objects.count()),
        OverviewRow(_("Caveats"), Caveat.objects.count()),
        OverviewRow(_("Historical missions"), Mission.objects.count()),
        OverviewRow(_("Cases"), Case.objects.count()),
        OverviewRow(_("Case snapshots"), CaseSnapshot.objects.count()),
        OverviewRow(_("Sources"), Source.objects.count()),
    ]
    return {
        "counts": counts,
        "phases": list(Phase.objects.prefetch_related("roles")),
        "cases": list(Case.objects.order_by("start_year", "title")),
    }

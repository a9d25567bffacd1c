"""Reads of the reference data and the case library."""

from __future__ import annotations

from dataclasses import dataclass

from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool

from .models import Case, CaseSnapshot, Source


@dataclass(frozen=True)
class OverviewRow:
    label: str
    count: int


def library_overview() -> dict:
    """What the reference library holds: counts per kind, the phases and the latest cases."""
    counts = [
        OverviewRow("Phases", Phase.objects.count()),
        OverviewRow("Roles", Role.objects.count()),
        OverviewRow("Mission models", MissionModel.objects.count()),
        OverviewRow("Organizations", Organization.objects.count()),
        OverviewRow("Security Council tools", CouncilTool.objects.count()),
        OverviewRow("Caveats", Caveat.objects.count()),
        OverviewRow("Historical missions", Mission.objects.count()),
        OverviewRow("Cases", Case.objects.count()),
        OverviewRow("Case snapshots", CaseSnapshot.objects.count()),
        OverviewRow("Sources", Source.objects.count()),
    ]
    return {
        "counts": counts,
        "phases": list(Phase.objects.prefetch_related("roles")),
        "cases": list(Case.objects.order_by("start_year", "title")),
    }

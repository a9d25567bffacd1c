"""The catalogue's pages: what Envoy knows of phases, roles, missions and the rest, cross-linked."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import VIEWER
from cases.models import CaseSnapshot, Source
from core.labels import choice_label
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool

SECTIONS = (
    (
        "catalogue-phases",
        _("Phases"),
        _("The four phases of the curve of conflict."),
        Phase,
    ),
    (
        "catalogue-roles",
        _("Roles"),
        _("What a mission can do, and the phases where each role is core."),
        Role,
    ),
    (
        "catalogue-mission-models",
        _("Mission models"),
        _("Ways to organize a mission, from good offices to a preventive deployment."),
        MissionModel,
    ),
    (
        "catalogue-organizations",
        _("Organizations"),
        _("Global, regional and subregional organizations that deploy missions."),
        Organization,
    ),
    (
        "catalogue-missions",
        _("Missions"),
        _("Historical missions the sources discuss."),
        Mission,
    ),
    (
        "catalogue-council-tools",
        _("Security Council tools"),
        _("What the Security Council can do to prevent or contain a conflict."),
        CouncilTool,
    ),
    (
        "catalogue-caveats",
        _("Caveats"),
        _("What can go wrong for a mission."),
        Caveat,
    ),
    (
        "catalogue-sources",
        _("Sources"),
        _("The documents Envoy's knowledge is written from."),
        Source,
    ),
)


def _cited(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related("citations__source")


@level_required(VIEWER)
@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    sections = [
        (url_name, title, text, model.objects.count()) for url_name, title, text, model in SECTIONS
    ]
    return render(request, "catalogue/index.html", {"sections": sections})


@level_required(VIEWER)
@require_safe
def phase_list(request: HttpRequest) -> HttpResponse:
    phases = Phase.objects.prefetch_related("roles").annotate(
        case_count=Count("snapshots__case", distinct=True)
    )
    return render(request, "catalogue/phase_list.html", {"phases": phases})


@level_required(VIEWER)
@require_safe
def phase_detail(request: HttpRequest, slug: str) -> HttpResponse:
    phase = get_object_or_404(_cited(Phase.objects.prefetch_related("roles")), slug=slug)
    snapshots = (
        CaseSnapshot.objects.filter(phase=phase)
        .select_related("case")
        .order_by("case__start_year", "case__title", "date")
    )
    return render(request, "catalogue/phase_detail.html", {"phase": phase, "snapshots": snapshots})


@level_required(VIEWER)
@require_safe
def role_list(request: HttpRequest) -> HttpResponse:
    roles = Role.objects.prefetch_related("phases").annotate(case_count=Count("cases"))
    return render(request, "catalogue/role_list.html", {"roles": roles})


@level_required(VIEWER)
@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(_cited(Role.objects.prefetch_related("phases", "cases")), slug=slug)
    return render(request, "catalogue/role_detail.html", {"role": role})


@level_required(VIEWER)
@require_safe
def mission_model_list(request: HttpRequest) -> HttpResponse:
    models = MissionModel.objects.annotate(mission_count=Count("missions"))
    return render(request, "catalogue/mission_model_list.html", {"mission_models": models})


@level_required(VIEWER)
@require_safe
def mission_model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    missions = Mission.objects.select_related("organization")
    model = get_object_or_404(
        _cited(MissionModel.objects.prefetch_related(Prefetch("missions", queryset=missions))),
        slug=slug,
    )
    return render(request, "catalogue/mission_model_detail.html", {"mission_model": model})


@level_required(VIEWER)
@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.annotate(
        mission_count=Count("missions", distinct=True), case_count=Count("cases", distinct=True)
    )
    return render(request, "catalogue/organization_list.html", {"organizations": organizations})


@level_required(VIEWER)
@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    missions = Mission.objects.select_related("mission_model")
    organization = get_object_or_404(
        _cited(
            Organization.objects.prefetch_related(Prefetch("missions", queryset=missions), "cases")
        ),
        slug=slug,
    )
    regions = [choice_label(region) for region in organization.lead_regions or []]
    return render(
        request,
        "catalogue/organization_detail.html",
        {"organization": organization, "lead_regions": regions},
    )


@level_required(VIEWER)
@require_safe
def mission_list(request: HttpRequest) -> HttpResponse:
    missions = Mission.objects.select_related("organization", "mission_model")
    return render(request, "catalogue/mission_list.html", {"missions": missions})


@level_required(VIEWER)
@require_safe
def mission_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mission = get_object_or_404(
        _cited(Mission.objects.select_related("organization", "mission_model")).prefetch_related(
            "cases"
        ),
        slug=slug,
    )
    return render(
        request,
        "catalogue/mission_detail.html",
        {"mission": mission, "region": choice_label(mission.region)},
    )


@level_required(VIEWER)
@require_safe
def council_tool_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "catalogue/council_tool_list.html", {"council_tools": CouncilTool.objects.all()}
    )


@level_required(VIEWER)
@require_safe
def council_tool_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tool = get_object_or_404(_cited(CouncilTool.objects.all()), slug=slug)
    return render(request, "catalogue/council_tool_detail.html", {"council_tool": tool})


@level_required(VIEWER)
@require_safe
def caveat_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/caveat_list.html", {"caveats": Caveat.objects.all()})


@level_required(VIEWER)
@require_safe
def caveat_detail(request: HttpRequest, slug: str) -> HttpResponse:
    caveat = get_object_or_404(_cited(Caveat.objects.all()), slug=slug)
    return render(request, "catalogue/caveat_detail.html", {"caveat": caveat})


@level_required(VIEWER)
@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.annotate(citation_count=Count("citations"))
    return render(request, "catalogue/source_list.html", {"sources": sources})


@level_required(VIEWER)
@require_safe
def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.annotate(citation_count=Count("citations")), key=key)
    return render(request, "catalogue/source_detail.html", {"source": source})

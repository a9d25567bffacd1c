"""Reads of the reference data and the case library."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from cases.models import Case, CaseSnapshot
from contract.fields import PHASES
from core.labels import choice_label, phase_label
from missions.models import MissionModel

SEARCH_CONFIG = "english"


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    phase: str = ""
    region: str = ""
    organization: str = ""
    mission_model: str = ""
    outcome: str = ""
    year_from: int | None = None
    year_to: int | None = None


def case_search(filters: CaseFilters) -> QuerySet[Case]:
    """Cases matching the filters; with `q`, ranked by relevance.

    On PostgreSQL `q` is a web-style full-text query (words, "phrases", -exclusions) over the
    stored search document (title, country, summary, lessons; see migration 0002), ranked by
    ts_rank with the title and country weighing most. Elsewhere (SQLite) every word must appear
    in one of those fields, and results keep the library's order.
    """
    cases = Case.objects.all()
    if filters.phase:
        cases = cases.filter(snapshots__phase__slug=filters.phase)
    if filters.region:
        cases = cases.filter(region=filters.region)
    if filters.organization:
        cases = cases.filter(organizations__slug=filters.organization)
    if filters.mission_model:
        cases = cases.filter(missions__mission_model__slug=filters.mission_model)
    if filters.outcome:
        cases = cases.filter(outcome=filters.outcome)
    if filters.year_from is not None:
        cases = cases.filter(
            Q(end_year__gte=filters.year_from) | Q(start_year__gte=filters.year_from)
        )
    if filters.year_to is not None:
        cases = cases.filter(start_year__lte=filters.year_to)
    if any((filters.phase, filters.organization, filters.mission_model)):
        cases = Case.objects.filter(pk__in=cases.values("pk"))
    q = filters.q.strip()
    if not q:
        return cases.order_by("start_year", "title")
    if connection.vendor == "postgresql":
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        return (
            cases.filter(search_document=query)
            .annotate(rank=SearchRank(F("search_document"), query))
            .order_by("-rank", "title", "pk")
        )
    for word in q.split():
        cases = cases.filter(
            Q(title__icontains=word)
            | Q(country__icontains=word)
            | Q(summary__icontains=word)
            | Q(lessons__icontains=word)
        )
    return cases.order_by("start_year", "title")


def _by_count(row: tuple[str, str, int]) -> tuple[int, str]:
    return (-row[2], row[1].casefold())


def case_facet_counts(cases: QuerySet[Case]) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet of the library, (value, label, number of the given cases that have it)."""
    matched = cases.values("pk")
    plain = Case.objects.filter(pk__in=matched).order_by()
    phases = (
        CaseSnapshot.objects.filter(case__in=matched)
        .values_list("phase__slug")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    organizations = (
        Case.organizations.through.objects.filter(case__in=matched)
        .values_list("organization__slug", "organization__acronym", "organization__name")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    models = (
        Case.missions.through.objects.filter(case__in=matched, mission__mission_model__isnull=False)
        .values_list("mission__mission_model__slug")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    model_names = dict(MissionModel.objects.values_list("slug", "name"))
    model_order = list(MissionModel.objects.values_list("slug", flat=True))
    outcome_order = list(Case.Outcome.values)
    return {
        "phase": sorted(
            ((slug, phase_label(slug, None), n) for slug, n in phases),
            key=lambda row: PHASES.index(row[0]) if row[0] in PHASES else len(PHASES),
        ),
        "region": sorted(
            (
                (region, choice_label(region), n)
                for region, n in plain.values_list("region").annotate(n=Count("pk"))
            ),
            key=_by_count,
        ),
        "organization": sorted(
            ((slug, acronym or name, n) for slug, acronym, name, n in organizations),
            key=_by_count,
        ),
        "mission_model": sorted(
            ((slug, model_names.get(slug, slug), n) for slug, n in models),
            key=lambda row: model_order.index(row[0]),
        ),
        "outcome": sorted(
            (
                (outcome, str(Case.Outcome(outcome).label), n)
                for outcome, n in plain.values_list("outcome").annotate(n=Count("pk"))
            ),
            key=lambda row: outcome_order.index(row[0]),
        ),
    }

"""Reads of the reference data and the case library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import BigIntegerField, BooleanField, Count, F, Func, Q, QuerySet, Value, When
from django.db.models import Case as DbCase

from cases.models import Case, CaseSnapshot
from cases.search import Query, matches, mentions, parse, without_apostrophes
from contract.fields import PHASES
from core.labels import choice_label, phase_label
from missions.models import MissionModel

# English with accents folded (migration 0005); the stored document also holds each field
# with its apostrophes taken out, as the query is here.
SEARCH_CONFIG = "envoy_english"


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


@dataclass(frozen=True)
class CaseResults:
    """The cases a search lists, and whether more cases match than it lists.

    A broad query may match most of the library; ranking and counting every match would
    make it slow, so at most `CASE_SEARCH_CANDIDATES` matches are ranked, counted and
    listed, and `more` says that others exist beyond them.
    """

    cases: QuerySet[Case]
    more: bool = False
    # How many cases `cases` lists, when the search already knows it (a bounded query),
    # so that a page of them needs no count query of its own.
    listed: int | None = None


def case_list_relations(cases: Sequence[Case]) -> Sequence[Case]:
    """Give each case the slugs of its organizations (by name) and of its snapshots' phases
    (sorted), as a list shows them, in two queries of plain values: no related objects are
    built for a page of a search."""
    ids = [case.pk for case in cases]
    organizations: dict[int, list[str]] = {pk: [] for pk in ids}
    phases: dict[int, set[str]] = {pk: set() for pk in ids}
    through = Case.organizations.through.objects.filter(case_id__in=ids)
    for case_id, slug in through.order_by("organization__name", "organization_id").values_list(
        "case_id", "organization__slug"
    ):
        organizations[case_id].append(slug)
    for case_id, slug in CaseSnapshot.objects.filter(case_id__in=ids).values_list(
        "case_id", "phase__slug"
    ):
        phases[case_id].add(slug)
    for case in cases:
        case.listed_organizations = organizations[case.pk]  # type: ignore[attr-defined]
        case.listed_phases = sorted(phases[case.pk])  # type: ignore[attr-defined]
    return cases


def full_text_search_available() -> bool:
    """Whether the database searches text itself (PostgreSQL), or `cases.search` does."""
    return connection.vendor == "postgresql"


def case_search(filters: CaseFilters) -> QuerySet[Case]:
    """Every case matching the filters; with `q`, ranked by relevance.

    `q` is a web-style query (words, "phrases", -exclusions, `or`) over the title, country,
    summary and lessons, accents and apostrophes folded. On PostgreSQL it runs against the
    stored search document (migrations 0002 and 0005), ranked by ts_rank with the title and
    country weighing most. Elsewhere (SQLite) `cases.search` reads the same syntax and
    matches it in Python, plurals folded too; cases that name the terms in their title or
    country come first.
    """
    return _search(filters, bound=None).cases


def case_search_bounded(filters: CaseFilters) -> CaseResults:
    """As `case_search`, but a query (`q`) ranks and lists at most `CASE_SEARCH_CANDIDATES`
    of its matches on PostgreSQL, those found first, and says whether there are more."""
    return _search(filters, bound=settings.CASE_SEARCH_CANDIDATES)


def _filtered(filters: CaseFilters) -> QuerySet[Case]:
    """The cases the filters other than `q` select."""
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
    return cases


def _search(filters: CaseFilters, bound: int | None) -> CaseResults:
    cases = _filtered(filters)
    q = filters.q.strip()
    if not q:
        return CaseResults(cases.order_by("start_year", "title"))
    if not full_text_search_available():
        return CaseResults(_search_in_python(cases, parse(q)))
    query = SearchQuery(without_apostrophes(q), search_type="websearch", config=SEARCH_CONFIG)
    matched = cases.filter(search_document=query)
    more = False
    listed = None
    if bound is not None:
        # The GIN index finds the first bound + 1 matches without reading the others; only
        # those are ranked, so a word most cases hold costs no more than a rare one.
        found = _first_matches(matched, bound + 1)
        more = len(found) > bound
        listed = min(len(found), bound)
        matched = Case.objects.filter(_among(found[:bound]))
    ranked = matched.annotate(rank=SearchRank(F("search_document"), query))
    return CaseResults(ranked.order_by("-rank", "title", "pk"), more, listed)


# What the planner should count for an operator in the candidate query: PostgreSQL counts a
# text match (`@@`) as cheap as comparing two integers, but each one reads a stored search
# document. At the default (0.0025), a word in 3% of 100,000 cases was found by a scan that
# read 5,700 of them (9.2 ms) instead of the index (1.7 ms); at 0.25 the index is taken for
# such words, while a word most cases hold is still found by a scan that stops early.
MATCH_OPERATOR_COST = 0.25


def _first_matches(matched: QuerySet[Case], limit: int) -> list[int]:
    """The ids of the first `limit` matches the database finds, planned with text matches
    costed as they are (MATCH_OPERATOR_COST), for this query only."""
    nested = connection.in_atomic_block  # the setting would outlive this query
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL cpu_operator_cost = {float(MATCH_OPERATOR_COST)}")
        found = list(matched.order_by().values_list("pk", flat=True)[:limit])
        if nested:
            cursor.execute("SET LOCAL cpu_operator_cost TO DEFAULT")
    return found


class _AnyOf(Func):
    """`expression = ANY(array)` (PostgreSQL), the array one parameter."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def _among(ids: list[int]) -> _AnyOf:
    """The cases with these ids, as one array parameter: a `pk__in` of hundreds of ids
    costs Django more to build than PostgreSQL to run."""
    return _AnyOf(F("pk"), Value(ids, output_field=ArrayField(BigIntegerField())))


def _search_in_python(cases: QuerySet[Case], query: Query) -> QuerySet[Case]:
    """The cases that answer the query (none for a query without a word), those that name
    it in their title or country first, then in the library's order."""
    first: list[int] = []
    then: list[int] = []
    for pk, title, country, summary, lessons in cases.values_list(
        "pk", "title", "country", "summary", "lessons"
    ):
        if query and matches(query, (title, country, summary, lessons)):
            (first if mentions(query, (title, country)) else then).append(pk)
    found = Case.objects.filter(pk__in=first + then)
    if first and then:
        found = found.annotate(rank=DbCase(When(pk__in=first, then=Value(1)), default=Value(0)))
        return found.order_by("-rank", "start_year", "title", "pk")
    return found.order_by("start_year", "title", "pk")


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

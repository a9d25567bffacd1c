"""The case library's pages: search with facets, exports, a page per case, curators' forms."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import CURATOR, VIEWER
from cases.exports import export_rows, rows_csv
from cases.forms import FILTER_NAMES, ORDERINGS, RELEVANCE, SORTS, CaseForm, LibrarySearchForm
from cases.models import Case, CaseSnapshot
from cases.selectors import CaseResults, case_facet_counts, case_search, case_search_bounded
from cases.serializers import CaseWriteSerializer
from contract.fields import FACT_FIELDS
from core.http import require_safe_or_post
from core.labels import LABELS, choice_label, phase_label
from missions.models import MissionModel, Organization, Role
from phases.models import Phase

PAGE_SIZE = 25
FACET_TITLES = {
    "phase": gettext_lazy("Phase"),
    "region": gettext_lazy("Region"),
    "organization": gettext_lazy("Organization"),
    "mission_model": gettext_lazy("Mission model"),
    "outcome": gettext_lazy("Outcome"),
}
KEY_FACTS = (
    "violence_level",
    "political_dialogue",
    "war_decision_imminent",
    "settlement_status",
    "atrocity_risk",
    "host_consent",
    "international_presence",
    "regional_consensus",
    "security_council",
    "mediation",
)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: list[FacetValue]
    selected: FacetValue | None
    clear_url: str
    reference: bool  # its values are names from the reference data, in English


# Facets whose values are reference data (names and acronyms); the others are translated.
REFERENCE_FACETS = {"organization", "mission_model"}


def _url(request: HttpRequest, **changes: str | None) -> str:
    """This page's address with parameters changed (None removes one), back on page 1."""
    params = request.GET.copy()
    for key in [k for k, values in params.lists() if not any(values)] + ["page"]:
        params.pop(key, None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _ordered(form: LibrarySearchForm, cases: QuerySet[Case]) -> QuerySet[Case]:
    sort = form.order()
    return cases if sort == RELEVANCE else cases.order_by(*ORDERINGS[sort])


def _matching(form: LibrarySearchForm) -> QuerySet[Case]:
    """All cases the query string selects, in the order it asks for."""
    return _ordered(form, case_search(form.filters()))


def _listed(form: LibrarySearchForm) -> CaseResults:
    """The cases the page lists, at most CASE_SEARCH_CANDIDATES for a query, in its order."""
    results = case_search_bounded(form.filters())
    return CaseResults(_ordered(form, results.cases), results.more)


def _value_label(name: str, value: str) -> str:
    """The label of a filter value no result has (the counts give the others')."""
    if name == "phase":
        return phase_label(value, None)
    if name == "region":
        return choice_label(value)
    if name == "outcome":
        return str(Case.Outcome(value).label)
    if name == "organization":
        organization = Organization.objects.filter(slug=value).first()
        return str(organization) if organization else value
    model = MissionModel.objects.filter(slug=value).first()
    return model.name if model else value


def _facets(request: HttpRequest, form: LibrarySearchForm, cases: QuerySet[Case]) -> list[Facet]:
    facets = []
    for name, rows in case_facet_counts(cases).items():
        values = [
            FacetValue(value, label, count, _url(request, **{name: value}))
            for value, label, count in rows
        ]
        chosen = form.value(name)
        selected = None
        if chosen:
            selected = next((v for v in values if v.value == chosen), None) or FacetValue(
                chosen, _value_label(name, chosen), 0, ""
            )
        facets.append(
            Facet(
                name,
                str(FACET_TITLES[name]),
                values,
                selected,
                _url(request, **{name: None}),
                reference=name in REFERENCE_FACETS,
            )
        )
    return facets


def _phase_badges(case: Case) -> list[tuple[Phase, str]]:
    """The (phase, track) pairs of a case's snapshots, once each, in the curve's order."""
    first: dict[tuple[Phase, str], date] = {}
    for snapshot in case.snapshots.all():
        first.setdefault((snapshot.phase, snapshot.track), snapshot.date)
    return sorted(first, key=lambda pair: (pair[0].order, first[pair]))


@level_required(VIEWER)
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET)
    results = _listed(form)
    cases = results.cases
    listed = cases.prefetch_related(
        Prefetch("snapshots", queryset=CaseSnapshot.objects.select_related("phase"))
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = _facets(request, form, cases)
    filtered = any(form.value(name) for name in (*FILTER_NAMES, "year_from", "year_to"))
    sort = form.order()
    export_query = _url(request).removeprefix(request.path)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "rows": [(case, choice_label(case.region), _phase_badges(case)) for case in page],
            "hidden": [
                (name, form.value(name))
                for name in (*FILTER_NAMES, "sort")
                if form.value(name) and name in request.GET
            ],
            "facets": facets,
            "active": [facet for facet in facets if facet.selected],
            "filtered": filtered,
            "searching": bool(form.value("q")),
            "more": results.more,
            "clear_url": _url(
                request, **{name: None for name in (*FILTER_NAMES, "year_from", "year_to")}
            ),
            "sorts": [
                (value, label, _url(request, sort=value), value == sort)
                for value, label in SORTS.items()
                if value != RELEVANCE or form.value("q")
            ],
            "export_query": export_query,
        },
    )


def _export_name(extension: str) -> str:
    return f"envoy-cases-{timezone.localdate():%Y-%m-%d}.{extension}"


@level_required(VIEWER)
@require_safe
def case_export_csv(request: HttpRequest) -> HttpResponse:
    rows = export_rows(_matching(LibrarySearchForm(request.GET)))
    response = HttpResponse(rows_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    return response


@level_required(VIEWER)
@require_safe
def case_export_json(request: HttpRequest) -> HttpResponse:
    rows = export_rows(_matching(LibrarySearchForm(request.GET)))
    response = JsonResponse(
        {"count": len(rows), "results": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name("json")}"'
    return response


def _facts(
    data: dict[str, Any], names: tuple[str, ...], external: Collection[str] = ()
) -> list[tuple[str, str, bool]]:
    """(label, value, from outside the sources) for each fact present."""
    return [
        (str(LABELS.get(name, name)), choice_label(data[name]), name in external)
        for name in names
        if name in data
    ]


@level_required(VIEWER)
@require_safe
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    snapshots = CaseSnapshot.objects.select_related("phase").prefetch_related("citations__source")
    case = get_object_or_404(
        Case.objects.prefetch_related(
            "organizations",
            "missions__organization",
            "roles",
            "citations__source",
            # django-stubs: a manager made by from_queryset loses Prefetch's type variables
            Prefetch("snapshots", queryset=snapshots),  # type: ignore[arg-type]
        ),
        slug=slug,
    )
    others = tuple(name for name in FACT_FIELDS if name not in KEY_FACTS and name != "region")
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "region": choice_label(case.region),
            "snapshots": [
                (
                    snapshot,
                    _facts(snapshot.input, KEY_FACTS, snapshot.external_facts),
                    _facts(snapshot.input, others, snapshot.external_facts),
                    _external_parts(snapshot.external_facts),
                )
                for snapshot in case.snapshots.all()
            ],
            "unreproduced": _unreproduced(case),
        },
    )


def _external_parts(names: list[str]) -> list[str]:
    """What of a snapshot comes from outside the sources, as the reader is told it."""
    parts = [_("the date")] if "date" in names else []
    if "label" in names:
        parts.append(_("the description of the moment"))
    if set(names) - {"date", "label"}:
        parts.append(_("the facts marked below"))
    return parts


UNREPRODUCED_KINDS: dict[str, tuple[type[Role | MissionModel | Organization], str]] = {
    "role": (Role, "catalogue-role"),
    "mission_model": (MissionModel, "catalogue-mission-model"),
    "organization": (Organization, "catalogue-organization"),
}


def _unreproduced(case: Case) -> list[dict[str, str]]:
    """What the case did that the rules do not recommend at its snapshots, named, with why."""
    misses = case.unreproduced or []
    names = {
        kind: {
            item.slug: str(item)
            for item in model.objects.filter(
                slug__in=[m["slug"] for m in misses if m["kind"] == kind]
            )
        }
        for kind, (model, _url) in UNREPRODUCED_KINDS.items()
    }
    return [
        {
            "name": names[miss["kind"]].get(miss["slug"], miss["slug"]),
            "url": reverse(UNREPRODUCED_KINDS[miss["kind"]][1], args=[miss["slug"]])
            if miss["slug"] in names[miss["kind"]]
            else "",
            "why": miss["why"],
        }
        for miss in misses
    ]


def _case_form(request: HttpRequest, case: Case | None) -> HttpResponse:
    if request.method == "POST":
        form = CaseForm(request.POST)
        if form.is_valid():
            writer = CaseWriteSerializer(case, data=form.payload(), context={"user": request.user})
            if writer.is_valid():
                try:
                    saved = writer.save()
                except ValidationError as exc:
                    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                    form.add_serializer_errors(errors)
                else:
                    messages.success(request, _("The case “%s” is saved.") % saved.title)
                    return redirect("case-detail", slug=saved.slug)
            else:
                form.add_serializer_errors(writer.errors)
    else:
        form = CaseForm(initial=CaseForm.initial_from(case) if case else None)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@level_required(CURATOR)
@require_safe_or_post
def case_new(request: HttpRequest) -> HttpResponse:
    return _case_form(request, None)


@level_required(CURATOR)
@require_safe_or_post
def case_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _case_form(request, get_object_or_404(Case, slug=slug))

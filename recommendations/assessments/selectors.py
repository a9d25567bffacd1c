"""Reads of assessments and situations, always scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, OuterRef, QuerySet, Subquery

from cases.models import Case, Source
from core.reference_cache import cached
from missions.models import MissionModel, Organization, Role
from recommendations.assessments.documents import recommendation_of
from recommendations.assessments.result_view import References
from recommendations.assessments.trends import (
    history_trends,
    previous_one,
    trend_json,
    trend_of,
)
from recommendations.models import (
    Assessment,
    Caveat,
    CouncilTool,
    Rule,
    Situation,
)

Labels = dict[str, dict[str, dict[str, str]]]

LIST_MODELS: dict[str, type[Role | MissionModel | Organization | CouncilTool | Caveat]] = {
    "roles": Role,
    "mission_models": MissionModel,
    "lead_organizations": Organization,
    "partner_organizations": Organization,
    "council_tools": CouncilTool,
    "caveats": Caveat,
}


def assessment_get(user: User | AnonymousUser, pk: int) -> Assessment | None:
    return (
        Assessment.objects.visible_to(user)
        .select_related("situation__team", "ruleset", "phase", "created_by")
        .filter(pk=pk)
        .first()
    )


def catalogue_labels() -> Labels:
    """Names (and caveat texts) of every catalogue item, by list and slug (cached)."""

    def build() -> Labels:
        labels: Labels = {}
        for key, model in LIST_MODELS.items():
            fields = ["slug", "name", "text"] if model is Caveat else ["slug", "name"]
            labels[key] = {row["slug"]: row for row in model.objects.values(*fields)}
        return labels

    return cached("catalogue-labels", build)


# The catalogue list whose names label an item of each kind (key actions, ruled out, signposts).
KIND_LIST = {
    "role": "roles",
    "mission_model": "mission_models",
    "organization": "lead_organizations",
    "council_tool": "council_tools",
    "caveat": "caveats",
}
PRIORITIZED = ("roles", "mission_models", "council_tools", "caveats")


def _named(labels: Labels, ref: dict[str, Any]) -> dict[str, Any]:
    """A reference to a catalogue item ({"kind", "slug"}) with the item's name."""
    name = labels[KIND_LIST[ref["kind"]]].get(ref["slug"], {}).get("name", ref["slug"])
    return {**ref, "name": name}


def _robustness(assessment: Assessment, stored: dict[str, Any]) -> dict[str, Any]:
    """The stored robustness; an assessment stored before v2 had one reading, its own."""
    kept: dict[str, Any] = stored.get("robustness") or {}
    if kept.get("phases"):
        return kept
    track = assessment.track or None
    return {
        "uncertain": [],
        "combinations": 1,
        "phases": [{"phase": assessment.phase.slug, "track": track, "combinations": 1}],
    }


def assessment_body(assessment: Assessment, labels: Labels | None = None) -> dict[str, Any]:
    """An assessment and its recommendation in the contract's shape (spec sections 8 and
    8.1), with its trend against the situation's previous assessment. An assessment stored
    before v2 reads with the v2 defaults: every item supporting and robust, nothing key or
    ruled out, no signposts."""
    labels = labels or catalogue_labels()
    previous = previous_one(assessment)
    trend = trend_json(
        trend_of(previous, assessment), previous, assessment, lambda ref: _named(labels, ref)
    )
    stored = recommendation_of(assessment)

    def items(key: str) -> list[dict[str, Any]]:
        out = []
        for item in stored.get(key, []):
            label = labels[key].get(item["slug"], {})
            entry = {"slug": item["slug"], "name": label.get("name", item["slug"])}
            if key == "caveats":
                entry["text"] = label.get("text", "")
            if key in ("lead_organizations", "partner_organizations"):
                entry["reason"] = item["rationale"]
            entry.update(
                rationale=item["rationale"], rules=item["rules"], citations=item["citations"]
            )
            if key in PRIORITIZED:
                entry["priority"] = item.get("priority", "supporting")
            entry["robust"] = item.get("robust", True)
            out.append(entry)
        return out

    def signpost(s: dict[str, Any]) -> dict[str, Any]:
        return {
            **s,
            "adds": [_named(labels, ref) for ref in s["adds"]],
            "removes": [_named(labels, ref) for ref in s["removes"]],
        }

    return {
        "id": assessment.pk,
        "situation": {"id": assessment.situation_id, "country": assessment.situation.country},
        "created": assessment.created,
        "ruleset": {"version": assessment.ruleset.version},
        "input": assessment.input,
        "phase": {
            "slug": assessment.phase.slug,
            "name": assessment.phase.name,
            "track": assessment.track or None,
        },
        **{key: items(key) for key in LIST_MODELS},
        "key_actions": [_named(labels, ref) for ref in stored.get("key_actions", [])],
        "ruled_out": [_named(labels, entry) for entry in stored.get("ruled_out", [])],
        "signposts": [signpost(s) for s in stored.get("signposts", [])],
        "robustness": _robustness(assessment, stored),
        **trend,
        "analogous_cases": assessment.analogous_cases,
        "trace": stored.get("trace", []),
    }


def result_references(assessment: Assessment, body: dict[str, Any]) -> References:
    """The rules, sources and cases an assessment's result points at (for its pages)."""
    rules = {
        r["slug"]: r
        for r in Rule.objects.filter(ruleset_id=assessment.ruleset_id).values(
            "slug", "kind", "target", "track"
        )
    }
    sources = cached(
        "sources-by-key",
        lambda: {
            key: {"author": author, "title": title, "publisher": publisher, "published": when}
            for key, author, title, publisher, when in Source.objects.values_list(
                "key", "author", "title", "publisher", "published"
            )
        },
    )
    slugs = [case["slug"] for case in body["analogous_cases"]]
    cases = {
        case.slug: {
            "outcome": case.get_outcome_display(),
            "outcome_code": case.outcome,
            "lessons": case.lessons,
        }
        for case in Case.objects.filter(slug__in=slugs).only("slug", "outcome", "lessons")
    }
    return References(rules=rules, sources=sources, cases=cases)


@dataclass(frozen=True)
class AssessmentFilters:
    situation: int | None = None
    country: str = ""
    region: str = ""
    phase: str = ""
    track: str = ""
    created_after: datetime | None = None
    created_before: datetime | None = None
    ordering: str = "-created"


def assessment_list(user: User | AnonymousUser, filters: AssessmentFilters) -> QuerySet[Assessment]:
    assessments = Assessment.objects.visible_to(user).select_related(
        "situation", "ruleset", "phase"
    )
    if filters.situation:
        assessments = assessments.filter(situation_id=filters.situation)
    if filters.country:
        assessments = assessments.filter(situation__country__iexact=filters.country)
    if filters.region:
        assessments = assessments.filter(situation__region=filters.region)
    if filters.phase:
        assessments = assessments.filter(phase__slug=filters.phase)
    if filters.track:
        assessments = assessments.filter(track=filters.track)
    if filters.created_after:
        assessments = assessments.filter(created__gte=filters.created_after)
    if filters.created_before:
        assessments = assessments.filter(created__lt=filters.created_before)
    return assessments.order_by(filters.ordering, "-id" if filters.ordering[0] == "-" else "id")


def situation_list(user: User | AnonymousUser) -> QuerySet[Situation]:
    """The user's teams' situations, each with its number of assessments and latest phase."""
    latest = Assessment.objects.filter(situation=OuterRef("pk")).order_by("-created", "-id")
    return (
        Situation.objects.visible_to(user)
        .select_related("team")
        .annotate(
            assessment_count=Count("assessments"),
            latest_id=Subquery(latest.values("pk")[:1]),
            latest_created=Subquery(latest.values("created")[:1]),
            latest_phase=Subquery(latest.values("phase__slug")[:1]),
            latest_track=Subquery(latest.values("track")[:1]),
        )
        .order_by("country", "pk")
    )


def situation_history(situation: Situation) -> list[dict[str, Any]]:
    """The phase trajectory of a situation: one dated point per assessment, oldest first,
    each with its trend against the one before."""
    assessments = list(
        situation.assessments.select_related("phase")
        .only("pk", "created", "phase__slug", "track", "input", "recommendation")
        .order_by("created", "id")
    )
    return [
        {
            "assessment": a.pk,
            "date": a.created,
            "phase": a.phase.slug,
            "track": a.track or None,
            "trend": trend.direction if trend else None,
        }
        for a, trend in zip(assessments, history_trends(assessments), strict=True)
    ]


def latest_point(situation: Situation) -> dict[str, Any] | None:
    """The latest assessment of a situation from `situation_list` (which annotates it)."""
    latest_id = getattr(situation, "latest_id", None)
    if latest_id is None:
        return None
    return {
        "assessment": latest_id,
        "date": getattr(situation, "latest_created", None),
        "phase": getattr(situation, "latest_phase", None),
        "track": getattr(situation, "latest_track", None) or None,
    }


def situation_get(user: User | AnonymousUser, pk: int) -> Situation | None:
    return situation_list(user).filter(pk=pk).first()


def assessments_compare(before: Assessment, after: Assessment) -> dict[str, Any]:
    """What changed between two assessments: input fields, phase, and each list's items."""
    fields = [*after.input, *(name for name in before.input if name not in after.input)]
    changed_input = [
        (name, before.input.get(name), after.input.get(name))
        for name in fields
        if before.input.get(name) != after.input.get(name)
    ]
    labels = catalogue_labels()
    lists: dict[str, dict[str, list[str]]] = {}
    for key in LIST_MODELS:
        old = [i["slug"] for i in recommendation_of(before).get(key, [])]
        new = [i["slug"] for i in recommendation_of(after).get(key, [])]

        def named(slugs: Iterable[str], key: str = key) -> list[str]:
            return [labels[key].get(s, {}).get("name", s) for s in slugs]

        lists[key] = {
            "added": named(s for s in new if s not in old),
            "removed": named(s for s in old if s not in new),
            "kept": named(s for s in new if s in old),
        }
    return {
        "input": changed_input,
        "phase": (
            (before.phase.slug, before.track or None),
            (after.phase.slug, after.track or None),
        ),
        "lists": lists,
    }

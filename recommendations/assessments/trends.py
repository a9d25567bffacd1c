"""Trends of assessments: each against the one before it of the same situation (the rule is
`engine.trend`'s), read from what is stored, so that a past result reads as it was and an
assessment imported with an earlier date takes its place in the history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from contract.fields import facts_of
from recommendations.assessments.documents import key_actions_of
from recommendations.engine.trend import Trend, trend_between
from recommendations.models import Assessment


def _keys(assessment: Assessment) -> list[tuple[str, str]] | None:
    """The key actions stored with the assessment; None for one stored before they existed."""
    stored = key_actions_of(assessment)
    if stored is None:
        return None
    return [(ref["kind"], ref["slug"]) for ref in stored]


def trend_of(previous: Assessment | None, assessment: Assessment) -> Trend | None:
    """The trend from `previous` to `assessment`; None for a situation's first assessment."""
    if previous is None:
        return None
    return trend_between(
        facts_of(previous.input),
        (previous.phase.slug, previous.track or None),
        _keys(previous),
        facts_of(assessment.input),
        (assessment.phase.slug, assessment.track or None),
        _keys(assessment) or [],
    )


def previous_of(assessments: Iterable[Assessment]) -> dict[int, Assessment | None]:
    """For each assessment, the one before it of the same situation (by date, then id): two
    queries whatever their number."""
    ids = [a.pk for a in assessments]
    before = Assessment.objects.filter(situation=OuterRef("situation")).filter(
        Q(created__lt=OuterRef("created")) | Q(created=OuterRef("created"), id__lt=OuterRef("id"))
    )
    pairs = dict(
        Assessment.objects.filter(pk__in=ids)
        .annotate(previous=Subquery(before.order_by("-created", "-id").values("pk")[:1]))
        .values_list("pk", "previous")
    )
    found = Assessment.objects.select_related("phase", "ruleset").in_bulk(
        [p for p in pairs.values() if p is not None]
    )
    return {pk: found.get(pairs.get(pk)) if pairs.get(pk) else None for pk in ids}


def previous_one(assessment: Assessment) -> Assessment | None:
    """The assessment before `assessment` of its situation (by date, then id): one query."""
    return (
        Assessment.objects.select_related("phase", "ruleset")
        .defer("analogous_cases")
        .filter(situation_id=assessment.situation_id)
        .filter(
            Q(created__lt=assessment.created) | Q(created=assessment.created, id__lt=assessment.pk)
        )
        .order_by("-created", "-id")
        .first()
    )


def history_trends(assessments: Sequence[Assessment]) -> list[Trend | None]:
    """The trend of each of a situation's assessments, given oldest first."""
    return [
        trend_of(assessments[i - 1] if i else None, assessment)
        for i, assessment in enumerate(assessments)
    ]


def trend_json(
    trend: Trend | None,
    previous: Assessment | None,
    assessment: Assessment,
    named: Any = None,
) -> dict[str, Any]:
    """The trend as the API gives it: `trend`, `trend_drivers` and `trend_details`. `named`
    turns an item reference (kind, slug) into its contract shape with its name."""

    def ref(kind: str, slug: str) -> dict[str, Any]:
        return named({"kind": kind, "slug": slug}) if named else {"kind": kind, "slug": slug}

    if trend is None or previous is None:
        return {"trend": None, "trend_drivers": [], "trend_details": None}
    return {
        "trend": trend.direction,
        "trend_drivers": [d.as_json() for d in trend.drivers],
        "trend_details": {
            "previous": {
                "id": previous.pk,
                "created": previous.created,
                "ruleset": {"version": previous.ruleset.version},
            },
            "against": [d.as_json() for d in trend.against],
            "same_answers": trend.same_answers,
            "rules_changed": previous.ruleset_id != assessment.ruleset_id,
            "conflict_risk_alert": trend.escalated,
            "key_actions_added": None
            if trend.adds is None
            else [ref(kind, slug) for kind, slug in trend.adds],
            "key_actions_removed": None
            if trend.removes is None
            else [ref(kind, slug) for kind, slug in trend.removes],
        },
    }

"""What other tools are told when assessments are stored: webhook events.

`assessments_announce` is called by every service that stores assessments (the form and the
API, imports, re-evaluations), inside the transaction that stores them, so the events go
out once it commits and never for what was rolled back. It emits, through
`webhooks.services.emit_many`:
- `assessment.created` for each assessment;
- `situation.phase_changed` for each whose phase or track differs from that of its
  situation's previous assessment (the latest one before it; the first assessment of a
  situation changes nothing);
- `situation.trend_changed` for each whose trend (`assessments.trends`) differs from the
  previous assessment's, a situation's first trend counting as `unchanged`: the arrow moved.
Every event's data carries the assessment's `trend` and `trend_drivers`.
Teams with no endpoint listening cost one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from recommendations.assessments.trends import previous_of as previous_assessments
from recommendations.assessments.trends import trend_of
from recommendations.engine.trend import UNCHANGED
from recommendations.models import Assessment, Situation
from webhooks.events import ASSESSMENT_CREATED, PHASE_CHANGED, TREND_CHANGED
from webhooks.services import emit_many, listening_teams


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


def assessment_event_data(assessment: Assessment) -> dict[str, Any]:
    """An assessment as webhook events describe it: ids, country, phase and links."""
    situation = assessment.situation
    return {
        "team": situation.team.slug,
        "situation_id": situation.pk,
        "country": situation.country,
        "region": situation.region,
        "assessment_id": assessment.pk,
        "phase": assessment.phase.slug,
        "track": assessment.track or None,
        "assessed_at": assessment.created.isoformat().replace("+00:00", "Z"),
        "ruleset": assessment.ruleset.version,
        "reevaluation_of": assessment.reevaluation_of_id,
        "links": {
            "assessment": _link("assessment-detail", assessment.pk),
            "situation": _link("situation-detail", situation.pk),
            "assessment_api": _link("api:assessment-detail", assessment.pk),
            "situation_api": _link("api:situation-detail", situation.pk),
        },
    }


def assessments_announce(assessments: Sequence[Assessment]) -> None:
    """Emit the events of newly stored assessments (see the module's docstring)."""
    if all(Assessment.situation.is_cached(a) for a in assessments):
        teams = {a.situation.team_id for a in assessments}  # as just created: no query
    else:
        situation_ids = {a.situation_id for a in assessments}
        found = Situation.objects.filter(pk__in=situation_ids).values_list("team_id", flat=True)
        teams = set(found)
    listening = listening_teams(teams, (ASSESSMENT_CREATED, PHASE_CHANGED, TREND_CHANGED))
    if not listening:
        return
    earlier = (
        Assessment.objects.filter(situation=OuterRef("situation"))
        .filter(
            Q(created__lt=OuterRef("created"))
            | Q(created=OuterRef("created"), pk__lt=OuterRef("pk"))
        )
        .order_by("-created", "-pk")
    )
    told = Assessment.objects.filter(
        pk__in=[a.pk for a in assessments], situation__team__in=listening
    )
    previous_of = {
        pk: (previous_id, phase, track or None)
        for pk, previous_id, phase, track in told.annotate(
            previous_id=Subquery(earlier.values("pk")[:1]),
            previous_phase=Subquery(earlier.values("phase__slug")[:1]),
            previous_track=Subquery(earlier.values("track")[:1]),
        ).values_list("pk", "previous_id", "previous_phase", "previous_track")
    }
    stored = (
        told.select_related("situation__team", "phase", "ruleset")
        .only(
            "pk",
            "created",
            "track",
            "reevaluation_of",
            "phase__slug",
            "ruleset__version",
            "situation__id",
            "situation__country",
            "situation__region",
            "situation__team__slug",
        )
        .order_by("created", "pk")
    )
    trends = _trends(list(told.select_related("phase")))
    events: list[tuple[int, str, dict[str, Any]]] = []
    for assessment in stored:
        now, before = trends[assessment.pk]
        data = {
            **assessment_event_data(assessment),
            "trend": now.direction if now else None,
            "trend_drivers": [d.as_json() for d in now.drivers] if now else [],
        }
        team = assessment.situation.team_id
        events.append((team, ASSESSMENT_CREATED, data))
        previous_id, *previous = previous_of[assessment.pk]
        if previous_id is not None and previous != [data["phase"], data["track"]]:
            events.append(
                (
                    team,
                    PHASE_CHANGED,
                    {
                        **data,
                        "previous": {
                            "assessment_id": previous_id,
                            "phase": previous[0],
                            "track": previous[1],
                        },
                    },
                )
            )
        if (now.direction if now else UNCHANGED) != (before.direction if before else UNCHANGED):
            previous_trend = before.direction if before else None
            events.append((team, TREND_CHANGED, {**data, "previous_trend": previous_trend}))
    emit_many(events)


def _trends(assessments: list[Assessment]) -> dict[int, tuple[Any, Any]]:
    """Each assessment's trend, and its previous assessment's (None where there is none)."""
    previous = previous_assessments(assessments)
    before_previous = previous_assessments([p for p in previous.values() if p is not None])
    out = {}
    for assessment in assessments:
        earlier = previous[assessment.pk]
        out[assessment.pk] = (
            trend_of(earlier, assessment),
            trend_of(before_previous[earlier.pk], earlier) if earlier else None,
        )
    return out

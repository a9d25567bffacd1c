"""The watchlist: a team's situations as a portfolio, each with its phase, its trend since the
assessment before, who assessed it last and when, whether it is due for reassessment, and
the developments its last assessment says to watch for."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import OuterRef, Subquery

from core.spreadsheets import csv_dict_writer
from recommendations.assessments.documents import signposts_of
from recommendations.assessments.trends import trend_of
from recommendations.engine.trend import Trend
from recommendations.models import Assessment, Situation

# At most this many signposts per situation: those that move the phase, escalations first.
WATCH_FOR = 3
ORDERINGS = {
    "-last_assessed": "the latest assessed first",
    "last_assessed": "the longest unassessed first",
    "country": "by country",
}


@dataclass(frozen=True)
class WatchlistFilters:
    phase: str | None = None
    track: str | None = None
    trend: str | None = None
    region: str | None = None
    due: bool | None = None
    alert: bool | None = None
    ordering: str = "-last_assessed"


@dataclass(frozen=True)
class WatchRow:
    situation: Situation
    latest: Assessment | None
    trend: Trend | None

    @property
    def due(self) -> bool:
        return self.situation.review_due is not None

    @property
    def alert(self) -> bool:
        """A conflict risk alert: the last assessment moved towards the Rubicon or into war."""
        return self.trend is not None and self.trend.escalated

    @property
    def signposts(self) -> list[dict[str, Any]]:
        """The last assessment's signposts that move the phase, escalations first."""
        if self.latest is None:
            return []
        stored = signposts_of(self.latest)
        return [s for s in stored if s.get("phase")][:WATCH_FOR]


def watchlist(user: User | AnonymousUser, filters: WatchlistFilters) -> list[WatchRow]:
    """The user's teams' situations on the watchlist, filtered and ordered: three queries."""
    newest = Assessment.objects.filter(situation=OuterRef("pk")).order_by("-created", "-id")
    situations = list(
        Situation.objects.visible_to(user)
        .select_related("team")
        .annotate(
            latest_id=Subquery(newest.values("pk")[:1]),
            previous_id=Subquery(newest.values("pk")[1:2]),
        )
        .order_by("country", "pk")
    )
    if filters.region:
        situations = [s for s in situations if s.region == filters.region]
    wanted = [i for s in situations for i in (s.latest_id, s.previous_id) if i]  # type: ignore[attr-defined]
    found = Assessment.objects.select_related("phase", "created_by", "ruleset").in_bulk(wanted)
    rows = []
    for situation in situations:
        latest = found.get(situation.latest_id)  # type: ignore[attr-defined]
        previous = found.get(situation.previous_id)  # type: ignore[attr-defined]
        trend = trend_of(previous, latest) if latest else None
        rows.append(WatchRow(situation, latest, trend))
    return _ordered([r for r in rows if _kept(r, filters)], filters.ordering)


def _kept(row: WatchRow, f: WatchlistFilters) -> bool:
    latest = row.latest
    if f.phase and (latest is None or latest.phase.slug != f.phase):
        return False
    if f.track and (latest is None or latest.track != f.track):
        return False
    if f.trend and (row.trend is None or row.trend.direction != f.trend):
        return False
    if f.due is not None and row.due != f.due:
        return False
    return f.alert is None or row.alert == f.alert


def _ordered(rows: list[WatchRow], ordering: str) -> list[WatchRow]:
    if ordering == "country":
        return rows  # already by country
    dated = [r for r in rows if r.latest]
    dated.sort(key=lambda r: r.latest.created, reverse=ordering.startswith("-"))  # type: ignore[union-attr]
    # Situations never assessed: last when the latest come first, first otherwise.
    never = [r for r in rows if not r.latest]
    return dated + never if ordering.startswith("-") else never + dated


CSV_COLUMNS = [
    "country",
    "team",
    "region",
    "phase",
    "track",
    "trend",
    "trend_drivers",
    "conflict_risk_alert",
    "last_assessed",
    "assessed_by",
    "due_for_reassessment",
    "watch_for",
    "assessment_url",
]


def watchlist_csv(rows: Iterable[WatchRow], describe: Any, url_of: Any) -> str:
    """The watchlist as CSV: one row per situation; `describe(row)` gives the drivers and the
    signposts in plain words, `url_of(assessment)` a link; formula-like cells made inert."""
    out = io.StringIO()
    writer = csv_dict_writer(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        latest, words = row.latest, describe(row)
        cells = {
            "country": row.situation.country,
            "team": row.situation.team.name,
            "region": row.situation.region,
            "phase": latest.phase.slug if latest else "",
            "track": latest.track if latest else "",
            "trend": row.trend.direction if row.trend else "",
            "trend_drivers": "; ".join(words["drivers"]),
            "conflict_risk_alert": "yes" if row.alert else "no",
            "last_assessed": f"{latest.created:%Y-%m-%d %H:%M}" if latest else "",
            "assessed_by": _author(latest),
            "due_for_reassessment": "yes" if row.due else "no",
            "watch_for": "; ".join(words["watch_for"]),
            "assessment_url": url_of(latest) if latest else "",
        }
        writer.writerow(cells)
    return out.getvalue()


def _author(assessment: Assessment | None) -> str:
    if assessment is None or assessment.created_by is None:
        return ""
    user = assessment.created_by
    return user.get_full_name() or user.get_username()

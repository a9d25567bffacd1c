"""Analogous cases: the case snapshots most like an assessment.

Similarity measure. Each fact of the v1 input is compared on its own scale, giving a score in
[0, 1]:
- ordered scales (violence, dialogue, settlement, atrocity risk, consent, capacity, presence,
  staff security, objectives, election context): 1 - distance / (number of steps - 1);
- unordered values (region, perpetrator, regional and Council stance, mediation) and true/false
  facts: 1 when equal, else 0;
- grievances: the Jaccard index of the two sets (1 when both are empty).
The phase (and track) the rules give counts as one more fact. The similarity is the weighted
mean of these scores (weights below: phase, violence and atrocity risk weigh most), so it lies
in [0, 1] and is 1 only for identical facts. Each case is represented by its closest snapshot,
and the five most similar cases are returned, ties broken by case slug. `shared` lists the
facts whose values are equal, heaviest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cases.models import CaseSnapshot
from contract.fields import FIELDS_BY_NAME
from core.reference_cache import cached

ORDERED = {
    "violence_level": ("none", "sporadic", "spreading", "intensifying", "full_scale_war"),
    "political_dialogue": ("functioning", "strained", "broken_down"),
    "settlement_status": ("none", "negotiating", "fragile_agreement", "consolidating"),
    "atrocity_risk": ("none", "remote", "imminent", "ongoing"),
    "host_consent": ("none", "partial", "full"),
    "host_capacity": ("failing", "weak", "strong"),
    "international_presence": (
        "none",
        "envoy",
        "regional_office",
        "in_country_mission",
        "peacekeeping",
    ),
    "staff_security": ("non_permissive", "restricted", "permissive"),
    "objectives_reconcilable": ("no", "uncertain", "yes"),
    "election_context": ("none", "upcoming", "disputed"),
}
WEIGHTS: dict[str, float] = {
    "phase": 4.0,
    "violence_level": 3.0,
    "atrocity_risk": 3.0,
    "political_dialogue": 2.0,
    "settlement_status": 2.0,
    "war_decision_imminent": 2.0,
    "main_perpetrator": 2.0,
    "host_consent": 2.0,
    "grievances": 2.0,
    "region": 1.5,
    "election_context": 1.5,
    "objectives_reconcilable": 1.5,
    "host_capacity": 1.0,
    "international_presence": 1.0,
    "staff_security": 1.0,
    "regional_consensus": 1.0,
    "security_council": 1.0,
    "mediation": 1.0,
    "minority_at_risk": 1.0,
    "external_spoilers": 1.0,
    "cross_border": 1.0,
    "anticipatory_relationships": 0.5,
    "civil_society_mobilized": 0.5,
}
TOTAL_WEIGHT = sum(WEIGHTS.values())
assert set(WEIGHTS) - {"phase"} <= set(FIELDS_BY_NAME)


@dataclass(frozen=True)
class Analogy:
    slug: str
    title: str
    similarity: float
    shared: tuple[str, ...]
    snapshot_date: str
    snapshot_label: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "similarity": self.similarity,
            "shared": list(self.shared),
            "snapshot": {"date": self.snapshot_date, "label": self.snapshot_label},
        }


def fact_similarity(name: str, a: Any, b: Any) -> float:
    if name in ORDERED:
        scale = ORDERED[name]
        return 1 - abs(scale.index(a) - scale.index(b)) / (len(scale) - 1)
    if name == "grievances":
        sa, sb = set(a or ()), set(b or ())
        return 1.0 if not sa and not sb else len(sa & sb) / len(sa | sb)
    return 1.0 if a == b else 0.0


FIELDS_ORDER = tuple(WEIGHTS)
_POSITIONS = {name: {v: i / (len(s) - 1) for i, v in enumerate(s)} for name, s in ORDERED.items()}


def encode(facts: Mapping[str, Any]) -> tuple:
    """Facts as one tuple in WEIGHTS order: positions in [0, 1] on ordered scales, sets for
    grievances, plain values otherwise; so comparing two encodings is cheap."""
    return tuple(
        _POSITIONS[name][facts[name]]
        if name in _POSITIONS
        else frozenset(facts[name] or ())
        if name == "grievances"
        else facts[name]
        for name in FIELDS_ORDER
    )


_KINDS = tuple(
    "ordered" if name in ORDERED else "set" if name == "grievances" else "equal"
    for name in FIELDS_ORDER
)
_PLAN = tuple(zip(FIELDS_ORDER, (WEIGHTS[n] for n in FIELDS_ORDER), _KINDS, strict=True))


def similarity_encoded(mine: tuple, theirs: tuple) -> tuple[float, tuple[str, ...]]:
    score = 0.0
    shared = []
    for (name, weight, kind), a, b in zip(_PLAN, mine, theirs, strict=True):
        if a == b:
            score += weight
            shared.append(name)
        elif kind == "ordered":
            score += weight * (1 - abs(a - b))
        elif kind == "set":
            score += weight * len(a & b) / len(a | b)
    return round(score / TOTAL_WEIGHT, 3), tuple(shared)


def similarity(facts: Mapping[str, Any], other: Mapping[str, Any]) -> tuple[float, tuple[str, ...]]:
    """Weighted similarity of two fact sets (with "phase" as "phase/track") and what they share."""
    return similarity_encoded(encode(facts), encode(other))


class Library:
    """The case snapshots, encoded, with memoized score columns.

    For one fact and one value, the column holds the weighted score of that value against
    every snapshot, in snapshot order. A comparison with the whole library is then a sum of
    columns (in WEIGHTS order, so the floats are exactly those of `similarity_encoded`),
    done in C by `sum` over `zip`; `shared` is computed for the winners only.
    """

    def __init__(self, snapshots: list[tuple[str, str, str, str, tuple]]):
        self.snapshots = snapshots
        self._columns: list[dict[Any, tuple[float, ...]]] = [{} for _ in _PLAN]

    def column(self, index: int, value: Any) -> tuple[float, ...]:
        memo = self._columns[index]
        found = memo.get(value)
        if found is None:
            _, weight, kind = _PLAN[index]
            found = memo[value] = tuple(
                _weighted(weight, kind, value, theirs[index]) for *_, theirs in self.snapshots
            )
        return found

    def scores(self, mine: tuple) -> list[float]:
        columns = [self.column(i, value) for i, value in enumerate(mine)]
        return [round(sum(row, 0.0) / TOTAL_WEIGHT, 3) for row in zip(*columns, strict=True)]


def _weighted(weight: float, kind: str, a: Any, b: Any) -> float:
    if a == b:
        return weight
    if kind == "ordered":
        return weight * (1 - abs(a - b))
    if kind == "set":
        return weight * len(a & b) / len(a | b)
    return 0.0


def library() -> Library:
    """Every case snapshot, as (case slug, case title, date, label, encoded facts), cached."""

    def build():
        rows = CaseSnapshot.objects.values_list(
            "case__slug", "case__title", "date", "label", "phase__slug", "track", "input"
        )
        return Library(
            [
                (slug, title, date.isoformat(), label, encode({**f, "phase": f"{phase}/{track}"}))
                for slug, title, date, label, phase, track, f in rows
            ]
        )

    return cached("library-snapshots", build)


def analogous_cases(
    facts: Mapping[str, Any],
    phase: str,
    track: str | None,
    snapshots: Iterable[tuple[str, str, str, str, tuple]] | None = None,
    limit: int = 5,
) -> list[Analogy]:
    """The `limit` cases whose closest snapshot is most like these facts; see the module doc."""
    mine = encode({**facts, "phase": f"{phase}/{track or ''}"})
    shelf = library() if snapshots is None else Library(list(snapshots))
    best: dict[str, tuple[float, int]] = {}
    for index, score in enumerate(shelf.scores(mine)):
        slug = shelf.snapshots[index][0]
        current = best.get(slug)
        if current is None or score > current[0]:
            best[slug] = (score, index)
    winners = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    found = []
    for slug, (score, index) in winners:
        _, title, date, label, theirs = shelf.snapshots[index]
        same = zip(FIELDS_ORDER, mine, theirs, strict=True)
        shared = tuple(name for name, a, b in same if a == b)
        found.append(Analogy(slug, title, score, shared, date, label))
    return found

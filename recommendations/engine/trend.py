"""The direction a situation took between two assessments: deteriorated, improved or
unchanged, with the answers that drove it (pure: no I/O).

The rule, in order:
1. The same answers give `unchanged` (`same_answers`), whatever the rules made of them: a
   re-evaluation under other rules is not a trend, even when it moves the phase.
2. Otherwise, a move along the curve of conflict decides: towards the Rubicon or into war
   (latent, rising, Rubicon, war) is `deteriorated`; back down it, or into a settlement, is
   `improved` (the order of `decision.ESCALATION`, the one signposts use).
3. In the same phase, the gravest watched answer that changed decides, in this order: the
   risk of atrocities, the level of violence, a decision for war being imminent, political
   dialogue. Worse is `deteriorated`, better `improved`.
4. Otherwise (only other answers changed) `unchanged`.

The drivers are the phase move and the watched answers that changed in the trend's direction,
gravest first; `against` holds those that changed the other way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recommendations.engine.decision import ESCALATION

DETERIORATED, IMPROVED, UNCHANGED = "deteriorated", "improved", "unchanged"
TRENDS = (DETERIORATED, IMPROVED, UNCHANGED)
# The watched answers, gravest first, each with its values from best to worst.
WATCHED: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("atrocity_risk", ("none", "remote", "imminent", "ongoing")),
    ("violence_level", ("none", "sporadic", "spreading", "intensifying", "full_scale_war")),
    ("war_decision_imminent", (False, True)),
    ("political_dialogue", ("functioning", "strained", "broken_down")),
)
PHASE = "phase"  # the driver's field when the phase moved

Phase = tuple[str, str | None]
ItemKey = tuple[str, str]


@dataclass(frozen=True)
class Driver:
    field: str  # a watched answer, or "phase"
    before: Any  # for the phase, (phase, track)
    after: Any
    worse: bool

    def as_json(self) -> dict[str, Any]:
        def value(v: Any) -> Any:
            return {"phase": v[0], "track": v[1]} if self.field == PHASE else v

        return {
            "field": self.field,
            "from": value(self.before),
            "to": value(self.after),
            "direction": "worse" if self.worse else "better",
        }


@dataclass(frozen=True)
class Trend:
    direction: str
    drivers: tuple[Driver, ...]
    against: tuple[Driver, ...]
    same_answers: bool
    # Key actions the later assessment adds and drops; None when the earlier one named none
    # (stored before key actions existed), so nothing can be said.
    adds: tuple[ItemKey, ...] | None
    removes: tuple[ItemKey, ...] | None

    @property
    def escalated(self) -> bool:
        """The phase moved towards the Rubicon or into war: a conflict risk alert."""
        return any(d.field == PHASE and d.worse for d in self.drivers)


def trend_between(
    before_facts: Mapping[str, Any],
    before_phase: Phase,
    before_keys: Sequence[ItemKey] | None,
    after_facts: Mapping[str, Any],
    after_phase: Phase,
    after_keys: Sequence[ItemKey],
) -> Trend:
    """The trend from one assessment (facts, phase and track, key actions) to the next."""
    if before_keys is None:
        adds = removes = None
    else:
        adds = tuple(k for k in after_keys if k not in before_keys)
        removes = tuple(k for k in before_keys if k not in after_keys)
    if dict(before_facts) == dict(after_facts):
        return Trend(UNCHANGED, (), (), True, adds, removes)
    changed = [
        Driver(name, was, now, order.index(now) > order.index(was))
        for name, order in WATCHED
        if (was := before_facts[name]) != (now := after_facts[name])
    ]
    rise = ESCALATION[after_phase] - ESCALATION[before_phase]
    if rise:
        direction = DETERIORATED if rise > 0 else IMPROVED
        changed.insert(0, Driver(PHASE, before_phase, after_phase, rise > 0))
    elif changed:
        direction = DETERIORATED if changed[0].worse else IMPROVED
    else:
        return Trend(UNCHANGED, (), (), False, adds, removes)
    worse = direction == DETERIORATED
    return Trend(
        direction,
        tuple(d for d in changed if d.worse == worse),
        tuple(d for d in changed if d.worse != worse),
        False,
        adds,
        removes,
    )

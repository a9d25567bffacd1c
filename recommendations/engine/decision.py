"""What would change an assessment, and what holds whatever its uncertain answers turn out to
be (contract section 8.1): signposts and robustness, computed by evaluating the compiled ruleset
on changed inputs. Pure Python, no I/O.

Signposts. For every answer the analyst gave (each enumeration or yes/no field, grievances
added or removed one at a time), the input is evaluated with that one answer changed. A change
is a signpost when it moves the phase or track, or changes the key actions. Phase changes come
first, escalations (further along latent, rising, rubicon, war) before de-escalations, each
group in the order of the contract's fields.

Robustness. The input is evaluated under every combination of the values of its uncertain
answers (at most 5). The phases (with tracks) are counted over the combinations, and an item is
robust when every combination recommends it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

from contract.fields import FIELDS_BY_NAME, GRIEVANCES
from recommendations.engine.facts import OUTPUT_LISTS
from recommendations.engine.outline import decisions_changed, outline
from recommendations.engine.rules import CompiledRuleset, Result

# How far along the curve of conflict a phase and track is; a settlement is a way down.
ESCALATION = {
    ("latent", None): 1,
    ("rising", None): 2,
    ("rubicon", None): 3,
    ("post_rubicon", "war"): 4,
    ("post_rubicon", "settlement"): 0,
}
# The answers a signpost may change: what describes the situation (not where it is).
SIGNPOST_FIELDS = tuple(
    name
    for name, field in FIELDS_BY_NAME.items()
    if field.kind in ("enum", "bool") and name != "region"
)
# The fields a signpost can name: the single answers above, and the grievances list.
SIGNPOST_NAMES = (*SIGNPOST_FIELDS, "grievances")


@dataclass(frozen=True)
class Signpost:
    field: str
    value: Any  # the changed answer; for grievances, the grievance added or removed
    change: str  # "set", or for grievances "add" / "remove"
    phase_from: tuple[str, str | None]
    phase_to: tuple[str, str | None]
    adds: tuple[tuple[str, str], ...]  # key actions (kind, slug) that appear
    removes: tuple[tuple[str, str], ...]  # and those that go

    @property
    def moves_phase(self) -> bool:
        return self.phase_from != self.phase_to

    @property
    def escalates(self) -> bool:
        return ESCALATION[self.phase_to] > ESCALATION[self.phase_from]


def answer_changes(facts: Mapping[str, Any]) -> Iterator[tuple[str, Any, str, Any]]:
    """Every single-answer change: (field, value, "set" | "add" | "remove", the field's new
    value)."""
    for name in SIGNPOST_FIELDS:
        field = FIELDS_BY_NAME[name]
        values = field.choices if field.kind == "enum" else (True, False)
        for value in values:
            if value != facts[name]:
                yield name, value, "set", value
    current = list(facts["grievances"])
    for grievance in GRIEVANCES:
        if grievance in current:
            yield "grievances", grievance, "remove", [g for g in current if g != grievance]
        else:
            yield "grievances", grievance, "add", [*current, grievance]


def changed_answers(facts: Mapping[str, Any]) -> Iterator[tuple[str, Any, str, dict[str, Any]]]:
    """Every single-answer change: (field, value, "set" | "add" | "remove", changed facts)."""
    for name, value, change, new in answer_changes(facts):
        yield name, value, change, {**facts, name: new}


def signposts(ruleset: CompiledRuleset, facts: Mapping[str, Any], result: Result) -> list[Signpost]:
    """The single-answer changes that move the phase or change the key actions, in order.
    Each change re-runs only the stages it can reach (`outline.decisions_changed`)."""
    here = (result.phase, result.track)
    keys = result.key_actions
    changes = list(answer_changes(facts))
    decided = decisions_changed(ruleset, facts, ((name, new) for name, _, _, new in changes))
    found: list[Signpost] = []
    for (name, value, change, _), (phase, track, key_actions) in zip(changes, decided, strict=True):
        there = (phase, track)
        adds = tuple(k for k in key_actions if k not in keys)
        removes = tuple(k for k in keys if k not in key_actions)
        if there != here or adds or removes:
            found.append(Signpost(name, value, change, here, there, adds, removes))
    # Phase changes first, escalations before de-escalations; then the rest. Stable sort:
    # within a group, the contract's field order.
    return sorted(found, key=lambda s: (not s.moves_phase, not s.escalates))


@dataclass(frozen=True)
class Robustness:
    uncertain: tuple[str, ...]
    combinations: int
    phases: tuple[tuple[tuple[str, str | None], int], ...]  # ((phase, track), count)
    robust: frozenset[tuple[str, str]]  # (list, slug) recommended in every combination


def _values(name: str) -> tuple[Any, ...]:
    field = FIELDS_BY_NAME[name]
    return field.choices if field.kind == "enum" else (True, False)


def robustness(
    ruleset: CompiledRuleset,
    facts: Mapping[str, Any],
    result: Result,
    uncertain: tuple[str, ...] = (),
) -> Robustness:
    """Evaluate every combination of the values of the `uncertain` answers (the input's
    `uncertain` list; without any, the one result there is)."""
    counts: Counter[tuple[str, str | None]] = Counter()
    always: set[tuple[str, str]] | None = None
    combinations = 0
    for values in product(*(_values(name) for name in uncertain)):
        if uncertain:
            other = outline(ruleset, {**facts, **dict(zip(uncertain, values, strict=True))})
            counts[(other.phase, other.track)] += 1
            present = {(key, slug) for key in OUTPUT_LISTS for slug in other.lists[key]}
        else:
            counts[(result.phase, result.track)] += 1
            present = {(key, item.slug) for key in OUTPUT_LISTS for item in getattr(result, key)}
        combinations += 1
        always = present if always is None else always & present
    return Robustness(
        uncertain=uncertain,
        combinations=combinations,
        phases=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], ESCALATION[kv[0]]))),
        robust=frozenset(always or ()),
    )

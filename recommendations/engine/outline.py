"""What an evaluation decides, without its reasons, as fast as Python allows: the phase and
track, each list's slugs in order, and the key actions.

Signposts and robustness evaluate a ruleset on dozens to hundreds of changed inputs and read
only these. `outline` gives what `evaluate` gives (a property test checks it on random inputs)
by running one Python function generated from the whole ruleset, each rule an `if` on its
compiled condition, instead of looping over rule objects and building reasons. The source is
built from the conditions' own compiled source (`conditions.condition_source`) and from slugs
and numbers entered through repr(), so no rule can inject code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from recommendations.engine.conditions import condition_source
from recommendations.engine.facts import KEYS, LISTS, MAX_KEY_ACTIONS, VETOES
from recommendations.engine.rules import CompiledRuleset, SlugList

KEY_ACTION_KINDS = ("role", "mission_model", "council_tool")
Decide = Callable[[dict[str, Any]], tuple[Any, ...]]
_compiled: dict[int, tuple[CompiledRuleset, Decide]] = {}


@dataclass(frozen=True)
class Outline:
    phase: str
    track: str | None
    lists: Mapping[str, tuple[str, ...]]
    key_actions: tuple[tuple[str, str], ...]


def _fire(fired: dict[str, list[int]], target: str, position: int, priority: int) -> None:
    seen = fired.get(target)
    if seen is None:
        fired[target] = [position, priority]
    else:
        seen[0], seen[1] = min(seen[0], position), min(seen[1], priority)


def _source(ruleset: CompiledRuleset) -> str:
    """The Python source of the ruleset's decide function over a facts dict `f`."""
    lines = ["def decide(f):", "    out = {}", "    best = {}"]
    for kind, rules in ruleset.stages:
        if kind == "phase":
            first = True
            for c in rules:
                keyword = "if" if first else "elif"
                lines.append(f"    {keyword} {condition_source(c.rule.condition)}:")
                lines.append(f"        phase, track = {c.rule.target!r}, {c.rule.track!r}")
                first = False
            lines.append("    else:")
            lines.append("        phase, track = None, None")
            lines.append("    f['phase'] = phase; f['track'] = track")
            continue
        name = LISTS[kind]
        lines.append(f"    fired = {{}}  # {kind}")
        barred = [k for k, v in VETOES.items() if v == kind]
        if barred:
            lines.append(f"    barred = f[{LISTS[barred[0]]!r}]")
        if kind in KEYS:
            lines.append(f"    allowed = f[{LISTS[KEYS[kind]]!r}]")
        following = False
        for c in rules:
            if c.follows and not following:
                following = True
                lines.append(f"    f[{name!r}] = SlugList(fired)")
                if kind == "role":
                    lines.append("    f['role_count'] = len(fired)")
            guard = []
            if barred:
                guard.append(f"{c.rule.target!r} not in barred")
            if kind in KEYS:
                guard.append(f"{c.rule.target!r} in allowed")
            guard.append(condition_source(c.rule.condition))
            lines.append(f"    if {' and '.join(guard)}:")
            lines.append(
                f"        fire(fired, {c.rule.target!r}, {int(c.position)}, {int(c.rule.priority)})"
            )
        if following:
            lines.append("    fired = dict(sorted(fired.items(), key=first_position))")
        lines.append(f"    f[{name!r}] = SlugList(fired)")
        if kind == "role":
            lines.append("    f['role_count'] = len(fired)")
        lines.append(f"    out[{name!r}] = tuple(fired)")
        if kind in KEYS:
            lines.append(f"    best[{name!r}] = {{t: p for t, (_, p) in fired.items()}}")
    lines.append("    return phase, track, out, best")
    return "\n".join(lines)


def _decide(ruleset: CompiledRuleset) -> Decide:
    kept = _compiled.get(id(ruleset))
    if kept is not None and kept[0] is ruleset:
        return kept[1]
    scope: dict[str, Any] = {
        "SlugList": SlugList,
        "fire": _fire,
        "first_position": lambda kv: kv[1][0],
    }
    exec(compile(_source(ruleset), "<outline>", "exec"), scope)  # noqa: S102
    decide: Decide = scope["decide"]
    if len(_compiled) >= 8:  # the rulesets of a process are few; keep the last ones
        _compiled.clear()
    _compiled[id(ruleset)] = (ruleset, decide)
    return decide


def outline(ruleset: CompiledRuleset, facts: Mapping[str, Any]) -> Outline:
    """What `evaluate(ruleset, facts)` decides: phase, track, lists and key actions."""
    phase, track, lists, best = _decide(ruleset)(dict(facts))
    if phase is None:  # compile_ruleset refuses a ruleset without a fallback phase rule
        raise ValueError("no phase rule held")
    marked = sorted(
        (priority, order, kind, slug)
        for order, kind in enumerate(KEY_ACTION_KINDS)
        for slug, priority in best.get(LISTS[f"key_{kind}"], {}).items()
    )
    return Outline(
        phase=phase,
        track=track,
        lists=lists,
        key_actions=tuple((kind, slug) for _, _, kind, slug in marked[:MAX_KEY_ACTIONS]),
    )

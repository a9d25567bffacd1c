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

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from recommendations.engine.conditions import Test, condition_names, condition_source
from recommendations.engine.facts import KEYS, LISTS, MAX_KEY_ACTIONS, VETOES
from recommendations.engine.rules import CompiledRule, CompiledRuleset, SlugList

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


def _stage_lines(kind: str, rules: tuple[CompiledRule, ...]) -> list[str]:
    """Source lines (indented once) of one stage over the facts dict `f`: the phase stage
    sets `phase` and `track`, a list stage `fired` (target -> [position, priority]); either
    publishes what it decided as facts for the stages after it."""
    if kind == "phase":
        lines = []
        for i, c in enumerate(rules):
            keyword = "elif" if i else "if"
            lines.append(f"    {keyword} {condition_source(c.rule.condition)}:")
            lines.append(f"        phase, track = {c.rule.target!r}, {c.rule.track!r}")
        lines.append("    else:")
        lines.append("        phase, track = None, None")
        lines.append("    f['phase'] = phase; f['track'] = track")
        return lines
    name = LISTS[kind]
    lines = [f"    fired = {{}}  # {kind}"]
    barred = [k for k, v in VETOES.items() if v == kind]
    if barred and rules:
        lines.append(f"    barred = f[{LISTS[barred[0]]!r}]")
    if kind in KEYS and rules:
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
    return lines


def _source(ruleset: CompiledRuleset) -> str:
    """The Python source of the ruleset's decide function over a facts dict `f`."""
    lines = ["def decide(f):", "    out = {}", "    best = {}"]
    for kind, rules in ruleset.stages:
        lines.extend(_stage_lines(kind, rules))
        if kind == "phase":
            continue
        name = LISTS[kind]
        lines.append(f"    out[{name!r}] = tuple(fired)")
        if kind in KEYS:
            lines.append(f"    best[{name!r}] = {{t: p for t, (_, p) in fired.items()}}")
    lines.append("    return phase, track, out, best")
    return "\n".join(lines)


def _scope() -> dict[str, Any]:
    return {"SlugList": SlugList, "fire": _fire, "first_position": lambda kv: kv[1][0]}


def _decide(ruleset: CompiledRuleset) -> Decide:
    kept = _compiled.get(id(ruleset))
    if kept is not None and kept[0] is ruleset:
        return kept[1]
    scope = _scope()
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
    return Outline(phase=phase, track=track, lists=lists, key_actions=_key_actions(best))


def _key_actions(best: Mapping[str, Mapping[str, int]]) -> tuple[tuple[str, str], ...]:
    """The key actions, from each key list's targets and their best priorities."""
    marked = sorted(
        (priority, order, kind, slug)
        for order, kind in enumerate(KEY_ACTION_KINDS)
        for slug, priority in best.get(LISTS[f"key_{kind}"], {}).items()
    )
    return tuple((kind, slug) for _, _, kind, slug in marked[:MAX_KEY_ACTIONS])


# The stages a signpost reads: the phase, and what marks the key actions.
DECIDING = ("phase", *(f"key_{kind}" for kind in KEY_ACTION_KINDS))
Decision = tuple[str, str | None, tuple[tuple[str, str], ...]]  # phase, track, key actions


@dataclass(frozen=True)
class _Stage:
    kind: str
    run: Callable[[dict[str, Any]], Any]  # sets its facts in f; returns what it decided
    reads: frozenset[str]  # the facts its rules read
    writes: frozenset[str]  # the facts it sets
    # The stage's rules that read each fact (follow-up rules aside), by index and test: if
    # none of those reading a changed fact tests otherwise, the stage decides as before.
    tests: Mapping[str, tuple[tuple[int, Test], ...]]
    # Facts whose change always runs the stage again: the lists that bar or allow its
    # targets, and what its follow-up rules read (they see the stage's own partial list).
    whole: frozenset[str]


_staged: dict[int, tuple[CompiledRuleset, tuple[_Stage, ...]]] = {}


def _stage(kind: str, rules: tuple[CompiledRule, ...]) -> _Stage:
    if kind == "phase":
        writes, result = {"phase", "track"}, "(phase, track)"
    else:
        writes = {LISTS[kind], "role_count"} if kind == "role" else {LISTS[kind]}
        result = "list(fired.items())"
    reads: set[str] = set()
    whole: set[str] = set()
    tests: dict[str, list[tuple[int, Test]]] = {}
    for i, c in enumerate(rules):
        names = condition_names(c.rule.condition)
        reads |= names
        if c.follows:
            whole |= names
            continue
        for name in names:
            tests.setdefault(name, []).append((i, c.test))
    if rules and any(v == kind for v in VETOES.values()):
        whole.add(next(LISTS[k] for k, v in VETOES.items() if v == kind))
    if rules and kind in KEYS:
        whole.add(LISTS[KEYS[kind]])
    scope = _scope()
    source = "\n".join(["def stage(f):", *_stage_lines(kind, rules), f"    return {result}"])
    exec(compile(source, f"<outline {kind}>", "exec"), scope)  # noqa: S102
    return _Stage(
        kind,
        scope["stage"],
        frozenset(reads | whole),
        frozenset(writes),
        {name: tuple(found) for name, found in tests.items()},
        frozenset(whole),
    )


def _stages(ruleset: CompiledRuleset) -> tuple[_Stage, ...]:
    """The stages the phase and the key actions depend on, each as its own generated
    function, with the facts it reads and sets (cached per ruleset, as `_decide`)."""
    kept = _staged.get(id(ruleset))
    if kept is not None and kept[0] is ruleset:
        return kept[1]
    stages = [_stage(kind, rules) for kind, rules in ruleset.stages]
    # Keep what the deciding stages need, directly or through an earlier stage's decision.
    needed: set[str] = set()
    kept_stages: list[_Stage] = []
    for stage in reversed(stages):
        if stage.kind in DECIDING or stage.writes & needed:
            needed |= stage.reads
            kept_stages.append(stage)
    found = tuple(reversed(kept_stages))
    if len(_staged) >= 8:
        _staged.clear()
    _staged[id(ruleset)] = (ruleset, found)
    return found


def decisions_changed(
    ruleset: CompiledRuleset, facts: Mapping[str, Any], changes: Iterable[tuple[str, Any]]
) -> Iterator[Decision]:
    """What `outline` decides (phase, track, key actions) of `facts` with each change
    (an answer's name and its other value) made alone, in order.

    The facts are decided once; then, for each change, a stage is run again only when a
    fact it reads differs (the changed answer, or what an earlier stage decided otherwise
    because of it) and one of its rules reading that fact now tests otherwise. Stages that
    neither the phase nor the key actions depend on (caveats, organizations, unless a key
    rule reads them) are never run. A property test checks the answers against `outline`
    on random inputs under both reference rulesets."""
    stages = _stages(ruleset)
    base = dict(facts)
    decided = [stage.run(base) for stage in stages]
    held: list[dict[int, bool]] = [{} for _ in stages]  # rule index -> its test at `base`
    keys = [i for i, stage in enumerate(stages) if stage.kind in DECIDING[1:]]

    def key_actions(outs: list[Any]) -> tuple[tuple[str, str], ...]:
        return _key_actions({LISTS[stages[i].kind]: {t: p for t, (_, p) in outs[i]} for i in keys})

    def tests_otherwise(i: int, stage: _Stage, f: dict[str, Any], changed: set[str]) -> bool:
        before = held[i]
        for name in changed:
            for j, test in stage.tests.get(name, ()):
                was = before.get(j)
                if was is None:
                    was = before[j] = test(base)
                if test(f) != was:
                    return True
        return False

    unchanged = key_actions(decided)
    for name, value in changes:
        f = dict(base)
        f[name] = value
        changed = {name}
        now = decided
        for i, stage in enumerate(stages):
            if stage.reads.isdisjoint(changed):
                continue
            if stage.whole.isdisjoint(changed) and not tests_otherwise(i, stage, f, changed):
                continue
            out = stage.run(f)
            if out != decided[i]:
                if now is decided:
                    now = list(decided)
                now[i] = out
                changed |= stage.writes
            else:  # as before: its facts are the base's again
                for fact in stage.writes:
                    f[fact] = base[fact]
        moved = now is not decided and any(now[i] != decided[i] for i in keys)
        yield f["phase"], f["track"], key_actions(now) if moved else unchanged

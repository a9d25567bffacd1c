"""Rules, their compilation into a ruleset, and the evaluation of one assessment.

A rule is plain data: a slug that never changes, an effect (a kind from STAGES and a target
slug; phase rules also give a track), a condition (see `conditions.py`), a priority, a
rationale and citations. A ruleset is compiled once per version (`compile_ruleset`); then
`evaluate` runs one assessment's facts through it without I/O, deterministically.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from recommendations.engine.conditions import (
    Condition,
    Explainer,
    Test,
    compile_condition,
    compile_explainer,
    validate,
)
from recommendations.engine.errors import ConditionError, RuleError
from recommendations.engine.facts import (
    KEYS,
    LISTS,
    MAX_KEY_ACTIONS,
    MAX_KEY_CAVEATS,
    STAGES,
    VETOES,
    FactSpec,
    fact_catalogue,
    targets,
)


@dataclass(frozen=True)
class Rule:
    slug: str
    kind: str  # one of STAGES
    target: str  # the phase, role, model, organization, tool or caveat slug it recommends
    condition: Condition
    priority: int = 100
    rationale: str = ""
    citations: tuple[Mapping[str, str], ...] = ()
    track: str | None = None  # phase rules only: war or settlement for post_rubicon


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    test: Test
    explainer: Explainer
    item: Item  # what the rule recommends when it is the only one recommending its target
    position: int = 0  # its place in the stage's priority order
    follows: bool = False  # reads its own stage's list: runs after the stage's other rules


@dataclass(frozen=True)
class CompiledRuleset:
    version: int
    stages: tuple[tuple[str, tuple[CompiledRule, ...]], ...]
    size: int


class SlugList(list[str]):
    """A derived list fact (recommended slugs) with constant-time membership tests."""

    __slots__ = ("_members",)

    def __init__(self, slugs: Iterable[str]) -> None:
        super().__init__(slugs)
        self._members = frozenset(self)

    def __contains__(self, slug: object) -> bool:
        return slug in self._members


class Item(NamedTuple):
    """One recommendation: a slug and the rules that recommend it, with their reasons."""

    slug: str
    rules: tuple[str, ...]
    rationale: str
    citations: tuple[Mapping[str, str], ...]
    priority: int = 100  # the highest (lowest number) of its rules' priorities


class TraceEntry(NamedTuple):
    """A rule that fired, why (`because`), and the facts it read."""

    rule: str
    kind: str
    target: str
    because: str
    facts: Mapping[str, Any]
    fired: bool = True


@dataclass(frozen=True)
class Result:
    ruleset_version: int
    phase: str
    track: str | None
    roles: tuple[Item, ...] = ()
    mission_models: tuple[Item, ...] = ()
    lead_organizations: tuple[Item, ...] = ()
    partner_organizations: tuple[Item, ...] = ()
    council_tools: tuple[Item, ...] = ()
    caveats: tuple[Item, ...] = ()
    ruled_out_mission_models: tuple[Item, ...] = ()
    ruled_out_roles: tuple[Item, ...] = ()
    ruled_out_organizations: tuple[Item, ...] = ()
    ruled_out_council_tools: tuple[Item, ...] = ()
    key_mission_models: tuple[Item, ...] = ()
    key_roles: tuple[Item, ...] = ()
    key_council_tools: tuple[Item, ...] = ()
    key_caveats: tuple[Item, ...] = ()
    trace: tuple[TraceEntry, ...] = field(default=())

    def slugs(self, kind: str) -> list[str]:
        return [item.slug for item in getattr(self, LISTS[kind])]

    @property
    def key_actions(self) -> tuple[tuple[str, str], ...]:
        """The key roles, mission models and Council tools, (kind, slug), most important
        first: by their key rules' priority, at most MAX_KEY_ACTIONS."""
        marked = [
            (item.priority, order, kind, item.slug)
            for order, kind in enumerate(("role", "mission_model", "council_tool"))
            for item in getattr(self, LISTS[f"key_{kind}"])
        ]
        return tuple((kind, slug) for _, _, kind, slug in sorted(marked)[:MAX_KEY_ACTIONS])

    @property
    def key_caveat_slugs(self) -> tuple[str, ...]:
        """The key caveats, most important first, at most MAX_KEY_CAVEATS."""
        return tuple(item.slug for item in self.key_caveats[:MAX_KEY_CAVEATS])

    @property
    def ruled_out(self) -> tuple[tuple[str, Item], ...]:
        """What the situation rules out, (kind, item), roles first."""
        return tuple(
            (kind, item)
            for kind in ("role", "mission_model", "organization", "council_tool")
            for item in getattr(self, LISTS[f"ruled_out_{kind}"])
        )


def check_rule(
    rule: Rule, facts: Mapping[str, FactSpec], slugs: Mapping[str, tuple[str, ...]]
) -> set[str]:
    """Raise RuleError unless the rule fits the contract and the catalogue; return the facts
    its condition reads."""
    if not rule.slug:
        raise RuleError(rule.slug, "slug", "a rule needs a slug")
    if rule.kind not in STAGES:
        raise RuleError(
            rule.slug, "kind", f"unknown kind {rule.kind!r}; allowed: {', '.join(STAGES)}"
        )
    if rule.target not in targets(slugs, rule.kind):
        raise RuleError(rule.slug, "target", f"unknown {rule.kind} {rule.target!r}")
    if rule.kind == "phase":
        wanted_track = rule.target == "post_rubicon"
        if wanted_track != (rule.track in ("war", "settlement")):
            raise RuleError(
                rule.slug, "track", "post_rubicon takes track war or settlement; other phases none"
            )
    elif rule.track is not None:
        raise RuleError(rule.slug, "track", "only phase rules have a track")
    try:
        read = validate(rule.condition, facts)
    except ConditionError as exc:
        raise RuleError(rule.slug, "condition", str(exc)) from None
    stage = STAGES.index(rule.kind)
    late = sorted(name for name in read if facts[name].stage > stage)
    if late or (rule.kind == "phase" and {"phase", "track"} & read):
        raise RuleError(
            rule.slug,
            "condition",
            f"reads {', '.join(late or sorted(read))}, not yet known when {rule.kind} rules run",
        )
    return read


def _follows(read: set[str], facts: Mapping[str, FactSpec], kind: str) -> bool:
    """Whether a rule reads what its own stage decides (and so runs after its stage)."""
    stage = STAGES.index(kind)
    return any(facts[name].stage == stage for name in read)


def compile_ruleset(
    rules: Iterable[Rule], slugs: Mapping[str, Iterable[str]], version: int = 0
) -> CompiledRuleset:
    """Validate every rule and group them into stages, ordered by priority then slug.

    `slugs` maps each kind (phase, role, ...) to the slugs a rule may target. A ruleset needs a
    phase rule with condition `true` (the fallback phase) so every assessment gets a phase.
    """
    catalogue = {kind: tuple(values) for kind, values in slugs.items()}
    facts = fact_catalogue(catalogue)
    rules = list(rules)
    seen: set[str] = set()
    follows: set[str] = set()
    for rule in rules:
        if rule.slug in seen:
            raise RuleError(rule.slug, "slug", "two rules have this slug")
        seen.add(rule.slug)
        if _follows(check_rule(rule, facts, catalogue), facts, rule.kind):
            follows.add(rule.slug)
        if not rule.citations:
            raise RuleError(rule.slug, "citations", "every rule needs at least one citation")
    if not any(r.kind == "phase" and r.condition is True for r in rules):
        raise RuleError("", "phase", "no fallback phase rule (a phase rule with condition true)")
    ordered = sorted(rules, key=lambda r: (STAGES.index(r.kind), r.priority, r.slug))
    stages = []
    for kind in STAGES:
        compiled = [
            CompiledRule(
                r,
                compile_condition(r.condition),
                compile_explainer(r.condition),
                _item([r]),
                position=i,
                follows=r.slug in follows,
            )
            for i, r in enumerate(r for r in ordered if r.kind == kind)
        ]
        # Follow-up rules last: they read what the stage's other rules decided.
        stages.append((kind, tuple(sorted(compiled, key=lambda c: c.follows))))
    return CompiledRuleset(version=version, stages=tuple(stages), size=len(rules))


def _entry(compiled: CompiledRule, facts: Mapping[str, Any]) -> TraceEntry:
    rule = compiled.rule
    reasons: list[str] = []
    used: dict[str, Any] = {}
    compiled.explainer(facts, reasons, used)
    return TraceEntry(
        rule=rule.slug,
        kind=rule.kind,
        target=rule.target,
        because="; ".join(reasons) or "no condition (fallback)",
        facts=MappingProxyType(used),
    )


def _bare_entry(compiled: CompiledRule, facts: Mapping[str, Any]) -> TraceEntry:
    rule = compiled.rule
    return TraceEntry(rule.slug, rule.kind, rule.target, "", _NO_FACTS)


_NO_FACTS: Mapping[str, Any] = MappingProxyType({})


def _item(rules: list[Rule]) -> Item:
    citations = {tuple(sorted(c.items())): c for rule in rules for c in rule.citations}
    return Item(
        slug=rules[0].target,
        rules=tuple(r.slug for r in rules),
        rationale=" ".join(dict.fromkeys(r.rationale for r in rules if r.rationale)),
        citations=tuple(citations.values()),
        priority=min(r.priority for r in rules),
    )


def _merged(compiled: list[CompiledRule]) -> Item:
    """The item of a target recommended by several rules, from their precompiled items."""
    if len(compiled) == 1:
        return compiled[0].item
    citations: dict[tuple[tuple[str, str], ...], Mapping[str, str]] = {}
    rationales: dict[str, None] = {}
    for c in compiled:
        for citation in c.item.citations:
            citations.setdefault(tuple(citation.items()), citation)
        if c.item.rationale:
            rationales[c.item.rationale] = None
    return Item(
        slug=compiled[0].item.slug,
        rules=tuple(c.rule.slug for c in compiled),
        rationale=" ".join(rationales),
        citations=tuple(citations.values()),
        priority=min(c.rule.priority for c in compiled),
    )


def evaluate(ruleset: CompiledRuleset, facts: Mapping[str, Any], explain: bool = True) -> Result:
    """Run one assessment's facts (a validated v1 input) through a compiled ruleset.

    Steps:
    1. Phase stage: phase rules in priority order; the first that holds sets phase and track
       (precedence lives in the priorities), and later phase rules are not run.
    2. Each later stage in turn: what the situation rules out (its targets are then vetoed:
       no later rule recommends them), then mission models, roles, lead and partner
       organizations, Council tools and caveats, then what is key (a key rule marks its
       target only if it is recommended). In each, every rule whose condition holds
       recommends its target; a target recommended by several rules appears once, in the
       place of its first rule, listing them all.
    3. After each stage its result becomes a derived fact for the stages after it. A stage's
       follow-up rules (those reading the stage's own list) run after its other rules, on
       the list those made; what they add takes its place in priority order.
    Every rule that fired is in the trace, with the facts that made it fire; with
    `explain=False` (bulk re-evaluation, impact dry-runs) the trace names the rules only.
    """
    entry = _entry if explain else _bare_entry
    f: dict[str, Any] = dict(facts)
    trace: list[TraceEntry] = []
    gathered: dict[str, tuple[Item, ...]] = {}
    phase: str | None = None
    track: str | None = None
    vetoed: dict[str, SlugList] = {}
    for kind, rules in ruleset.stages:
        if kind == "phase":
            for compiled in rules:
                if compiled.test(f):
                    phase, track = compiled.rule.target, compiled.rule.track
                    trace.append(entry(compiled, f))
                    break
            f["phase"], f["track"] = phase, track
            continue
        name = LISTS[kind]
        fired: dict[str, list[CompiledRule]] = {}
        following = False
        barred = vetoed.get(kind, ())
        allowed = f[LISTS[KEYS[kind]]] if kind in KEYS else None
        for compiled in rules:
            if compiled.follows and not following:
                following = True
                _publish(f, kind, fired)
            target = compiled.rule.target
            if target in barred or (allowed is not None and target not in allowed):
                continue
            if compiled.test(f):
                fired.setdefault(compiled.rule.target, []).append(compiled)
                trace.append(entry(compiled, f))
        if following:  # what follow-ups added goes where its first rule's priority puts it
            fired = dict(sorted(fired.items(), key=lambda kv: min(c.position for c in kv[1])))
        gathered[name] = tuple(map(_merged, fired.values()))
        _publish(f, kind, fired)
        if kind in VETOES:
            vetoed[VETOES[kind]] = f[name]
    if phase is None:  # compile_ruleset refuses a ruleset without a fallback phase rule
        raise RuleError("", "phase", "no phase rule held")
    return Result(
        ruleset_version=ruleset.version, phase=phase, track=track, trace=tuple(trace), **gathered
    )


def _publish(f: dict[str, Any], kind: str, fired: Mapping[str, Any]) -> None:
    """Make a stage's recommendations facts for the rules that read them."""
    f[LISTS[kind]] = SlugList(fired)
    if kind == "role":
        f["role_count"] = len(fired)


def rule_from_data(data: Mapping[str, Any]) -> Rule:
    """A Rule from its plain-data form (as in fixtures/rules.yaml or the API)."""
    return Rule(
        slug=data["slug"],
        kind=data["kind"],
        target=data["target"],
        condition=data["condition"],
        priority=int(data.get("priority", 100)),
        rationale=data.get("rationale", ""),
        citations=tuple(MappingProxyType(dict(c)) for c in data.get("citations", ())),
        track=data.get("track"),
    )

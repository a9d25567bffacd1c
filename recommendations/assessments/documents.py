"""The stored form of a recommendation.

A ruleset version is immutable once active, so what its rules say (rationales, citations,
the targets they recommend) is not copied into every assessment: a compact document keeps
only what is particular to the assessment and is expanded from the compiled ruleset when
presented. Three forms live side by side in one table, each read as it was written:

- full (no "format"): every item with its names, rationale and citations, as first stored;
- "format": 2: each item as the rules that produced it (by slug), its priority and
  robustness; the signposts; the trace as each fired rule with the facts it read;
- "format": 3, written now: the same with each rule given by its place among the ruleset's
  rule slugs in sorted order (a ruleset version never changes, so neither do the places),
  item references in one table the key actions and signposts point into, and the trace as
  the places of the rules that fired: the facts each read and why it fired are given again
  by evaluating the input under the ruleset, which is how they were found in the first place.

Compacting checks its own work: whatever the ruleset and the input would not give back
exactly (a rationale, a reason, a trace the evaluation no longer gives) is kept in the
compact document as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from contract.fields import facts_of
from recommendations.engine.rules import CompiledRule, CompiledRuleset, Result, evaluate
from recommendations.models import Assessment
from recommendations.rulesets.compiler import ruleset_compile

COMPACT = 3  # the form written now
COMPACT_FORMS = (2, 3)  # the forms read
LISTS = (
    "roles",
    "mission_models",
    "lead_organizations",
    "partner_organizations",
    "council_tools",
    "caveats",
)
PRIORITY = {"key": 1, "supporting": 0, None: None}
PRIORITY_NAME = {1: "key", 0: "supporting"}
Rules = dict[str, CompiledRule]


def is_compact(document: Mapping[str, Any]) -> bool:
    return document.get("format") in COMPACT_FORMS


def trace_json(result: Result) -> list[dict[str, Any]]:
    """An evaluation's trace as a full document stores it."""
    return [
        {"rule": e.rule, "fired": e.fired, "because": e.because, "facts": dict(e.facts)}
        for e in result.trace
    ]


@dataclass(frozen=True)
class _Tables:
    rules: Rules  # the compiled rules by slug
    places: list[str]  # the rule slugs in sorted order: a rule's place in it names the rule
    place: dict[str, int]


_tables: dict[int, tuple[CompiledRuleset, _Tables]] = {}


def _tables_of(compiled: CompiledRuleset) -> _Tables:
    """A compiled ruleset's rules by slug and by place, built once per compiled ruleset
    (every assessment stored or presented under it reads them)."""
    kept = _tables.get(id(compiled))
    if kept is not None and kept[0] is compiled:
        return kept[1]
    rules = {c.rule.slug: c for _, stage in compiled.stages for c in stage}
    places = sorted(rules)
    tables = _Tables(rules, places, {slug: i for i, slug in enumerate(places)})
    if len(_tables) >= 8:  # the rulesets of a process are few; keep the last ones
        _tables.clear()
    _tables[id(compiled)] = (compiled, tables)
    return tables


def _said(rules: Rules, slugs: list[str]) -> tuple[str, str, list[dict[str, str]]]:
    """The target, rationale and citations the ruleset gives an item made by `slugs`."""
    citations: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    rationales: dict[str, None] = {}
    for slug in slugs:
        item = rules[slug].item
        for citation in item.citations:
            citations.setdefault(tuple(citation.items()), dict(citation))
        if item.rationale:
            rationales[item.rationale] = None
    return rules[slugs[0]].rule.target, " ".join(rationales), list(citations.values())


def _because(rules: Rules, slug: str, facts: Mapping[str, Any]) -> str:
    reasons: list[str] = []
    try:
        rules[slug].explainer(facts, reasons, {})
    except (KeyError, TypeError, ValueError):
        return "\0"  # not given back: the reason is kept as it was
    return "; ".join(reasons) or "no condition (fallback)"


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON (True is not 1, 1 is not 1.0)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _ref(ref: Mapping[str, str]) -> str:
    return f"{ref['kind']}:{ref['slug']}"


def _unref(text: str) -> dict[str, str]:
    kind, slug = text.split(":", 1)
    return {"kind": kind, "slug": slug}


def compact(
    document: dict[str, Any],
    compiled: CompiledRuleset,
    facts: Mapping[str, Any],
    result: Result | None = None,
    form: int = COMPACT,
) -> dict[str, Any]:
    """The compact form of a full document produced under `compiled` from `facts` (a
    compact one is returned as it is). `result` is the evaluation the document was made
    from, when the caller has it; otherwise the input is evaluated again. `form` 2 writes
    what earlier releases wrote."""
    if is_compact(document):
        return document
    tables = _tables_of(compiled)
    rules, place = tables.rules, tables.place
    refs: dict[str, int] = {}

    def ref(r: Mapping[str, str]) -> int | str:
        return refs.setdefault(_ref(r), len(refs)) if form == 3 else _ref(r)

    def item(entry: dict[str, Any], reason: str = "rationale") -> list[Any]:
        slugs = entry["rules"]
        known = all(s in rules for s in slugs) and bool(slugs)
        said = _said(rules, slugs) if known else None
        named = [place[s] for s in slugs] if known and form == 3 else slugs
        out: list[Any] = [named, PRIORITY[entry.get("priority")], entry.get("robust")]
        given = {"slug": entry["slug"], reason: entry[reason], "citations": entry["citations"]}
        if said is None or said != (given["slug"], given[reason], given["citations"]):
            out.append(given)  # kept as it was
        return out

    def step(entry: dict[str, Any]) -> list[Any]:  # form 2
        names = list(entry["facts"])
        own = {n: v for n, v in entry["facts"].items() if n not in facts or not _same(facts[n], v)}
        out: list[Any] = [entry["rule"], names]
        extra: dict[str, Any] = {}
        if own:
            extra["v"] = own
        if not entry["fired"]:
            extra["f"] = False
        read = {**{n: facts[n] for n in names if n in facts}, **own}
        if entry["rule"] not in rules or _because(rules, entry["rule"], read) != entry["because"]:
            extra["b"] = entry["because"]
        if extra:
            out.append(extra)
        return out

    def signpost(s: dict[str, Any]) -> list[Any]:
        phase = s["phase"]
        return [
            s["field"],
            s["value"],
            [phase["from"], phase["to"], phase["from_track"], phase["to_track"]] if phase else None,
            s["escalation"],
            [ref(r) for r in s["adds"]],
            [ref(r) for r in s["removes"]],
            *([s["change"]] if "change" in s else []),
        ]

    out: dict[str, Any] = {"format": form}
    for name in LISTS:
        if name in document:
            out[name] = [item(e) for e in document[name]]
    if "key_actions" in document:
        out["key_actions"] = [ref(r) for r in document["key_actions"]]
    if "ruled_out" in document:
        out["ruled_out"] = [[e["kind"], *item(e, "reason")] for e in document["ruled_out"]]
    if "signposts" in document:
        out["signposts"] = [signpost(s) for s in document["signposts"]]
    if "robustness" in document:
        out["robustness"] = document["robustness"]
    if "trace" in document and form == 2:
        out["trace"] = [step(e) for e in document["trace"]]
    elif "trace" in document:
        derived = trace_json(result if result is not None else evaluate(compiled, facts))
        if _same(derived, document["trace"]):
            out["trace"] = [place[e["rule"]] for e in derived]
        else:  # not what the evaluation gives: kept as it was
            out["trace_kept"] = document["trace"]
    if refs:
        out["refs"] = list(refs)
    rest = {k: v for k, v in document.items() if k not in (*out, "trace")}
    if rest:
        out["rest"] = rest
    return out


def expand(
    document: dict[str, Any], compiled: CompiledRuleset, facts: Mapping[str, Any]
) -> dict[str, Any]:
    """The full form of a document (a full one is returned as it is)."""
    if not is_compact(document):
        return document
    tables = _tables_of(compiled)
    rules, places = tables.rules, tables.places
    form = document["format"]
    table = [_unref(r) for r in document.get("refs", [])]

    def ref(r: int | str) -> dict[str, str]:
        return dict(table[r]) if isinstance(r, int) else _unref(r)

    def item(entry: list[Any], reason: str = "rationale") -> dict[str, Any]:
        named, priority, robust = entry[0], entry[1], entry[2]
        slugs = [places[n] if isinstance(n, int) else n for n in named]
        if len(entry) > 3:
            slug, said, citations = entry[3]["slug"], entry[3][reason], entry[3]["citations"]
        else:
            slug, said, citations = _said(rules, slugs)
        out: dict[str, Any] = (
            {"slug": slug, "rules": slugs, "rationale": said, "citations": citations}
            if reason == "rationale"
            else {"slug": slug, "reason": said, "rules": slugs, "citations": citations}
        )
        if priority is not None:
            out["priority"] = PRIORITY_NAME[priority]
        if robust is not None:
            out["robust"] = robust
        return out

    def step(entry: list[Any]) -> dict[str, Any]:  # form 2
        rule, names = entry[0], entry[1]
        extra = entry[2] if len(entry) > 2 else {}
        own = extra.get("v", {})
        read = {n: own[n] if n in own else facts[n] for n in names}
        because = extra["b"] if "b" in extra else _because(rules, rule, read)
        return {"rule": rule, "fired": extra.get("f", True), "because": because, "facts": read}

    def signpost(s: list[Any]) -> dict[str, Any]:
        field, value, phase, escalation, adds, removes, *change = s
        out: dict[str, Any] = {"field": field, "value": value}
        if change:
            out["change"] = change[0]
        out["phase"] = (
            dict(zip(("from", "to", "from_track", "to_track"), phase, strict=True))
            if phase
            else None
        )
        out.update(
            escalation=escalation, adds=[ref(r) for r in adds], removes=[ref(r) for r in removes]
        )
        return out

    full: dict[str, Any] = {}
    for name in LISTS:
        if name in document:
            full[name] = [item(e) for e in document[name]]
    if "key_actions" in document:
        full["key_actions"] = [ref(r) for r in document["key_actions"]]
    if "ruled_out" in document:
        full["ruled_out"] = [{"kind": e[0], **item(e[1:], "reason")} for e in document["ruled_out"]]
    if "signposts" in document:
        full["signposts"] = [signpost(s) for s in document["signposts"]]
    if "robustness" in document:
        full["robustness"] = document["robustness"]
    if "trace" in document and form == 2:
        full["trace"] = [step(e) for e in document["trace"]]
    elif "trace" in document:
        full["trace"] = _trace_again(compiled, facts, [places[n] for n in document["trace"]])
    if "trace_kept" in document:
        full["trace"] = document["trace_kept"]
    full.update(document.get("rest", {}))
    return full


def _trace_again(
    compiled: CompiledRuleset, facts: Mapping[str, Any], fired: list[str]
) -> list[dict[str, Any]]:
    """The trace of the rules that fired, with why and on which facts, from evaluating the
    input again. Should the evaluation ever name other rules (Envoy's engine changed since),
    each stored rule is explained alone on the input, so the trace still names what fired."""
    derived = trace_json(evaluate(compiled, facts))
    if [e["rule"] for e in derived] == fired:
        return derived
    rules = _tables_of(compiled).rules
    out = []
    for slug in fired:
        reasons: list[str] = []
        used: dict[str, Any] = {}
        try:
            rules[slug].explainer(facts, reasons, used)
        except (KeyError, TypeError, ValueError):
            reasons, used = [], {}
        out.append({"rule": slug, "fired": True, "because": "; ".join(reasons), "facts": used})
    return out


def recommendation_of(assessment: Assessment) -> dict[str, Any]:
    """An assessment's recommendation in full, whichever form it is stored in; expanded once
    per instance (an assessment is never edited), or given by `remember_full`."""
    stored: dict[str, Any] = assessment.recommendation
    if not is_compact(stored):
        return stored
    kept = assessment.__dict__.get(_FULL)
    if kept is not None and kept[0] is stored:
        full: dict[str, Any] = kept[1]
        return full
    full = expand(stored, ruleset_compile(assessment.ruleset), facts_of(assessment.input))
    remember_full(assessment, full)
    return full


def remember_full(assessment: Assessment, full: dict[str, Any]) -> None:
    """Say what `assessment`'s stored document expands to (its creator has it in hand)."""
    assessment.__dict__[_FULL] = (assessment.recommendation, full)


def key_actions_of(assessment: Assessment) -> list[dict[str, str]] | None:
    """The key actions stored with an assessment (None for one stored before they existed),
    without expanding the rest of its document."""
    stored: dict[str, Any] = assessment.recommendation
    refs = stored.get("key_actions")
    if refs is None or not is_compact(stored):
        return refs
    table = stored.get("refs", [])
    return [_unref(table[r] if isinstance(r, int) else r) for r in refs]


def signposts_of(assessment: Assessment) -> list[dict[str, Any]]:
    """The signposts stored with an assessment, without expanding the rest of its document
    (a list of situations shows them for each)."""
    stored: dict[str, Any] = assessment.recommendation
    if not is_compact(stored) or _FULL in assessment.__dict__:
        return list(recommendation_of(assessment).get("signposts", []))
    alone = {k: stored[k] for k in ("format", "signposts", "refs") if k in stored}
    found: list[dict[str, Any]] = expand(alone, ruleset_compile(assessment.ruleset), {}).get(
        "signposts", []
    )
    return found


_FULL = "_recommendation_full"


def recommendations_compact(batch: int = 1000, limit: int | None = None) -> int:
    """Store every recommendation in the compact form written now (full ones and those of
    format 2 alike), `batch` assessments at a time by id, each batch in its own
    transaction; those already in it are skipped, so a run that stops can be started again.
    Returns how many were converted (at most `limit`)."""
    done, after = 0, 0
    while limit is None or done < limit:
        with transaction.atomic():
            rows = list(
                Assessment.objects.select_related("ruleset")
                .select_for_update(of=("self",))
                .filter(pk__gt=after)
                .order_by("pk")[:batch]
            )
            if not rows:
                break
            older = [row for row in rows if row.recommendation.get("format") != COMPACT]
            if limit is not None:
                older = older[: limit - done]
            for row in older:
                compiled, facts = ruleset_compile(row.ruleset), facts_of(row.input)
                full = expand(row.recommendation, compiled, facts)
                row.recommendation = compact(full, compiled, facts)
            Assessment.objects.bulk_update(older, ["recommendation"])
        done += len(older)
        after = rows[-1].pk
    return done

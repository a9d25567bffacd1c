"""Rulesets between the database and the engine: the catalogue's slugs, a rule as plain data
and its check against the contract, and the compiled ruleset of a version (cached per version
and update)."""

from __future__ import annotations

from typing import Any

from contract.errors import Unavailable
from core.reference_cache import cached
from missions.models import MissionModel, Organization, Role
from phases.models import Phase
from recommendations.engine import CompiledRuleset, RuleError, compile_ruleset, rule_from_data
from recommendations.engine.facts import fact_catalogue
from recommendations.engine.rules import check_rule
from recommendations.models import Caveat, CouncilTool, Rule, RuleSet

CatalogueModel = Phase | Role | MissionModel | Organization | CouncilTool | Caveat

CATALOGUE_MODELS: dict[str, type[CatalogueModel]] = {
    "phase": Phase,
    "role": Role,
    "mission_model": MissionModel,
    "organization": Organization,
    "council_tool": CouncilTool,
    "caveat": Caveat,
}


_compiled: dict[tuple[int, Any], CompiledRuleset] = {}


class NoActiveRuleset(Unavailable):
    pass


def catalogue_slugs() -> dict[str, tuple[str, ...]]:
    """The slugs a rule may target, per kind, in catalogue order."""
    return {
        kind: tuple(model.objects.values_list("slug", flat=True))
        for kind, model in CATALOGUE_MODELS.items()
    }


def rule_as_data(rule: Rule, with_citations: bool = True) -> dict[str, Any]:
    data = {
        "slug": rule.slug,
        "kind": rule.kind,
        "target": rule.target,
        "track": rule.track or None,
        "condition": rule.condition,
        "priority": rule.priority,
        "rationale": rule.rationale,
    }
    if with_citations:
        data["citations"] = [c.as_dict() for c in rule.citations.all()]
    return data


def rule_errors(rule: Rule) -> dict[str, list[str]]:
    """Field -> messages for a rule whose kind, target, track or condition does not fit the
    contract and the catalogue (unknown field, operator or value)."""
    slugs = catalogue_slugs()
    try:
        check_rule(rule_from_data(rule_as_data(rule, False)), fact_catalogue(slugs), slugs)
    except RuleError as exc:
        return {exc.field: [exc.message]}
    return {}


def ruleset_compile(ruleset: RuleSet) -> CompiledRuleset:
    """The compiled form of a ruleset, compiled once per version and update."""
    key = (ruleset.pk, ruleset.updated)
    compiled = _compiled.get(key)
    if compiled is None:
        rules = ruleset.rules.prefetch_related("citations__source")
        compiled = compile_ruleset(
            (rule_from_data(rule_as_data(r)) for r in rules), catalogue_slugs(), ruleset.version
        )
        _compiled[key] = compiled
    return compiled


def ruleset_active() -> RuleSet:
    ruleset = cached(
        "active-ruleset", lambda: RuleSet.objects.filter(status=RuleSet.Status.ACTIVE).first()
    )
    if ruleset is None:
        raise NoActiveRuleset("No ruleset is active: run `manage.py load_reference_data`.")
    return ruleset

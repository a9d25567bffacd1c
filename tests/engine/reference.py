"""The reference ruleset and catalogue slugs read straight from fixtures/, with no database."""

from functools import cache

import yaml

from cases.citecheck import FIXTURES_DIR
from recommendations.engine import CompiledRuleset, compile_ruleset, rule_from_data

CATALOGUE_FILES = {
    "phase": "phases.yaml",
    "role": "roles.yaml",
    "mission_model": "mission_models.yaml",
    "organization": "organizations.yaml",
    "council_tool": "council_tools.yaml",
    "caveat": "caveats.yaml",
}


@cache
def catalogue_slugs() -> dict[str, tuple[str, ...]]:
    return {
        kind: tuple(item["slug"] for item in yaml.safe_load((FIXTURES_DIR / name).read_text()))
        for kind, name in CATALOGUE_FILES.items()
    }


CURRENT = 2  # the contract version of the newest reference ruleset


@cache
def reference_rules_data(contract: int = CURRENT) -> list[dict]:
    path = FIXTURES_DIR / "rulesets" / f"v{contract}.yaml"
    return yaml.safe_load(path.read_text())["rules"]


@cache
def reference_ruleset(contract: int = CURRENT) -> CompiledRuleset:
    """The reference ruleset of a contract version (v1: the one before this contract)."""
    rules = [rule_from_data(r) for r in reference_rules_data(contract)]
    return compile_ruleset(rules, catalogue_slugs(), version=contract)

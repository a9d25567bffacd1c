"""Envoy's rules engine: pure Python, no Django. See rules.py for the evaluation steps."""

from recommendations.engine.conditions import ConditionError
from recommendations.engine.contract import ContractError, validate_input
from recommendations.engine.rules import (
    CompiledRuleset,
    Item,
    Result,
    Rule,
    RuleError,
    TraceEntry,
    compile_ruleset,
    evaluate,
    rule_from_data,
)

__all__ = [
    "CompiledRuleset",
    "ConditionError",
    "ContractError",
    "Item",
    "Result",
    "Rule",
    "RuleError",
    "TraceEntry",
    "compile_ruleset",
    "evaluate",
    "rule_from_data",
    "validate_input",
]

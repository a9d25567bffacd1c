"""Envoy's rules engine: pure Python, no Django. See rules.py for the evaluation steps."""

from contract.errors import ContractError
from contract.fields import validate_input
from recommendations.engine.errors import ConditionError, RuleError
from recommendations.engine.rules import (
    CompiledRuleset,
    Item,
    Result,
    Rule,
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

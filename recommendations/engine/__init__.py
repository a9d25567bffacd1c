"""Envoy's rules engine: pure Python, no Django. See rules.py for the evaluation steps."""

from .conditions import ConditionError
from .contract import ContractError, validate_input
from .rules import (
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

"""The engine's errors: a condition or a rule that does not fit. Both are invalid input."""

from __future__ import annotations

from contract.errors import InvalidInput


class ConditionError(InvalidInput):
    """A condition that does not fit the language or the fact catalogue; names where."""

    def __init__(self, path: str, message: str):
        super().__init__({"condition": [f"{path}: {message}" if path else message]})
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.errors["condition"][0]


class RuleError(InvalidInput):
    """A rule that cannot be part of a ruleset; `field` names what is wrong."""

    def __init__(self, rule: str, field: str, message: str):
        super().__init__({field: [message]})
        self.rule, self.field, self.message = rule, field, message

    def __str__(self) -> str:
        return f"rule {self.rule!r}, {self.field}: {self.message}"

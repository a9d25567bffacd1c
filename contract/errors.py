"""The root of the errors Envoy raises on purpose, and their kinds.

Each kind carries the HTTP status it stands for. The API maps them to answers in one place
(`core.api.api_exception_handler`) and the pages in one other (`core.errors`); code that
raises one only says what went wrong. Pure Python.
"""

from __future__ import annotations


class EnvoyError(Exception):
    """Something Envoy refuses to do, said in words a user can read."""

    status = 400


class InvalidInput(EnvoyError):
    """Input that does not fit: `errors` maps each field at fault to its messages."""

    status = 400

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return " ".join(
            message if field in ("", "non_field_errors") else f"{field}: {message}"
            for field, messages in self.errors.items()
            for message in messages
        )


class NotAllowed(EnvoyError, PermissionError):
    """The user's access level does not allow this."""

    status = 403


class Locked(InvalidInput):
    """The item can no longer change (a ruleset that is active or retired); `field` names
    it in the per-field errors."""

    field = "non_field_errors"

    def __init__(self, message: str):
        super().__init__({self.field: [message]})

    def __str__(self) -> str:
        return self.errors[self.field][0]


class Conflict(EnvoyError):
    """Another request changed the same thing meanwhile; trying again sees its result."""

    status = 409


class Unavailable(EnvoyError):
    """A part Envoy needs is missing or down for now (no active ruleset, the task queue)."""

    status = 503


class ContractError(InvalidInput):
    """An input the contract refuses, with a message per field."""

"""The v1 situation assessment contract (spec section 1): fields, types and enumerations.

This module is the single definition of the contract's input. The engine, the models'
choices, the web form and the API all read it. Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

REGIONS = (
    "europe",
    "caucasus",
    "central_asia",
    "west_africa",
    "central_africa",
    "east_africa",
    "southern_africa",
    "north_africa",
    "middle_east",
    "south_asia",
    "southeast_asia",
    "east_asia",
    "americas",
    "oceania",
)
PHASES = ("latent", "rising", "rubicon", "post_rubicon")
TRACKS = ("war", "settlement")
GRIEVANCES = (
    "governance",
    "identity_ethnic",
    "economic_inequality",
    "minority_rights",
    "citizenship",
    "resources",
    "territorial_status",
    "electoral_dispute",
    "security_sector",
)
COUNTRY_MAX_LENGTH = 100
NOTES_MAX_LENGTH = 10_000


@dataclass(frozen=True)
class Field:
    """One input field: its kind (enum, bool, int, text, list, id) and constraints."""

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = True
    max_length: int | None = None
    help: str = ""


FIELDS: tuple[Field, ...] = (
    Field("situation", "id", required=False, help="an existing tracked situation"),
    Field(
        "country", "text", max_length=COUNTRY_MAX_LENGTH, help="the country or territory assessed"
    ),
    Field("region", "enum", REGIONS, help="drives which organizations can lead"),
    Field(
        "violence_level",
        "enum",
        ("none", "sporadic", "spreading", "intensifying", "full_scale_war"),
    ),
    Field("recent_fatalities", "int", required=False, help="conflict deaths in the last 3 months"),
    Field("political_dialogue", "enum", ("functioning", "strained", "broken_down")),
    Field("war_decision_imminent", "bool"),
    Field(
        "settlement_status", "enum", ("none", "negotiating", "fragile_agreement", "consolidating")
    ),
    Field("grievances", "list", GRIEVANCES, required=False),
    Field("atrocity_risk", "enum", ("none", "remote", "imminent", "ongoing")),
    Field("main_perpetrator", "enum", ("none", "state", "non_state", "both")),
    Field("host_consent", "enum", ("full", "partial", "none")),
    Field("host_capacity", "enum", ("strong", "weak", "failing")),
    Field(
        "international_presence",
        "enum",
        ("none", "envoy", "regional_office", "in_country_mission", "peacekeeping"),
    ),
    Field("anticipatory_relationships", "bool"),
    Field("staff_security", "enum", ("permissive", "restricted", "non_permissive")),
    Field("regional_consensus", "enum", ("united", "divided", "competing", "not_engaged")),
    Field("security_council", "enum", ("united", "divided", "not_seized")),
    Field(
        "mediation",
        "enum",
        ("none", "single_lead", "multiple_coordinated", "multiple_uncoordinated"),
    ),
    Field("objectives_reconcilable", "enum", ("yes", "uncertain", "no")),
    Field("civil_society_mobilized", "bool"),
    Field("minority_at_risk", "bool"),
    Field("election_context", "enum", ("none", "upcoming", "disputed")),
    Field("external_spoilers", "bool"),
    Field("cross_border", "bool"),
    Field("notes", "text", required=False, max_length=NOTES_MAX_LENGTH),
)
FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FACT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.name not in ("situation", "country", "notes")
)


class ContractError(ValueError):
    """Raised with a mapping of field name -> list of messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _check(field: Field, value: Any) -> tuple[Any, str | None]:
    """Return (clean value, error message or None) for one present field."""
    if field.kind == "enum":
        if not isinstance(value, str) or value not in field.choices:
            return None, f"{value!r} is not one of: {', '.join(field.choices)}."
        return value, None
    if field.kind == "bool":
        if not isinstance(value, bool):
            return None, "Must be true or false."
        return value, None
    if field.kind in ("int", "id"):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "Must be a whole number."
        if value < (1 if field.kind == "id" else 0):
            return None, "Must be 0 or more." if field.kind == "int" else "Must be a positive id."
        return value, None
    if field.kind == "text":
        if not isinstance(value, str):
            return None, "Must be text."
        value = value.strip()
        if field.required and not value:
            return None, "This field may not be blank."
        if field.max_length and len(value) > field.max_length:
            return None, f"At most {field.max_length} characters (got {len(value)})."
        return value, None
    if field.kind == "list":
        if not isinstance(value, list):
            return None, f"Must be a list of: {', '.join(field.choices)}."
        unknown = [v for v in value if not isinstance(v, str) or v not in field.choices]
        if unknown:
            return None, f"Unknown value(s) {unknown!r}; allowed: {', '.join(field.choices)}."
        if len(set(value)) != len(value):
            return None, "A value appears more than once."
        return list(value), None
    raise AssertionError(f"unknown field kind {field.kind}")


def validate_input(data: Any) -> dict[str, Any]:
    """Validate one v1 input; return the clean input or raise ContractError per field.

    Optional fields that are absent are filled in (grievances as [], recent_fatalities and
    notes as None); unknown fields and missing required fields are errors.
    """
    if not isinstance(data, Mapping):
        raise ContractError({"non_field_errors": ["Expected a JSON object of input fields."]})
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name in data:
        if name not in FIELDS_BY_NAME:
            errors[str(name)] = ["Unknown field."]
    for field in FIELDS:
        if field.name not in data or data[field.name] is None:
            if field.required:
                errors[field.name] = ["This field is required."]
            elif field.name != "situation":
                clean[field.name] = [] if field.kind == "list" else None
            continue
        value, error = _check(field, data[field.name])
        if error:
            errors[field.name] = [error]
        else:
            clean[field.name] = value
    if errors:
        raise ContractError(errors)
    return clean


def labelled(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """Django-style (value, label) choices: `west_africa` is labelled "West Africa"."""
    return [(value, value.replace("_", " ").title()) for value in values]

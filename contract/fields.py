"""The situation assessment contract, v2 (spec section 1): fields, types and enumerations.

This module is the single definition of the contract's input. The engine, the models'
choices, the web form and the API all read it. Pure Python: no Django import.

v2 only adds optional fields, each with a default, so every v1 input is a valid v2 input,
and an input stored under v1 reads as v2 once its absent fields take their defaults
(`facts_of`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contract.errors import ContractError
from contract.text import MAX_WHOLE_NUMBER, name_error, text_error, whole_number_error

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
UNCERTAIN_MAX = 5
CONTRACT_VERSION = 2
# The largest whole number a field takes: every JSON reader (JavaScript's included) holds it
# exactly, and every database stores it.
MAX_INT = MAX_WHOLE_NUMBER
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and surrogates not in a pair


@dataclass(frozen=True)
class Field:
    """One input field: its kind (enum, bool, int, text, list, id) and constraints."""

    name: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = True
    max_length: int | None = None
    help: str = ""
    default: Any = None  # what an absent optional field means
    since: int = 1  # the contract version that added the field
    max_items: int | None = None  # lists only
    is_name: bool = False  # text people read and compare: no invisible characters

    def default_value(self) -> Any:
        return list(self.default or ()) if self.kind == "list" else self.default

    @property
    def nullable(self) -> bool:
        """Whether null stands for absent: optional numbers, ids and texts only."""
        return not self.required and self.kind in ("int", "id", "text")


_ANSWERS: tuple[Field, ...] = (  # the situation and what the analyst answers about it
    Field("situation", "id", required=False, help="an existing tracked situation"),
    Field(
        "country",
        "text",
        max_length=COUNTRY_MAX_LENGTH,
        is_name=True,
        help="the country or territory assessed",
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
    Field(
        "interstate",
        "bool",
        required=False,
        default=False,
        since=2,
        help="the dispute is between states",
    ),
    Field(
        "protracted_process",
        "bool",
        required=False,
        default=False,
        since=2,
        help="a peace process or frozen conflict that has lasted years without resolution",
    ),
    Field(
        "parties_accept_mediation",
        "enum",
        ("yes", "some", "no", "unknown"),
        required=False,
        default="unknown",
        since=2,
        help="do the parties want outside help",
    ),
    Field(
        "facts_disputed",
        "bool",
        required=False,
        default=False,
        since=2,
        help="key facts (who did what) are in dispute",
    ),
    Field(
        "displacement",
        "enum",
        ("none", "internal", "cross_border"),
        required=False,
        default="none",
        since=2,
        help="people displaced by the tension or violence",
    ),
)
# Fields that are not facts about the situation: rules never read them.
NOT_FACTS = frozenset({"situation", "country", "notes", "uncertain"})
# The answers an analyst may mark as uncertain: the enumerations and yes/no questions about
# the situation (not the region, which places the situation rather than describing it).
UNCERTAIN_CHOICES: tuple[str, ...] = tuple(
    f.name for f in _ANSWERS if f.kind in ("enum", "bool") and f.name not in NOT_FACTS | {"region"}
)
FIELDS: tuple[Field, ...] = (
    *_ANSWERS,
    Field(
        "uncertain",
        "list",
        UNCERTAIN_CHOICES,
        required=False,
        default=(),
        since=2,
        max_items=UNCERTAIN_MAX,
        help=f"answers the analyst is not sure of (at most {UNCERTAIN_MAX})",
    ),
    Field("notes", "text", required=False, max_length=NOTES_MAX_LENGTH),
)
FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.name not in NOT_FACTS)


def clean_text(value: str) -> str | None:
    """Why a text cannot be stored (a NUL character, or half of a surrogate pair), or None."""
    return text_error(value)


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
        return value, whole_number_error(value)
    if field.kind == "text":
        if not isinstance(value, str):
            return None, "Must be text."
        problem = name_error(value) if field.is_name else text_error(value)
        if problem:
            return None, problem
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
        if unknown and field.name == "uncertain":
            return None, (
                f"Only answers about the situation can be marked uncertain, not {unknown!r}; "
                f"allowed: {', '.join(field.choices)}."
            )
        if unknown:
            return None, f"Unknown value(s) {unknown!r}; allowed: {', '.join(field.choices)}."
        if len(set(value)) != len(value):
            return None, "A value appears more than once."
        if field.max_items is not None and len(value) > field.max_items:
            return None, f"At most {field.max_items} values (got {len(value)})."
        return list(value), None
    raise AssertionError(f"unknown field kind {field.kind}")


def validate_input(data: Any) -> dict[str, Any]:
    """Validate one input; return the clean input or raise ContractError per field.

    Optional fields that are absent take their defaults (grievances and uncertain as [],
    recent_fatalities and notes as None, the v2 fields as the spec says); null stands for
    absent only in the optional numbers, ids and texts. Unknown fields, missing required
    fields and whole numbers beyond 2^53 - 1 are errors, as is text no database can store.
    """
    if not isinstance(data, Mapping):
        raise ContractError({"non_field_errors": ["Expected a JSON object of input fields."]})
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name in data:
        if name not in FIELDS_BY_NAME:
            errors[str(name)] = ["Unknown field."]
    for field in FIELDS:
        if (
            field.name in data
            and data[field.name] is None
            and not (field.required or field.nullable)
        ):
            errors[field.name] = ["May not be null: leave the field out for its default."]
            continue
        if field.name not in data or data[field.name] is None:
            if field.required:
                errors[field.name] = ["This field is required."]
            elif field.name != "situation":
                clean[field.name] = field.default_value()
            continue
        value, error = _check(field, data[field.name])
        if error:
            errors[field.name] = [error]
        else:
            clean[field.name] = value
    if errors:
        raise ContractError(errors)
    return clean


def facts_of(clean: Mapping[str, Any]) -> dict[str, Any]:
    """The facts rules read: a validated input without its situation, country, notes and
    uncertain answers; fields absent from an input stored under an older contract take their
    defaults."""
    return {
        name: clean[name] if name in clean else FIELDS_BY_NAME[name].default_value()
        for name in FACT_FIELDS
    }

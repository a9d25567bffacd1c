"""OpenAPI generation: every operation documents the error bodies it can answer with, is
grouped by what it is about, and is described in words written for the API's users."""

import inspect

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_doc
from rest_framework import serializers

from core.api import TextField


class ErrorSerializer(serializers.Serializer):
    """An error: what went wrong, in words."""

    detail = TextField()


ERRORS = {
    "401": "No credentials, or a wrong or revoked token.",
    "403": "Your access level does not allow this.",
    "404": "No such item (or not one of your teams'), or no such page of a list.",
    "429": "Too many requests: wait for the time in the Retry-After header.",
}
FIELD_ERRORS = {
    "description": "Invalid input: for each field (or `non_field_errors`), a list of messages; "
    "nested fields give an object of the same form.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": {},
                "example": {"violence_level": ["'loud' is not one of: none, sporadic, ..."]},
            }
        }
    },
}


# Operations grouped by what they are about (the first part of the path after /api/v1/).
TAG_OF = {
    "assessments": "Assessments",
    "situations": "Situations",
    "watchlist": "Situations",
    "cases": "Case library",
    "phases": "Catalogue",
    "roles": "Catalogue",
    "mission-models": "Catalogue",
    "organizations": "Catalogue",
    "missions": "Catalogue",
    "council-tools": "Catalogue",
    "caveats": "Catalogue",
    "sources": "Catalogue",
    "rulesets": "Rules",
    "rules": "Rules",
    "imports": "Imports and tasks",
    "tasks": "Imports and tasks",
    "teams": "Teams",
    "audit": "Audit trail",
    "webhooks": "Webhooks",
    "event-datasets": "Event data",
    "events": "Event data",
    "event-countries": "Event data",
}


class EnvoySchema(AutoSchema):
    def get_description(self) -> str:  # type: ignore[override]
        """The operation's own description: its `extend_schema` words, else the docstring of
        its action or of its viewset itself. Never a docstring inherited from a base class
        or mixin, which speaks to Envoy's developers, not to the API's users."""
        action = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
        own = vars(type(self.view)).get("__doc__")
        return get_doc(action) or (inspect.cleandoc(own) if own else "")

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        """A serializer marked `closed` (its service refuses unknown fields) says so:
        additionalProperties false."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if getattr(serializer, "closed", False):
            schema["additionalProperties"] = False
        return schema

    def _insert_field_validators(self, field, schema):
        """A text field's schema names the characters it refuses (NUL; in a name, the invisible
        ones too) as a pattern, so a client learns it from the schema, not from a 400. Set
        after DRF's validators are read, so a blank-allowed field stays one plain string."""
        super()._insert_field_validators(field, schema)
        if isinstance(field, TextField) and schema.get("type") == "string":
            schema.setdefault("pattern", field.schema_pattern)

    def get_tags(self) -> list[str]:
        resource = self.path.removeprefix("/api/v1/").split("/")[0]
        return [TAG_OF.get(resource, resource)]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        if self.method in ("POST", "PUT", "PATCH", "DELETE") or self._has_query_parameters():
            responses.setdefault("400", FIELD_ERRORS)
        paged = self._is_list_view() and self.method == "GET"
        codes = ["401", "403", "429"] + (["404"] if "{" in self.path or paged else [])
        for code in codes:
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = ERRORS[code]
                responses[code] = response
        return responses

    def _has_query_parameters(self) -> bool:
        return self.method == "GET" and any(p.get("in") == "query" for p in self._get_parameters())

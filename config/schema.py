"""OpenAPI generation: every operation documents the error bodies it can answer with."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """An error: what went wrong, in words."""

    detail = serializers.CharField()


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


class EnvoySchema(AutoSchema):
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

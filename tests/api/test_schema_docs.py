"""The API's documentation speaks to its users: every operation has a summary and a
description of its own, and none shows a docstring meant for Envoy's developers."""

import json

import pytest
from rest_framework import viewsets

from config.docs import REDOCLY_LOGO
from config.schema import EnvoySchema

pytestmark = pytest.mark.django_db

INTERNAL = ("Check throttles", "DRF", "initial()", "case_save")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_no_description_is_an_internal_docstring(schema):
    text = json.dumps(schema)
    assert [word for word in INTERNAL if word in text] == []


def test_every_operation_has_a_summary_and_a_description_of_its_own(schema):
    missing = [
        name
        for name, operation in operations(schema)
        if not operation.get("summary") or not operation.get("description")
    ]
    assert missing == []
    summaries = [operation["summary"] for _, operation in operations(schema)]
    assert len(set(summaries)) == len(summaries)  # each says which operation it is


def test_operations_are_grouped_by_what_they_are_about(schema):
    tags = {name: operation["tags"] for name, operation in operations(schema)}
    assert tags["GET /api/v1/phases/"] == ["Catalogue"]
    assert tags["POST /api/v1/assessments/"] == ["Assessments"]
    assert tags["GET /api/v1/tasks/{id}/rows/"] == ["Imports and tasks"]
    named = {tag["name"] for tag in schema["tags"]}
    assert {tag for group in tags.values() for tag in group} <= named


class Explained:
    """A note for developers that must not reach the API's documentation."""


class Undocumented(Explained, viewsets.GenericViewSet):
    def list(self, request):
        raise NotImplementedError


class Documented(Explained, viewsets.GenericViewSet):
    """What the API's users read."""

    def list(self, request):
        raise NotImplementedError


@pytest.mark.parametrize(
    ("view", "description"), [(Undocumented, ""), (Documented, "What the API's users read.")]
)
def test_an_inherited_docstring_never_becomes_a_description(view, description):
    inspector = EnvoySchema()
    inspector.view = view(action="list")
    inspector.method = "GET"
    assert inspector.get_description() == description


def test_redoc_is_served_without_its_outside_logo(client):
    response = client.get("/api/redoc/redoc.standalone.js")
    assert response.status_code == 200
    script = b"".join(response.streaming_content) if response.streaming else response.content
    assert REDOCLY_LOGO.encode() not in script
    assert b"https://cdn.redoc.ly" not in script
    assert response["ETag"]
    again = client.get("/api/redoc/redoc.standalone.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

"""The OpenAPI schema and its offline documentation pages."""

import pytest
import yaml
from django.contrib.staticfiles import finders

from contract.fields import FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_openapi_3_and_lists_every_resource(schema):
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for resource in (
        "assessments",
        "situations",
        "cases",
        "phases",
        "roles",
        "mission-models",
        "organizations",
        "missions",
        "council-tools",
        "caveats",
        "sources",
        "rulesets",
        "rules",
        "teams",
        "audit",
    ):
        assert f"/api/v1/{resource}/" in paths, resource
    assert "/api/v1/roles/{slug}/" in paths and "/api/v1/cases/{slug}/" in paths


def test_every_enumeration_of_the_contract_is_documented(schema):
    request = schema["components"]["schemas"]["AssessmentInputRequest"]["properties"]
    components = schema["components"]["schemas"]
    for field in FIELDS:
        prop = request[field.name]
        if field.kind == "enum":
            ref = prop.get("$ref") or prop["allOf"][0]["$ref"]
            assert components[ref.split("/")[-1]]["enum"] == list(field.choices), field.name
        if field.kind == "list":
            ref = prop["items"]["$ref"]
            assert components[ref.split("/")[-1]]["enum"] == list(field.choices)


def test_error_bodies_are_documented(schema):
    create = schema["paths"]["/api/v1/assessments/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "429"} <= set(create)
    detail = schema["paths"]["/api/v1/roles/{slug}/"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(detail)


def test_token_authentication_is_described(schema):
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_use_only_local_assets(client, page):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html or "/api/redoc/redoc.standalone.js" in html
    assert "https://" not in html and "cdn" not in html.lower()  # no web fonts, no CDN
    for line in html.split('"'):
        if line.startswith("/static/"):
            path = line.removeprefix("/static/")
            assert finders.find(path), path
    assert "http://" not in html and "https://cdn" not in html and "unpkg" not in html


def test_a_signpost_may_name_every_answer_the_engine_changes(schema):
    from contract.fields import validate_input
    from recommendations.engine.decision import changed_answers
    from tests.engine.baselines import RISING

    components = schema["components"]["schemas"]
    ref = components["Signpost"]["properties"]["field"]["$ref"]
    documented = set(components[ref.split("/")[-1]]["enum"])
    named = {name for name, *_ in changed_answers(validate_input(RISING))}
    assert "grievances" in named
    assert named <= documented

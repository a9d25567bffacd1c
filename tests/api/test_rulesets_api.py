"""Rulesets and rules: everyone reads; curators draft and edit drafts, validated."""

import pytest

from recommendations.models import RuleSet
from tests.engine.reference import reference_rules_data

pytestmark = pytest.mark.django_db

CITE = [{"source": "gowan-2011", "locator": "At the Rubicon"}]


def test_everyone_reads_the_rulesets_and_rules(viewer):
    rulesets = viewer.client.get("/api/v1/rulesets/").json()["results"]
    assert rulesets[0]["status"] == "active"
    assert rulesets[0]["rules"] == len(reference_rules_data())
    version = rulesets[0]["version"]
    assert viewer.client.get(f"/api/v1/rulesets/{version}/").json()["reference"] is True
    rules = viewer.client.get("/api/v1/rules/", {"ruleset": version, "kind": "phase"}).json()
    assert [r["slug"] for r in rules["results"]] == [
        "phase.war",
        "phase.rubicon",
        "phase.settlement",
        "phase.rising",
        "phase.latent",
    ]
    assert rules["results"][0]["citations"]


def test_a_curator_drafts_a_copy_and_edits_its_rules(curator):
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Sharper warnings"}).json()
    assert draft["status"] == "draft" and draft["rules"] == len(reference_rules_data())
    rule = {
        "ruleset": draft["version"],
        "slug": "caveat.many_envoys",
        "kind": "caveat",
        "target": "forum_shopping",
        "condition": {"==": [{"var": "mediation"}, "multiple_coordinated"]},
        "priority": 5,
        "rationale": "Even coordinated mediators can be played against each other.",
        "citations": CITE,
    }
    created = curator.client.post("/api/v1/rules/", rule, format="json")
    assert created.status_code == 201, created.json()
    rule_id = created.json()["id"]
    changed = curator.client.patch(f"/api/v1/rules/{rule_id}/", {"priority": 7}, format="json")
    assert changed.status_code == 200 and changed.json()["priority"] == 7
    assert curator.client.delete(f"/api/v1/rules/{rule_id}/").status_code == 204


def test_a_rule_with_an_unknown_field_is_refused_naming_it(curator):
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Draft"}).json()
    response = curator.client.post(
        "/api/v1/rules/",
        {
            "ruleset": draft["version"],
            "slug": "x",
            "kind": "caveat",
            "target": "morning_after",
            "condition": {"==": [{"var": "mood"}, "grim"]},
            "rationale": "r",
            "citations": CITE,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"condition": ["==[0]: unknown field 'mood'"]}


def test_the_active_ruleset_cannot_change(curator):
    active = RuleSet.objects.get(status="active")
    rule = active.rules.first()
    response = curator.client.patch(f"/api/v1/rules/{rule.pk}/", {"priority": 1}, format="json")
    assert response.status_code == 400
    assert "only drafts can change" in response.json()["ruleset"][0]
    assert curator.client.delete(f"/api/v1/rulesets/{active.version}/").status_code == 400


def test_analysts_may_not_touch_rules(analyst):
    assert analyst.client.post("/api/v1/rulesets/", {"name": "Mine"}).status_code == 403
    rule_id = RuleSet.objects.get(status="active").rules.first().pk
    assert analyst.client.delete(f"/api/v1/rules/{rule_id}/").status_code == 403

"""What other tools rely on must not change: the response shape, and every published slug.

`tests/data/published_slugs.json` lists every slug the API has published. A slug may be
added (add it to the file too); one that disappears or is renamed fails here.
"""

import json
from pathlib import Path

import pytest
import yaml

from cases.citecheck import FIXTURES_DIR
from contract.fields import FIELDS
from tests.factories import VALID_INPUT

pytestmark = pytest.mark.django_db
PUBLISHED = json.loads((Path(__file__).parent.parent / "data" / "published_slugs.json").read_text())


@pytest.mark.parametrize("resource", [k for k in PUBLISHED if k != "rules"])
def test_no_published_slug_disappears(viewer, resource):
    key = "key" if resource == "sources" else "slug"
    found, url = set(), f"/api/v1/{resource}/?page_size=100"
    while url:
        body = viewer.client.get(url).json()
        found |= {item[key] for item in body["results"]}
        url = body["next"]
    assert set(PUBLISHED[resource]) - found == set()


# Rule slugs of the v1 reference ruleset that v2 no longer has, and why. Ruleset v1 keeps them.
RETIRED_IN_V2 = {
    "lead.gcc": "the GCC is a partner, never a lead (contract v2, section 5): see partner.gcc",
}


def reference_rule_slugs(contract: int) -> set[str]:
    path = FIXTURES_DIR / "rulesets" / f"v{contract}.yaml"
    return {r["slug"] for r in yaml.safe_load(path.read_text())["rules"]}


def test_no_published_rule_slug_disappears_from_the_reference_rulesets():
    v1, v2 = reference_rule_slugs(1), reference_rule_slugs(2)
    assert set(PUBLISHED["rules"]) - (v1 | v2) == set()
    assert v1 - v2 == set(RETIRED_IN_V2)


def test_every_rule_slug_of_the_shipped_reference_ruleset_is_published():
    assert reference_rule_slugs(2) - set(PUBLISHED["rules"]) == set()


def test_the_assessment_response_keeps_the_shape_of_section_8(analyst):
    body = analyst.client.post(
        "/api/v1/assessments/", {**VALID_INPUT, "atrocity_risk": "ongoing"}, format="json"
    ).json()
    assert set(body) >= {
        "id",
        "situation",
        "created",
        "ruleset",
        "input",
        "phase",
        "roles",
        "mission_models",
        "lead_organizations",
        "partner_organizations",
        "council_tools",
        "caveats",
        "analogous_cases",
        "trace",
    }
    assert isinstance(body["id"], int)
    assert set(body["situation"]) == {"id", "country"}
    assert set(body["ruleset"]) == {"version"}
    assert set(body["phase"]) == {"slug", "name", "track"}
    assert {"slug", "name", "rationale", "rules", "citations"} <= set(body["roles"][0])
    assert {"source", "locator"} <= set(body["roles"][0]["citations"][0])
    assert {"slug", "name", "rules"} <= set(body["mission_models"][0])
    assert {"slug", "name", "reason"} <= set(body["lead_organizations"][0])
    assert {"slug", "name", "rules"} <= set(body["council_tools"][0])
    assert {"slug", "text", "rules", "citations"} <= set(body["caveats"][0])
    assert {"slug", "title", "similarity", "shared"} <= set(body["analogous_cases"][0])
    assert {"rule", "fired", "because"} <= set(body["trace"][0])
    # The stored input is the whole v2 input: what was sent, with every absent optional field's
    # default (a v1 client's input reads as v2).
    added = {f.name for f in FIELDS if f.since == 2}
    assert set(body["input"]) == set(VALID_INPUT) | added
    assert body["input"]["parties_accept_mediation"] == "unknown"
    assert body["input"]["uncertain"] == []


def test_every_slug_of_contract_v1_still_exists_in_v2(viewer):
    from tests import spec, spec_v1

    for v1_slugs, v2_slugs, resource in [
        (spec_v1.PHASES, spec.PHASES, "phases"),
        (spec_v1.ROLES, spec.ROLES, "roles"),
        (spec_v1.MISSION_MODELS, spec.MISSION_MODELS, "mission-models"),
        (spec_v1.ORGANIZATIONS, spec.ORGANIZATIONS, "organizations"),
        (spec_v1.COUNCIL_TOOLS, spec.COUNCIL_TOOLS, "council-tools"),
        (spec_v1.CAVEATS, spec.CAVEATS, "caveats"),
    ]:
        assert set(v1_slugs) <= set(v2_slugs), resource
        for slug in v2_slugs:
            assert viewer.client.get(f"/api/v1/{resource}/{slug}/").status_code == 200, slug

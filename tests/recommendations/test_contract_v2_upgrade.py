"""A deployment on the rules of contract v1 takes the v2 reference rules the governance way.

The database first runs the v1 reference ruleset, with an assessment stored before v2 existed
(its input has none of the v2 fields). Loading the reference data then brings the v2 rules as
a draft; a curator's dry-run shows what they change on the library and on the team's
situations; activation switches new assessments to v2, and the old one reads as it was.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from contract.fields import FIELDS
from recommendations.assessments.documents import recommendation_of
from recommendations.models import Assessment, RuleSet
from recommendations.rulesets.services import REFERENCE_RULESETS_DIR, ruleset_import_reference
from tests.helpers import run_on_commit
from tests.inputs import VALID_INPUT

# The dry-run and the re-evaluation are queued on commit: the requests that start them run
# what they queued (tests.helpers.run_on_commit), in the test's transaction.
pytestmark = pytest.mark.django_db
V2_FIELDS = [f.name for f in FIELDS if f.since == 2]
# Guinea in late 2009 as an analyst would enter it: killings by the army, facts in dispute.
ATROCITY_INPUT = {**VALID_INPUT, "atrocity_risk": "ongoing", "international_presence": "none"}


@pytest.fixture
def deployment_on_v1(analyst):
    """Ruleset v1 active, and one assessment stored as the v1 code stored it."""
    RuleSet.objects.all().delete()
    v1, created = ruleset_import_reference(REFERENCE_RULESETS_DIR / "v1.yaml")
    assert created and v1.status == "active"
    body = analyst.client.post("/api/v1/assessments/", ATROCITY_INPUT, format="json").json()
    old = Assessment.objects.get(pk=body["id"])
    old.input = {k: v for k, v in old.input.items() if k not in V2_FIELDS}
    old.save(update_fields=["input"])
    return v1, old


def test_the_v2_rules_arrive_as_a_draft_and_the_curator_activates_them(
    deployment_on_v1, curator, analyst
):
    v1, old = deployment_on_v1
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    v2 = RuleSet.objects.get(name="Reference ruleset, contract v2")
    assert v2.status == "draft" and v2.version == v1.version + 1
    assert f"ruleset v{v2.version}, a draft" in out.getvalue()
    assert RuleSet.objects.get(pk=v1.pk).status == "active"

    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{v2.version}/dry-run/")
    report = curator.client.get(response.json()["status_url"]).json()["result"]
    cases = {c["key"] for c in report["changes"] if c["kind"] == "case"}
    assert {"fyrom-1990s", "guinea-2009", "kyrgyzstan-2010"} <= cases
    situation = next(c for c in report["changes"] if c["kind"] == "situation")
    assert situation["key"] == old.situation_id
    # The state is the perpetrator: v2 no longer offers a protective presence, and it puts
    # persuading the perpetrators among the roles.
    assert "protective_presence" in situation["roles"]["removed"]
    assert "perpetrator_dissuasion" in situation["roles"]["added"]
    coverage = report["backtest"]["recommendations"]
    assert (
        coverage["candidate"]["roles_and_models"]["reproduced"]
        > coverage["baseline"]["roles_and_models"]["reproduced"]
    )

    assert curator.client.post(f"/api/v1/rulesets/{v2.version}/activate/").status_code == 200

    new = analyst.client.post("/api/v1/assessments/", ATROCITY_INPUT, format="json").json()
    assert new["ruleset"]["version"] == v2.version
    assert "perpetrator_dissuasion" in [r["slug"] for r in new["roles"]]
    assert [p["slug"] for p in new["partner_organizations"]] == ["hd_centre", "accord"]

    again = analyst.client.get(f"/api/v1/assessments/{old.pk}/").json()
    assert again["ruleset"]["version"] == v1.version
    assert "protective_presence" in [r["slug"] for r in again["roles"]]
    assert again["partner_organizations"] == []
    assert not set(V2_FIELDS) & set(again["input"])
    analyst.client.force_login(analyst.user)
    page = analyst.client.get(f"/situations/assessments/{old.pk}/")
    assert page.status_code == 200 and "Protective" in page.content.decode()


def test_an_assessment_stored_under_v1_is_re_evaluated_under_v2(deployment_on_v1, curator):
    _, old = deployment_on_v1
    call_command("load_reference_data", verbosity=0)
    v2 = RuleSet.objects.get(name="Reference ruleset, contract v2")
    curator.client.post(f"/api/v1/rulesets/{v2.version}/activate/")

    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{v2.version}/reevaluate/")

    assert response.status_code == 202
    fresh = Assessment.objects.get(reevaluation_of=old)
    assert fresh.ruleset == v2 and fresh.input == old.input
    assert "perpetrator_dissuasion" in [r["slug"] for r in recommendation_of(fresh)["roles"]]
    # a re-evaluation decides as a new assessment does (contract section 8.1)
    decided = recommendation_of(fresh)
    assert decided["key_actions"][0] == {"kind": "role", "slug": "perpetrator_dissuasion"}
    assert {"kind": "role", "slug": "protective_presence"} in [
        {"kind": r["kind"], "slug": r["slug"]} for r in decided["ruled_out"]
    ]
    assert decided["signposts"] and decided["robustness"]["combinations"] == 1

"""Re-evaluation: each situation's latest assessment re-assessed under the active ruleset, as
new assessments; the old ones keep the ruleset they were made with."""

import pytest

import recommendations.assessments.reevaluation as reevaluation
from recommendations.assessments.documents import recommendation_of
from recommendations.assessments.services import situations_flag_stale
from recommendations.models import Assessment, RuleSet, Situation, TaskRun
from tests.helpers import draft_with_a_new_caveat, run_on_commit
from tests.inputs import VALID_INPUT

# A re-evaluation is queued when the transaction that records it commits: the requests that
# start one run what they queued (tests.helpers.run_on_commit), in the test's transaction.
pytestmark = pytest.mark.django_db


def assess(client, **changes):
    response = client.post("/api/v1/assessments/", {**VALID_INPUT, **changes}, format="json")
    assert response.status_code == 201
    return response.json()


@pytest.fixture
def new_rules(curator, analyst):
    """Two situations assessed, then a ruleset with one more caveat made active."""
    assess(analyst.client)
    assess(analyst.client, country="Kenya", region="east_africa")
    version = draft_with_a_new_caveat(curator)
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    return version


def reevaluate(curator, version):
    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{version}/reevaluate/")
    assert response.status_code == 202, response.content
    task = curator.client.get(response.json()["status_url"]).json()
    assert task["state"] == "succeeded", task["error"]
    return task


def test_each_situation_is_reassessed_under_the_new_rules_and_old_ones_stay(curator, new_rules):
    old = {a.pk: a.ruleset.version for a in Assessment.objects.select_related("ruleset")}
    task = reevaluate(curator, new_rules)
    assert task["result"] == {"ruleset": new_rules, "reassessed": 2, "phase_changes": 0}
    assert task["done"] == task["total"] == 2
    fresh = Assessment.objects.filter(reevaluation_of__isnull=False)
    assert sorted(fresh.values_list("reevaluation_of", flat=True)) == sorted(old)
    for assessment in fresh:
        assert assessment.ruleset.version == new_rules
        assert assessment.input == assessment.reevaluation_of.input
        assert "forum_shopping" in [c["slug"] for c in recommendation_of(assessment)["caveats"]]
    for pk, version in old.items():
        assert Assessment.objects.get(pk=pk).ruleset.version == version


def test_reevaluating_again_has_nothing_to_do(curator, new_rules):
    reevaluate(curator, new_rules)
    again = reevaluate(curator, new_rules)
    assert again["result"]["reassessed"] == 0 and again["total"] == 0
    assert Assessment.objects.count() == 4


def test_a_chunk_delivered_twice_stores_its_assessments_once(curator, new_rules):
    run = TaskRun.objects.create(
        kind="reevaluate",
        created_by=curator.user,
        state="running",
        total=2,
        params={"ruleset": new_rules, "teams": [curator.user.memberships.get().team_id]},
    )
    ids = list(Assessment.objects.values_list("pk", flat=True))
    assert reevaluation.reevaluation_chunk(str(run.pk), ids) == 2
    assert reevaluation.reevaluation_chunk(str(run.pk), ids) == 0
    run.refresh_from_db()
    assert run.state == "succeeded" and run.done == 2 and Assessment.objects.count() == 4


def test_only_the_active_ruleset_reevaluates_and_only_curators_ask(curator, analyst, new_rules):
    retired = RuleSet.objects.filter(status="retired").get().version
    response = curator.client.post(f"/api/v1/rulesets/{retired}/reevaluate/")
    assert response.status_code == 400 and "active ruleset" in response.json()["ruleset"][0]
    assert analyst.client.post(f"/api/v1/rulesets/{new_rules}/reevaluate/").status_code == 403
    assert TaskRun.objects.filter(kind="reevaluate").count() == 0


def test_another_teams_situations_are_left_alone(curator, outsider, new_rules):
    assess(outsider.client, country="Mali")
    task = reevaluate(curator, new_rules)
    assert task["result"]["reassessed"] == 2
    assert not Assessment.objects.filter(situation__country="Mali", reevaluation_of__isnull=False)


def test_a_reevaluation_does_not_count_as_a_fresh_look(curator, new_rules):
    Assessment.objects.update(created="2020-01-01T00:00Z")
    reevaluate(curator, new_rules)
    assert situations_flag_stale() == 2
    assert Situation.objects.exclude(review_due=None).count() == 2


def test_a_curator_starts_it_from_the_situation_list(curator, new_rules, client):
    client.force_login(curator.user)
    assert "Re-evaluate under the active rules" in client.get("/situations/").content.decode()
    with run_on_commit():
        response = client.post("/situations/reevaluate/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/tasks/")
    page = client.get(response["Location"]).content.decode()
    assert "Situations re-assessed" in page

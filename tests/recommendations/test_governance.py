"""Ruleset governance: draft, dry-run the impact, activate; recommendations keep their version."""

import pytest

from recommendations.models import Assessment, RuleSet, TaskRun
from tests.helpers import draft_with_a_new_caveat, run_on_commit
from tests.inputs import VALID_INPUT

# A dry-run is queued when the transaction that records it commits: the requests that start
# one run what they queued (tests.helpers.run_on_commit), in the test's transaction.
pytestmark = pytest.mark.django_db


def test_a_dry_run_reports_what_the_draft_would_change(curator, analyst):
    analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    version = draft_with_a_new_caveat(curator)
    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{version}/dry-run/")
    assert response.status_code == 202
    task = curator.client.get(response.json()["status_url"]).json()
    assert task["state"] == "succeeded" and task["done"] == task["total"] > 50
    report = task["result"]
    assert report["backtest"]["candidate_agreement"] == report["backtest"]["snapshots"]
    guinea = [c for c in report["changes"] if c["kind"] == "situation"]
    assert guinea and guinea[0]["caveats"] == {"added": ["forum_shopping"], "removed": []}
    assert report["phase_changes"] == 0


def test_activation_switches_new_assessments_and_keeps_old_ones(curator, analyst):
    old = analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json").json()
    version = draft_with_a_new_caveat(curator)
    activated = curator.client.post(f"/api/v1/rulesets/{version}/activate/")
    assert activated.status_code == 200 and activated.json()["status"] == "active"
    new = analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json").json()
    assert new["ruleset"]["version"] == version
    assert "forum_shopping" in [c["slug"] for c in new["caveats"]]
    again = curator.client.get(f"/api/v1/assessments/{old['id']}/").json()
    assert again["ruleset"]["version"] == old["ruleset"]["version"]
    assert "forum_shopping" not in [c["slug"] for c in again["caveats"]]
    assert RuleSet.objects.get(version=old["ruleset"]["version"]).status == "retired"
    stored = RuleSet.objects.get(version=version)
    assert stored.activated_by == curator.user and stored.activated is not None
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 400


def test_only_curators_govern_rulesets(analyst, curator):
    version = draft_with_a_new_caveat(curator)
    assert analyst.client.post(f"/api/v1/rulesets/{version}/dry-run/").status_code == 403
    assert analyst.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 403
    assert TaskRun.objects.count() == 0


def test_another_users_task_is_not_found(curator, analyst):
    version = draft_with_a_new_caveat(curator)
    with run_on_commit():
        url = curator.client.post(f"/api/v1/rulesets/{version}/dry-run/").json()["status_url"]
    assert analyst.client.get(url).status_code == 404


# Commits for real: the queue's refusal comes when the request's transaction commits, inside
# the request, which answers 503; in a rolled-back test transaction it would come only after.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("committed_reference_data")
def test_with_the_queue_down_a_dry_run_fails_clearly_and_assessments_still_work(
    curator, analyst, queue_down
):
    version = draft_with_a_new_caveat(curator)
    response = curator.client.post(f"/api/v1/rulesets/{version}/dry-run/")
    assert response.status_code == 503
    assert "task queue is unavailable" in response.json()["detail"]
    run = TaskRun.objects.get()
    assert run.state == "failed" and "Connection refused" in run.error
    created = analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    assert created.status_code == 201
    assert Assessment.objects.count() == 1

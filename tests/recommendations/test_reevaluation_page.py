"""Re-evaluating under the active rules is confirmed first, on a page that says how many
situations it would re-assess, or plainly that there is nothing to re-assess."""

import pytest

from recommendations.models import Assessment, TaskRun
from tests.helpers import draft_with_a_new_caveat, run_on_commit
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db


def assess(client, **changes):
    response = client.post("/api/v1/assessments/", {**VALID_INPUT, **changes}, format="json")
    assert response.status_code == 201


@pytest.fixture
def new_rules(curator, analyst, client):
    """Two situations assessed, then new rules made active; the curator signed in."""
    assess(analyst.client)
    assess(analyst.client, country="Kenya", region="east_africa")
    version = draft_with_a_new_caveat(curator)
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    client.force_login(curator.user)
    return version


def test_the_situation_list_links_to_the_confirmation_page(client, new_rules):
    html = client.get("/situations/").content.decode()
    assert 'href="/situations/reevaluate/"' in html
    assert 'action="/situations/reevaluate/"' not in html  # no one-click form


def test_the_confirmation_page_says_how_many_situations_and_under_which_rules(client, new_rules):
    html = client.get("/situations/reevaluate/").content.decode()
    assert "2 situations of your teams have their latest assessment made under other rules" in html
    assert f"under version {new_rules}" in html
    assert 'name="confirm"' in html and "Re-evaluate 2 situations" in html
    assert not TaskRun.objects.exists()


def test_without_the_tick_nothing_is_started_and_the_page_says_why(client, new_rules):
    with run_on_commit():
        response = client.post("/situations/reevaluate/", follow=True)
    assert not TaskRun.objects.exists()
    assert not Assessment.objects.filter(reevaluation_of__isnull=False).exists()
    html = response.content.decode()
    assert "Tick the box to confirm the re-evaluation; nothing was started." in html
    assert 'name="confirm"' in html


def test_with_the_tick_the_situations_are_reassessed(client, new_rules):
    with run_on_commit():
        response = client.post("/situations/reevaluate/", {"confirm": "on"})
    run = TaskRun.objects.get()
    assert response["Location"] == f"/tasks/{run.pk}/"
    assert Assessment.objects.filter(reevaluation_of__isnull=False).count() == 2


def test_when_everything_is_under_the_active_rules_it_says_so_plainly(client, curator, analyst):
    assess(analyst.client)
    client.force_login(curator.user)
    html = client.get("/situations/reevaluate/").content.decode()
    assert "Nothing to re-evaluate: the latest assessment of every situation of your teams" in html
    assert 'name="confirm"' not in html
    with run_on_commit():
        response = client.post("/situations/reevaluate/", {"confirm": "on"}, follow=True)
    assert not TaskRun.objects.exists()
    assert "Nothing to re-evaluate" in response.content.decode()


def test_a_run_with_nothing_to_do_reports_why(curator, analyst, client):
    assess(analyst.client)
    active = curator.client.get("/api/v1/rulesets/").json()["results"][0]["version"]
    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{active}/reevaluate/")
    assert response.status_code == 202
    client.force_login(curator.user)
    html = client.get(f"/tasks/{response.json()['id']}/").content.decode()
    assert "Nothing to re-assess: the latest assessment of every situation was already" in html


def test_analysts_may_not_reach_the_page(client, analyst):
    client.force_login(analyst.user)
    assert client.get("/situations/reevaluate/").status_code == 403

"""A real Celery worker on a real Redis: the dry-run leaves the request and reports progress."""

import time

import pytest
from django.core.management import call_command

from recommendations.models import TaskRun
from recommendations.rulesets.impact import dry_run_execute
from tests.factories import TeamFactory
from tests.helpers import make_persona

# Slow (skipped by `make test-fast`). Writes commit for real: the tasks run on a worker,
# on its own database connection.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def curator():
    call_command("load_reference_data", verbosity=0)
    return make_persona("curator", TeamFactory())


def wait_for(client, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        task = client.get(url).json()
        if task["state"] in ("succeeded", "failed"):
            return task
        time.sleep(0.2)
    raise AssertionError(f"task still {task['state']} after {timeout}s")


def test_a_dry_run_runs_on_the_worker_and_reports_progress(worker, curator):
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Copy"}).json()
    response = curator.client.post(f"/api/v1/rulesets/{draft['version']}/dry-run/")
    assert response.status_code == 202, TaskRun.objects.values_list("error", flat=True).first()
    assert response.json()["state"] in ("pending", "running", "succeeded")
    task = wait_for(curator.client, response.json()["status_url"])
    assert task["state"] == "succeeded", task["error"]
    assert task["done"] == task["total"] > 50
    assert task["result"]["changes"] == []  # an unchanged copy changes nothing


def test_running_a_finished_dry_run_again_changes_nothing(curator):
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Copy"}).json()
    url = curator.client.post(f"/api/v1/rulesets/{draft['version']}/dry-run/").json()["status_url"]
    run = TaskRun.objects.get()
    first = curator.client.get(url).json()
    dry_run_execute(str(run.pk))
    assert TaskRun.objects.count() == 1
    assert curator.client.get(url).json() == first

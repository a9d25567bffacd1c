"""Imports and re-evaluations end to end on a real worker and Redis; a worker killed mid-task
(its task delivered again to the next worker); Redis stopped while the app runs."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

import recommendations.assessments.reevaluation as reevaluation
from recommendations.models import Assessment, ImportRow, TaskRun
from tests.factories import TeamFactory
from tests.helpers import make_persona
from tests.imports import csv_bytes, row
from tests.inputs import VALID_INPUT
from tests.servers import RedisServer

# Slow (skipped by `make test-fast`). Writes commit for real: the tasks run in worker
# processes, on their own database connections.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def curator():
    call_command("load_reference_data", verbosity=0)
    return make_persona("curator", TeamFactory(slug="horn-desk"))


def upload(client, content: bytes):
    file = SimpleUploadedFile("rows.csv", content)
    return client.post("/api/v1/imports/", {"file": file}, format="multipart")


def wait_for(predicate, timeout=90, what="the task"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def finished(run_id) -> TaskRun:
    def done():
        run = TaskRun.objects.get(pk=run_id)
        return run if run.state in ("succeeded", "failed") else None

    return wait_for(done)


def test_an_import_runs_on_the_worker_with_progress(worker, curator):
    rows = [row(country=f"Country {n % 40}", recent_fatalities=n) for n in range(1200)]
    rows[7]["violence_level"] = "apocalyptic"
    response = upload(curator.client, csv_bytes(rows))
    assert response.status_code == 202
    run = finished(response.json()["id"])
    assert run.state == "succeeded", run.error
    assert run.done == run.total == 1200
    assert run.result["stored"] == 1199 and run.result["rejected"] == 1
    assert run.result["situations_created"] == 40
    assert Assessment.objects.count() == 1199


def test_a_reevaluation_spreads_its_chunks_over_the_queue(worker, curator, monkeypatch):
    monkeypatch.setattr(reevaluation, "CHUNK_SIZE", 4)
    for n in range(10):
        curator.client.post(
            "/api/v1/assessments/", {**VALID_INPUT, "country": f"C{n}"}, format="json"
        )
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Next"}).json()["version"]
    curator.client.post(f"/api/v1/rulesets/{draft}/activate/")
    response = curator.client.post(f"/api/v1/rulesets/{draft}/reevaluate/")
    assert response.status_code == 202
    run = finished(response.json()["id"])
    assert run.state == "succeeded", run.error
    assert run.done == run.total == 10 and run.result["reassessed"] == 10
    assert Assessment.objects.filter(ruleset__version=draft).count() == 10


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker_process(redis_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CELERY_VISIBILITY_TIMEOUT": "2",  # redeliver a dead worker's task quickly
        "CELERY_RESTORE_INTERVAL": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_worker_killed_mid_import_leaves_no_duplicate_rows(queue, redis_server, curator):
    rows = [row(country=f"Country {n % 25}", recent_fatalities=n) for n in range(6000)]
    first = _worker_process(redis_server.url)
    try:
        response = upload(curator.client, csv_bytes(rows))
        run_id = response.json()["id"]

        def halfway():
            run = TaskRun.objects.get(pk=run_id)
            return run.state == "running" and 0 < run.done < run.total

        wait_for(halfway, what="the import to be halfway")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        stopped_at = TaskRun.objects.get(pk=run_id).done
        assert 0 < stopped_at < 6000
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    second = _worker_process(redis_server.url)
    try:
        run = finished(run_id)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(20)
    assert run.state == "succeeded", run.error
    assert run.done == run.total == 6000 and run.result["stored"] == 6000
    assert Assessment.objects.count() == 6000 == ImportRow.objects.count()
    keys = Assessment.objects.values_list("import_key", flat=True)
    assert len(set(keys)) == 6000


def test_with_redis_stopped_assessments_work_and_task_submission_reports_the_outage(
    queue, redis_server, curator
):
    redis_server.stop()
    response = upload(curator.client, csv_bytes([row()]))
    assert response.status_code == 503
    assert "task queue is unavailable" in response.json()["detail"]
    assert TaskRun.objects.get().state == "failed"
    created = curator.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    assert created.status_code == 201
    assert Assessment.objects.count() == 1

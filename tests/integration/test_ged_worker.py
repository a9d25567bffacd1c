"""A UCDP GED file imported on a real Celery worker and Redis: the upload leaves the request,
the worker stores the events in one transaction while the task reports its progress, and a
second upload of the file changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Event
from tests.factories import TeamFactory
from tests.ged import ged_csv, ged_row
from tests.helpers import make_persona
from tests.integration.test_worker import wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def upload(curator, content: bytes):
    file = SimpleUploadedFile("GEDEvent_v25_1.csv", content, content_type="text/csv")
    response = curator.client.post("/api/v1/event-datasets/", {"file": file}, format="multipart")
    assert response.status_code == 202, response.content
    return wait_for(curator.client, response.json()["status_url"])


def test_a_ged_file_is_imported_on_the_worker_once(worker):
    curator = make_persona("curator", TeamFactory())
    rows = [ged_row(i, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", i % 40) for i in range(1, 5001)]
    task = upload(curator, ged_csv(rows))
    assert task["state"] == "succeeded", task["error"]
    assert task["done"] == task["total"] == 5000
    assert task["result"]["created"] == 5000
    assert Event.objects.count() == 5000
    again = upload(curator, ged_csv(rows))
    assert again["state"] == "succeeded", again["error"]
    assert again["result"]["unchanged"] == 5000 and Event.objects.count() == 5000


def test_a_bad_file_fails_on_the_worker_with_nothing_stored(worker):
    curator = make_persona("curator", TeamFactory())
    rows = [ged_row(1, "2024-01-01"), ged_row(2, "2024-01-02", high="1")]
    task = upload(curator, ged_csv(rows))
    assert task["state"] == "failed" and "nothing was stored" in task["error"]
    assert not Event.objects.exists()
    report = curator.client.get(task["rows_url"]).json()["results"]
    assert report[0]["line"] == 2 and "best" in report[0]["errors"]

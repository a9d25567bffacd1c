"""`manage.py backup` writes all user data; `manage.py restore` loads it into an empty
database, exactly, all or nothing."""

import gzip
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from recommendations.assessments.documents import COMPACT
from recommendations.models import Assessment
from tests.imports import csv_bytes, row
from tests.inputs import VALID_INPUT
from webhooks.models import Endpoint

# Slow (skipped by `make test-fast`). Writes commit for real: a restore is into an empty
# database (flushed), and the data backed up includes what the queued import stored.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_reference_data"),
]


def some_of_everything(analyst, curator):
    """Assessments, an import with its row report, a draft ruleset, a changed case."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    upload = SimpleUploadedFile("rows.csv", csv_bytes([row(country="Mali"), row(region="x")]))
    response = analyst.client.post("/api/v1/imports/", {"file": upload}, format="multipart")
    assert response.status_code == 202
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Next"}).json()
    curator.client.patch(f"/api/v1/rulesets/{draft['version']}/", {"description": "Trial"})
    # Last, so no event of the above is sent to it (the address is never contacted).
    made = curator.client.post(
        "/api/v1/webhooks/",
        {"url": "https://93.184.215.14/envoy", "events": ["assessment.created"]},
        format="json",
    )
    assert made.status_code == 201
    Endpoint.objects.get().deliveries.create(
        event_type="assessment.created", msg_id="msg_kept", payload={"data": {}}, status="failed"
    )


def test_a_backup_restores_exactly_into_an_empty_database(analyst, curator, tmp_path):
    some_of_everything(analyst, curator)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("backup", str(first))
    call_command("flush", "--noinput")
    assert Assessment.objects.count() == 0
    call_command("restore", str(first))
    call_command("backup", str(second))
    before, after = json.loads(first.read_text()), json.loads(second.read_text())
    lost = [item for item in before if item not in after]
    gained = [item for item in after if item not in before]
    assert (lost, gained) == ([], [])
    assert after == before
    # and the restored data works: tokens, teams and assessments are all there
    listed = analyst.client.get("/api/v1/situations/").json()["results"]
    assert sorted(s["country"] for s in listed) == ["Guinea", "Mali"]
    assert Assessment.objects.count() == 2


def test_restore_refuses_a_database_that_holds_data(analyst, curator, tmp_path):
    some_of_everything(analyst, curator)
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    before = Assessment.objects.count()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path))
    assert Assessment.objects.count() == before


def test_date_times_come_back_to_the_microsecond(analyst, curator, tmp_path):
    """Django's JSON cuts date-times to the millisecond: 12:00:00.000500 would come back as
    12:00:00, and a second backup would differ from the first."""
    import datetime

    some_of_everything(analyst, curator)
    instant = datetime.datetime(2026, 5, 1, 12, 0, 0, 500, tzinfo=datetime.UTC)
    Assessment.objects.update(created=instant)
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    call_command("flush", "--noinput")
    call_command("restore", str(path))
    assert set(Assessment.objects.values_list("created", flat=True)) == {instant}


BEFORE_THE_REORGANIZATION = (
    Path(__file__).parents[1] / "data" / "backup-2026-12-contract-v2.json.gz"
)


def search_documents(records: list[dict]) -> dict[str, str]:
    """The cases' search documents, by slug, taken out of the backup's records."""
    return {
        record["fields"]["slug"]: record["fields"].pop("search_document")
        for record in records
        if record["model"] == "cases.case"
    }


def test_a_backup_made_by_an_earlier_version_of_envoy_still_restores(tmp_path):
    """tests/data/ keeps a backup written before the code was reorganized by feature (same
    apps and tables): it must restore, work, and back up again unchanged."""
    call_command("flush", "--noinput")
    call_command("restore", str(BEFORE_THE_REORGANIZATION))
    assert Assessment.objects.count() == 3
    assert Assessment.objects.filter(input__uncertain=["security_council"]).exists()
    again = tmp_path / "again.json"
    call_command("backup", str(again))
    with gzip.open(BEFORE_THE_REORGANIZATION, "rt", encoding="utf-8") as fh:
        before = json.load(fh)
    # The cases' search documents are derived by the database from their text (and folded
    # since cases migration 0005): compared apart, they are all there and hold the text.
    after = json.loads(again.read_text())
    now, then = search_documents(after), search_documents(before)
    assert now.keys() == then.keys() and "'kenya'" in now["kenya-2008"]
    # Fields added since the backup was made restore empty (a task's heartbeat).
    for record in after:
        if record["model"] == "recommendations.taskrun":
            assert record["fields"].pop("heartbeat") is None
    assert after == before
    assessment = Assessment.objects.first()
    user = assessment.created_by
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    body = client.get(f"/api/v1/assessments/{assessment.pk}/").json()
    assert body["id"] == assessment.pk and body["roles"]


def test_compact_recommendations_read_the_same_after_a_restore(analyst, curator, tmp_path):
    """An assessment stores references into its ruleset version, not copies: restored with
    that version, it presents exactly what it presented before."""
    from recommendations.assessments.selectors import assessment_body
    from recommendations.rulesets import compiler

    some_of_everything(analyst, curator)
    stored = list(Assessment.objects.order_by("pk"))
    assert stored and all(a.recommendation.get("format") == COMPACT for a in stored)
    before = {a.pk: assessment_body(a) for a in stored}
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup))
    call_command("flush", "--noinput")
    call_command("restore", str(backup))
    compiler._compiled.clear()  # read the restored rules, not this process's compiled copy
    after = {a.pk: assessment_body(a) for a in Assessment.objects.order_by("pk")}
    assert after == before
    assert any(body["roles"] and body["roles"][0]["citations"] for body in after.values())

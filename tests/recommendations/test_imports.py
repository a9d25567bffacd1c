"""Bulk import: each row checked against the contract, valid rows stored, rejected rows
reported with their field errors, and a file imported twice stored once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

import recommendations.imports.services as imports
from recommendations.assessments.documents import recommendation_of
from recommendations.models import Assessment, ImportRow, Situation, TaskRun
from tests.helpers import finished, run_on_commit, upload
from tests.imports import COLUMNS, csv_bytes, json_bytes, row

# An import is queued when the transaction that records it commits: `upload` and the form
# post below run what was queued (tests.helpers.run_on_commit), in the test's transaction.
pytestmark = pytest.mark.django_db

THREE_ROWS = [
    row(),
    row(
        country="Kenya",
        region="east_africa",
        violence_level="intensifying",
        uncertain=["security_council", "host_consent"],
    ),
    row(country="Nowhere", region="atlantis", violence_level="sporadic"),
]


def test_valid_rows_are_stored_and_rejected_rows_reported_per_field(analyst):
    task = finished(analyst.client, upload(analyst.client, csv_bytes(THREE_ROWS)))
    assert task["result"] | {"ruleset": 0} == {
        "rows": 3,
        "stored": 2,
        "rejected": 1,
        "duplicates": 0,
        "situations_created": 2,
        "ruleset": 0,
    }
    assert task["done"] == task["total"] == 3
    assert sorted(Situation.objects.values_list("country", flat=True)) == ["Guinea", "Kenya"]
    rejected = analyst.client.get(task["rows_url"], {"status": "rejected"}).json()["results"]
    assert rejected == [
        {
            "line": 3,
            "key": rejected[0]["key"],
            "status": "rejected",
            "errors": {"region": [rejected[0]["errors"]["region"][0]]},
            "assessment": None,
        }
    ]
    assert "'atlantis' is not one of" in rejected[0]["errors"]["region"][0]
    stored = Assessment.objects.get(situation__country="Kenya")
    assert recommendation_of(stored)["roles"] and stored.analogous_cases
    # an imported assessment decides as one made on the form (contract section 8.1)
    assert stored.input["uncertain"] == ["security_council", "host_consent"]
    decided = recommendation_of(stored)
    assert decided["key_actions"] and decided["signposts"]
    assert decided["robustness"]["combinations"] == 3 * 3
    assert stored.import_key.startswith("sha256:")


def test_importing_the_same_file_twice_stores_each_row_once(analyst):
    content = csv_bytes(THREE_ROWS)
    finished(analyst.client, upload(analyst.client, content))
    again = finished(analyst.client, upload(analyst.client, content))
    assert again["result"]["stored"] == 0 and again["result"]["duplicates"] == 2
    assert Assessment.objects.count() == 2
    duplicates = ImportRow.objects.filter(run_id=again["id"], status="duplicate")
    assert set(duplicates.values_list("assessment", flat=True)) == set(
        Assessment.objects.values_list("pk", flat=True)
    )


def test_a_key_names_a_row_across_files_and_within_one(analyst):
    first = [row(key="gn-1"), row(key="gn-1", violence_level="sporadic")]
    task = finished(analyst.client, upload(analyst.client, json_bytes(first), name="a.json"))
    assert (task["result"]["stored"], task["result"]["duplicates"]) == (1, 1)
    changed = [row(key="gn-1", violence_level="intensifying"), row(key="gn-2")]
    task = finished(
        analyst.client, upload(analyst.client, json_bytes(changed, lines=True), name="b.jsonl")
    )
    assert (task["result"]["stored"], task["result"]["duplicates"]) == (1, 1)
    assert sorted(Assessment.objects.values_list("import_key", flat=True)) == ["gn-1", "gn-2"]


def test_json_lines_report_a_bad_line_and_keep_the_others(analyst):
    content = json_bytes([row()], lines=True) + b"{not json\n" + b"[1, 2]\n"
    task = finished(analyst.client, upload(analyst.client, content, name="rows.ndjson"))
    assert (task["result"]["stored"], task["result"]["rejected"]) == (1, 2)
    errors = [r["errors"] for r in analyst.client.get(task["rows_url"]).json()["results"][1:]]
    assert "Not valid JSON" in errors[0]["row"][0]
    assert errors[1] == {"row": ["Expected a JSON object of input fields."]}


def test_assessed_on_dates_an_assessment_and_a_future_date_is_refused(analyst):
    rows = [row(assessed_on="2019-05-01"), row(country="Mali", assessed_on="2999-01-01")]
    task = finished(analyst.client, upload(analyst.client, csv_bytes(rows)))
    assert task["result"]["stored"] == 1
    assert Assessment.objects.get().created.date().isoformat() == "2019-05-01"
    rejected = ImportRow.objects.get(status="rejected")
    assert rejected.errors == {"assessed_on": ["Must be a date between 1900 and today."]}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"country,colour\nGuinea,red\n", "unknown columns: colour"),
        (",".join(COLUMNS[:3]).encode() + b"\nGuinea,west_africa,none\n", "missing columns"),
        (csv_bytes([row()]).replace(b"Guinea", "Guin\u00e9e".encode("latin-1")), "not UTF-8"),
        (csv_bytes([row(), row(notes="x" * 200_000)]), "is longer than 65,536 characters"),
    ],
    ids=["unknown column", "missing columns", "wrong encoding", "huge row"],
)
def test_a_file_that_cannot_be_read_fails_clearly_and_stores_nothing(analyst, content, message):
    response = upload(analyst.client, content)
    task = analyst.client.get(response.json()["status_url"]).json()
    assert task["state"] == "failed" and message in task["error"]
    assert Assessment.objects.count() == Situation.objects.count() == 0


def test_a_huge_json_line_is_rejected_and_the_others_kept(analyst):
    content = json_bytes([row(), row(country="Mali", notes="x" * 100_000)], lines=True)
    task = finished(analyst.client, upload(analyst.client, content, name="rows.jsonl"))
    assert (task["result"]["stored"], task["result"]["rejected"]) == (1, 1)
    rejected = ImportRow.objects.get(status="rejected")
    assert rejected.errors == {"row": ["The row is longer than 65,536 bytes."]}


def test_a_broken_json_array_fails_and_stores_nothing(analyst):
    content = json_bytes([row(), row(country="Mali")])[:-40]
    task = analyst.client.get(upload(analyst.client, content, name="x.json").json()["status_url"])
    assert task.json()["state"] == "failed" and "not valid JSON" in task.json()["error"]
    assert Assessment.objects.count() == 0


def test_an_empty_or_oversized_file_is_refused_before_anything_is_stored(analyst, settings):
    assert upload(analyst.client, b"").json()["file"]
    settings.IMPORT_MAX_BYTES = 100
    response = upload(analyst.client, csv_bytes([row()]))
    assert response.status_code == 400 and "the limit is 100 bytes" in response.json()["file"][0]
    assert TaskRun.objects.count() == 0


def test_viewers_cannot_import_and_nobody_imports_into_another_team(viewer, analyst, outsider):
    assert upload(viewer.client, csv_bytes([row()])).status_code == 403
    response = upload(analyst.client, csv_bytes([row()]), team="other-desk")
    assert response.status_code == 400 and "team" in response.json()
    assert TaskRun.objects.count() == 0


def test_an_import_that_stopped_halfway_resumes_without_duplicates(analyst, monkeypatch):
    """A crash after the first chunk committed (a worker killed): the run is re-run."""
    monkeypatch.setattr(imports, "CHUNK_SIZE", 2)
    rows = [row(country=f"Country {n}") for n in range(5)]
    store = imports._Chunk.store
    calls = []

    def crash_on_second_chunk(chunk):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker lost")
        return store(chunk)

    monkeypatch.setattr(imports._Chunk, "store", crash_on_second_chunk)
    response = upload(analyst.client, csv_bytes(rows))
    run = TaskRun.objects.get(pk=response.json()["id"])
    assert run.state == "failed" and Assessment.objects.count() == 2
    TaskRun.objects.filter(pk=run.pk).update(state="running")  # as a redelivered task finds it
    imports.import_execute(str(run.pk))
    run.refresh_from_db()
    assert run.state == "succeeded" and run.result["stored"] == 5
    assert Assessment.objects.count() == 5 and run.rows.count() == 5


def test_the_command_imports_with_the_same_service(analyst, tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_bytes(csv_bytes(THREE_ROWS))
    call_command("import_assessments", str(path), user=analyst.user.username)
    assert "3 rows, 2 stored, 1 rejected, 0 already imported" in capsys.readouterr().out
    call_command("import_assessments", str(path), user=analyst.user.username)
    assert "0 stored, 1 rejected, 2 already imported" in capsys.readouterr().out
    assert Assessment.objects.count() == 2


def test_an_analyst_uploads_a_file_in_the_web_app_and_reads_the_report(analyst, client):
    client.force_login(analyst.user)
    file = SimpleUploadedFile("rows.csv", csv_bytes(THREE_ROWS))
    with run_on_commit():
        response = client.post("/situations/import/", {"file": file, "team": "horn-desk"})
    assert response.status_code == 302 and response["Location"].startswith("/tasks/")
    page = client.get(response["Location"]).content.decode()
    assert "atlantis" in page and "<progress" in page and "Done" in page
    report = client.get(response["Location"] + "rows.csv")
    lines = b"".join(report.streaming_content).decode().splitlines()
    assert lines[0] == "row,key,status,assessment,errors" and len(lines) == 4


def test_the_import_form_shows_field_errors_and_stores_nothing(analyst, client):
    client.force_login(analyst.user)
    response = client.post("/situations/import/", {"team": "horn-desk"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert TaskRun.objects.count() == 0


def test_the_csv_template_imports_as_it_is(analyst, client):
    client.force_login(analyst.user)
    template = client.get("/situations/import/template.csv")
    task = finished(analyst.client, upload(analyst.client, template.content))
    assert task["result"]["stored"] == 1 and task["result"]["rejected"] == 0

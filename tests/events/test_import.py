"""Uploading UCDP GED files, through the API and the page: every row checked first, then
all stored or nothing; events matched by UCDP id, so a second upload changes nothing; a
file that is not GED's refused at once, naming its missing columns."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.ged import COLUMNS
from events.models import CountryMapping, Event, EventDataset
from recommendations.models import ImportRow, TaskRun
from tests.ged import ged_csv, ged_row, sample_bytes
from tests.helpers import run_on_commit

pytestmark = pytest.mark.django_db
URL = "/api/v1/event-datasets/"


def upload(persona, content: bytes, filename="GEDEvent_v25_1.csv", **fields):
    """Post a file to the upload API; the import it queues runs before this returns."""
    file = SimpleUploadedFile(filename, content, content_type="text/csv")
    with run_on_commit():
        return persona.client.post(URL, {"file": file, **fields}, format="multipart")


def task_of(persona, response) -> dict:
    assert response.status_code == 202, response.content
    return persona.client.get(response.json()["status_url"]).json()


def test_a_curator_uploads_the_sample_and_every_event_is_stored(curator):
    task = task_of(curator, upload(curator, sample_bytes()))
    assert task["state"] == "succeeded", task["error"]
    assert task["kind"] == "event_import"
    assert task["done"] == task["total"] == 34
    dataset = EventDataset.objects.get()
    assert task["result"] == {
        "rows": 34,
        "rejected": 0,
        "dataset": "UCDP GED 25.1",
        "dataset_id": dataset.pk,
        "created": 34,
        "updated": 0,
        "unchanged": 0,
    }
    assert dataset.row_count == 34 and dataset.uploaded_by == curator.user
    assert (str(dataset.covers_from), str(dataset.covers_to)) == ("2011-03-28", "2024-03-29")
    sake = Event.objects.get(ucdp_id=498230)
    assert (sake.best, sake.low, sake.high) == (37, 30, 52)
    assert sake.dataset == dataset and sake.type_of_violence == Event.Violence.STATE_BASED
    assert Event.objects.filter(ucdp_id=300380).exists()


def test_uploading_the_same_file_twice_changes_nothing(curator):
    upload(curator, sample_bytes())
    stored = dict(Event.objects.values_list("ucdp_id", "digest"))
    again = task_of(curator, upload(curator, sample_bytes()))
    assert again["state"] == "succeeded"
    assert (again["result"]["created"], again["result"]["updated"]) == (0, 0)
    assert again["result"]["unchanged"] == 34
    assert Event.objects.count() == 34 and EventDataset.objects.count() == 1
    assert dict(Event.objects.values_list("ucdp_id", "digest")) == stored


def test_a_new_release_updates_changed_events_and_adds_new_ones(curator):
    upload(curator, ged_csv([ged_row(1, "2024-01-01", 5), ged_row(2, "2024-01-02", 7)]))
    newer = ged_csv(
        [ged_row(1, "2024-01-01", 5), ged_row(2, "2024-01-02", 9), ged_row(3, "2024-01-03")]
    )
    task = task_of(curator, upload(curator, newer, filename="GEDEvent_v25_0_2.csv"))
    assert task["result"]["dataset"] == "UCDP GED 25.0.2"
    # the unchanged event now belongs to the newer release too: it counts as updated
    assert (task["result"]["created"], task["result"]["updated"]) == (1, 2)
    assert Event.objects.get(ucdp_id=2).best == 9
    assert set(Event.objects.values_list("dataset__name", flat=True)) == {"UCDP GED 25.0.2"}


def test_a_file_with_bad_rows_stores_nothing_and_reports_each_row(curator):
    rows = [
        ged_row(1, "2024-01-01"),
        ged_row(2, "2024-01-02", best="abc"),
        ged_row(3, "2024-01-03", date_start="2024-13-01"),
        ged_row(1, "2024-01-04"),
    ]
    task = task_of(curator, upload(curator, ged_csv(rows)))
    assert task["state"] == "failed"
    assert task["error"].startswith("3 of the file's 4 rows are not valid events")
    assert "nothing was stored" in task["error"]
    assert Event.objects.count() == 0 and EventDataset.objects.count() == 0
    assert CountryMapping.objects.count() == 0
    report = curator.client.get(task["rows_url"]).json()["results"]
    assert [(r["line"], r["key"], r["status"], r["errors"]) for r in report] == [
        (2, "2", "rejected", {"best": ["'abc' is not a whole number."]}),
        (3, "3", "rejected", {"date_start": ["'2024-13-01' is not a date of the calendar."]}),
        (4, "1", "rejected", {"id": ["Event 1 is also row 1."]}),
    ]


def test_a_file_that_is_not_ged_is_refused_at_once_naming_the_missing_columns(curator):
    columns = [c for c in COLUMNS if c not in ("country", "best")]
    response = upload(curator, ged_csv([ged_row(1, "2024-01-01")], columns=columns))
    assert response.status_code == 400
    message = response.json()["file"][0]
    assert "This is not a UCDP GED file (missing columns: country, best)" in message
    assert not TaskRun.objects.exists()


def test_a_dataset_needs_a_name_when_the_file_name_gives_none(curator):
    response = upload(curator, sample_bytes(), filename="events.csv")
    assert response.status_code == 400
    assert "Name the dataset" in response.json()["name"][0]
    named = task_of(
        curator,
        upload(curator, sample_bytes(), filename="events.csv", name="UCDP Candidate 25.01"),
    )
    assert named["result"]["dataset"] == "UCDP Candidate 25.01"


def test_only_curators_upload(analyst):
    response = upload(analyst, sample_bytes())
    assert response.status_code == 403
    assert not TaskRun.objects.exists()


def test_the_upload_page_starts_the_import_and_its_task_page_reports(client, curator):
    client.force_login(curator.user)
    file = SimpleUploadedFile("GEDEvent_v25_1.csv", sample_bytes(), content_type="text/csv")
    with run_on_commit():
        response = client.post("/events/upload/", {"file": file, "name": ""})
    run = TaskRun.objects.get(kind="event_import")
    assert response.status_code == 302 and response["Location"] == f"/tasks/{run.pk}/"
    page = client.get(f"/tasks/{run.pk}/").content.decode()
    assert "Import of event data" in page and "UCDP GED 25.1" in page
    assert "New events" in page
    datasets = client.get("/events/datasets/").content.decode()
    assert "UCDP GED 25.1" in datasets and "2011-03-28" in datasets


def test_the_upload_page_names_the_missing_columns_beside_the_file(client, curator):
    client.force_login(curator.user)
    content = ged_csv([], columns=[c for c in COLUMNS if c != "date_end"])
    file = SimpleUploadedFile("GEDEvent_v25_1.csv", content, content_type="text/csv")
    response = client.post("/events/upload/", {"file": file})
    assert response.status_code == 200
    assert "missing columns: date_end" in response.content.decode()
    assert not TaskRun.objects.exists()


def test_a_failed_import_lists_its_bad_rows_on_its_page(client, curator):
    task = task_of(curator, upload(curator, ged_csv([ged_row(1, "2024-01-01", country="")])))
    client.force_login(curator.user)
    page = client.get(f"/tasks/{task['id']}/").content.decode()
    assert "Nothing of this file was stored" in page
    assert "Empty; the country is required." in page
    assert ImportRow.objects.filter(run_id=task["id"]).count() == 1


def test_each_new_ucdp_country_name_gets_its_mapping_seeded_for_odd_names(curator):
    upload(curator, sample_bytes())
    mapping = dict(CountryMapping.objects.values_list("ucdp_name", "envoy_name"))
    assert mapping["DR Congo (Zaire)"] == "Democratic Republic of the Congo"
    assert mapping["Myanmar (Burma)"] == "Myanmar"
    assert mapping["Ivory Coast"] == "Côte d'Ivoire"
    assert mapping["Sudan"] == "Sudan"


def test_a_curator_corrects_a_mapping_and_a_second_upload_keeps_it(client, curator):
    upload(curator, sample_bytes())
    sudan = CountryMapping.objects.get(ucdp_name="Sudan")
    client.force_login(curator.user)
    response = client.post(
        f"/events/countries/{sudan.pk}/", {"envoy_name": "  Republic of  the Sudan "}
    )
    assert response.status_code == 302
    sudan.refresh_from_db()
    assert sudan.envoy_name == "Republic of the Sudan"
    upload(curator, sample_bytes())
    sudan.refresh_from_db()
    assert sudan.envoy_name == "Republic of the Sudan"
    listing = client.get("/events/countries/").content.decode()
    assert "Republic of the Sudan" in listing


def test_the_mapping_api_lets_curators_correct_and_others_read(curator, analyst):
    upload(curator, sample_bytes())
    mali = CountryMapping.objects.get(ucdp_name="Mali")
    url = f"/api/v1/event-countries/{mali.pk}/"
    assert analyst.client.get(url).json()["envoy_name"] == "Mali"
    assert analyst.client.patch(url, {"envoy_name": "X"}, format="json").status_code == 403
    response = curator.client.patch(url, {"envoy_name": "Republic of Mali"}, format="json")
    assert response.status_code == 200 and response.json()["envoy_name"] == "Republic of Mali"
    blank = curator.client.patch(url, {"envoy_name": "  "}, format="json")
    assert blank.status_code == 400


def test_events_are_listed_by_situation_country_and_days(curator, viewer):
    upload(curator, sample_bytes())
    events = viewer.client.get(
        "/api/v1/events/",
        {"country": "democratic republic of the congo", "start": "2024-01-01", "end": "2024-03-31"},
    ).json()
    assert events["count"] == 7
    assert {e["country"] for e in events["results"]} == {"DR Congo (Zaire)"}
    one = viewer.client.get("/api/v1/events/498244/").json()
    assert one["id"] == 498244 and one["dataset"] == "UCDP GED 25.1"
    query = {"country": "democratic republic of the congo"}
    swapped = viewer.client.get(
        "/api/v1/events/", {**query, "start": "2024-03-31", "end": "2024-01-01"}
    )
    assert swapped.json()["count"] == 7  # days given the wrong way round read the right way

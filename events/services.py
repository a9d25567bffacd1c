"""Storing event data and what the situation form makes of it: one service each for the
upload page, the API and the `import_ged` command.

An import of a UCDP GED file, all or nothing:
1. `event_import_start` (the request) refuses a file that is too large or whose header row
   is not GED's (naming the missing columns), stores the file as a task run and queues it
   when the transaction commits.
2. The task reads the file once, checking every row (`events.ged`): a row with a bad cell,
   or repeating an `id` of an earlier row, is reported with its number, column and what is
   wrong. If any row is bad, the run fails and nothing is stored.
3. It reads the file again and stores it in one transaction, CHUNK_SIZE rows at a time: an
   event whose UCDP `id` is new is created, one whose values changed is updated, one that
   did not is left alone, so the same file imported twice changes nothing. The dataset
   (by name) records who stored it, when, its row count and the days it covers; each
   UCDP country name met for the first time gets its mapping (`events.countries`). A crash
   halfway rolls the whole run back, and a redelivered task starts again from step 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from accounts.levels import ANALYST, CURATOR, require_level
from contract.errors import EnvoyError, InvalidInput
from events.countries import envoy_name
from events.ged import GedRow, NotAGedFile, digest, read_ged, read_header
from events.models import CountryMapping, Event, EventDataset, EventSuggestion
from events.selectors import Suggestion
from recommendations.models import Assessment, ImportRow, TaskRun
from recommendations.taskruns.services import run_execute, task_enqueue

# The Celery task's name (events/tasks.py): fixed, wherever its code lives.
EVENT_IMPORT = "events.tasks.event_data_import"
CHUNK_SIZE = 2000
NAME_MAX_LENGTH = 100
STORED = [f.name for f in Event._meta.concrete_fields if f.name not in ("id", "ucdp_id")]
_UCDP_FILE = re.compile(r"ged(?:event)?[_-]?v?(\d{2})[_.](\d+)(?:[_.](\d+))?", re.IGNORECASE)


class EventFileError(EnvoyError):
    """The file cannot be stored as it is: nothing of it is."""


def dataset_name_of(filename: str) -> str:
    """The release a file name of UCDP's gives ("GEDEvent_v25_1.csv": "UCDP GED 25.1"), or ""."""
    match = _UCDP_FILE.search(PurePath(filename).stem)
    if not match:
        return ""
    return "UCDP GED " + ".".join(part for part in match.groups() if part is not None)


def event_import_start(*, user: User, upload: File[bytes], name: str = "") -> TaskRun:
    """Record an upload of a UCDP GED file and queue its import once recorded.

    Raises InvalidInput for a file that is empty, too large or not GED's (its header row),
    or a dataset name missing or too long; TaskQueueUnavailable if the queue is down."""
    require_level(user, CURATOR, "import event data")
    filename = PurePath(upload.name or "upload.csv").name
    name = " ".join((name or dataset_name_of(filename)).split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Name the dataset as UCDP names the release, such as UCDP GED 25.1."]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [f"At most {NAME_MAX_LENGTH} characters (it has {len(name)})."]
    limit = settings.EVENT_IMPORT_MAX_BYTES
    if not upload.size:
        errors["file"] = ["The file is empty."]
    elif upload.size > limit:
        errors["file"] = [f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes."]
    else:
        upload.seek(0)
        problem = read_header(upload)
        upload.seek(0)
        if problem:
            errors["file"] = [problem]
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        run = TaskRun(
            kind=TaskRun.Kind.EVENT_IMPORT,
            created_by=user,
            params={"dataset": name, "filename": filename[:200]},
        )
        run.upload.save(f"{run.pk}.csv", upload, save=False)
        run.save()
        task_enqueue(run, EVENT_IMPORT, "import of event data")
    run.refresh_from_db()
    return run


class _Progress:
    """Sets the run's `done` while the import's transaction is still open: on PostgreSQL
    through a connection of its own, which commits at once, so the task page shows the
    storing advance. SQLite allows one writer at a time, so there the count shows at the end."""

    def __init__(self, run: TaskRun) -> None:
        self.run_id = str(run.pk)
        self.own = (
            connections.create_connection(DEFAULT_DB_ALIAS)
            if connection.vendor == "postgresql"
            else None
        )

    def __call__(self, done: int) -> None:
        if self.own is not None:
            table = self.own.ops.quote_name(TaskRun._meta.db_table)
            with self.own.cursor() as cursor:
                # The table name is the model's own, quoted: no user input.
                sql = f"UPDATE {table} SET done = %s WHERE id = %s"  # noqa: S608
                cursor.execute(sql, [done, self.run_id])

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


def _rows(run: TaskRun) -> Iterator[GedRow]:
    with run.upload.open("rb") as stream:
        try:
            yield from read_ged(stream)
        except NotAGedFile as exc:
            raise EventFileError(str(exc)) from None


def _rejected(run: TaskRun, row: GedRow) -> ImportRow:
    key = "" if row.ucdp_id is None else str(row.ucdp_id)
    return ImportRow(
        run=run, line=row.number, key=key, status=ImportRow.Status.REJECTED, errors=row.errors
    )


class _Check:
    """Step 2: what the whole file holds, and its bad rows reported as they are met."""

    def __init__(self, run: TaskRun) -> None:
        self.run = run
        self.rows = 0
        self.rejected = 0
        self.first_row: dict[int, int] = {}  # UCDP id -> the row that gave it
        self.countries: set[str] = set()
        self.covers: tuple[date, date] | None = None
        self.reports: list[ImportRow] = []

    def add(self, row: GedRow) -> None:
        self.rows += 1
        if row.ucdp_id is not None and not row.errors:
            earlier = self.first_row.setdefault(row.ucdp_id, row.number)
            if earlier != row.number:
                row.errors = {"id": [f"Event {row.ucdp_id} is also row {earlier}."]}
        if row.errors:
            self.rejected += 1
            self.reports.append(_rejected(self.run, row))
            if len(self.reports) >= CHUNK_SIZE:
                self.flush()
            return
        values = row.values
        self.countries.add(values["country"])
        start, end = values["date_start"], values["date_end"]
        self.covers = (
            (min(self.covers[0], start), max(self.covers[1], end)) if self.covers else (start, end)
        )

    def flush(self) -> None:
        ImportRow.objects.bulk_create(self.reports, batch_size=CHUNK_SIZE)
        self.reports = []


def _store_chunk(rows: list[dict[str, Any]], dataset: EventDataset) -> dict[str, int]:
    """Create the new events of a chunk, update the changed ones; the counts of each."""
    known = {
        ucdp_id: (old, dataset_id)
        for ucdp_id, old, dataset_id in Event.objects.filter(
            ucdp_id__in=[r["ucdp_id"] for r in rows]
        ).values_list("ucdp_id", "digest", "dataset_id")
    }
    changed: list[Event] = []
    created = 0
    for values in rows:
        fingerprint = digest(values)
        if known.get(values["ucdp_id"]) == (fingerprint, dataset.pk):
            continue
        created += values["ucdp_id"] not in known
        changed.append(Event(**values, digest=fingerprint, dataset=dataset))
    if changed:
        Event.objects.bulk_create(
            changed, update_conflicts=True, unique_fields=["ucdp_id"], update_fields=STORED
        )
    return {
        "created": created,
        "updated": len(changed) - created,
        "unchanged": len(rows) - len(changed),
    }


def _store(run: TaskRun, check: _Check) -> dict[str, Any]:
    """Step 3, in the caller's transaction."""
    assert check.covers is not None
    dataset, _ = EventDataset.objects.update_or_create(
        name=run.params["dataset"],
        defaults={
            "uploaded_by": run.created_by,
            "uploaded": timezone.now(),
            "row_count": check.rows,
            "covers_from": check.covers[0],
            "covers_to": check.covers[1],
            "run": run,
        },
    )
    CountryMapping.objects.bulk_create(
        [CountryMapping(ucdp_name=n, envoy_name=envoy_name(n)) for n in sorted(check.countries)],
        ignore_conflicts=True,
    )
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    progress = _Progress(run)
    chunk: list[dict[str, Any]] = []
    done = 0
    try:
        for row in _rows(run):
            chunk.append(row.values)
            if len(chunk) >= CHUNK_SIZE:
                for name, value in _store_chunk(chunk, dataset).items():
                    counts[name] += value
                done += len(chunk)
                chunk = []
                progress(done)
        if chunk:
            for name, value in _store_chunk(chunk, dataset).items():
                counts[name] += value
    finally:
        progress.close()
    return {"dataset": dataset.name, "dataset_id": dataset.pk, **counts}


def events_import(run: TaskRun) -> dict[str, Any]:
    """Steps 2 and 3 for one recorded run; returns its report."""
    if not run.upload:
        raise EventFileError("The import has no file.")
    run.rows.all().delete()  # a redelivered run checks its file again
    TaskRun.objects.filter(pk=run.pk).update(done=0, total=0)
    check = _Check(run)
    for row in _rows(run):
        check.add(row)
    check.flush()
    TaskRun.objects.filter(pk=run.pk).update(total=check.rows)
    if check.rejected:
        TaskRun.objects.filter(pk=run.pk).update(done=check.rows)
        raise EventFileError(
            f"{check.rejected:,} of the file's {check.rows:,} rows are not valid events (see "
            "the rows below); nothing was stored. Correct them and upload the file again."
        )
    if not check.rows:
        raise EventFileError("The file holds a header row and no events; nothing was stored.")
    with transaction.atomic():
        report = _store(run, check)
        TaskRun.objects.filter(pk=run.pk).update(done=check.rows)
    return {"rows": check.rows, "rejected": 0, **report}


def event_import_execute(run_id: str) -> None:
    run_execute(run_id, events_import)


def country_mapping_update(*, user: User, mapping: CountryMapping, name: str) -> CountryMapping:
    """Match a UCDP country name to the situation country it stands for."""
    require_level(user, CURATOR, "correct the country mapping")
    name = " ".join(name.split())
    if not name:
        raise InvalidInput({"envoy_name": ["Enter the country as situations name it."]})
    limit = CountryMapping._meta.get_field("envoy_name").max_length or 200
    if len(name) > limit:
        raise InvalidInput({"envoy_name": [f"At most {limit} characters (it has {len(name)})."]})
    mapping.envoy_name = name
    mapping.save()
    return mapping


def suggestion_record(
    *,
    user: User,
    assessment: Assessment,
    suggestion: Suggestion,
    used_fatalities: bool,
    used_violence_level: bool,
) -> EventSuggestion:
    """Keep, with an assessment, the suggestion its form showed and which parts were used."""
    require_level(user, ANALYST, "create assessments")
    return EventSuggestion.objects.create(
        assessment=assessment,
        datasets=list(suggestion.datasets),
        countries=list(suggestion.ucdp_names),
        window_start=suggestion.window_start,
        window_end=suggestion.window_end,
        event_count=suggestion.event_count,
        fatalities=suggestion.best,
        fatalities_low=suggestion.low,
        fatalities_high=suggestion.high,
        violence_level=suggestion.violence_level,
        used_fatalities=used_fatalities,
        used_violence_level=used_violence_level,
    )

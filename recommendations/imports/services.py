"""Bulk import of assessments from CSV or JSON: one service for the upload page, the API and
the `import_assessments` command.

Files:
- CSV: a header row naming contract fields, plus the optional columns `key` (the row's
  idempotency key) and `assessed_on` (YYYY-MM-DD, when the assessment was made). Lists
  (grievances) are separated by ";"; true/false also read yes/no and 1/0; an empty cell is an
  absent value.
- JSON: an array of objects, or JSON Lines (one object per line), typed as in the API, with
  the same two optional keys.

Steps:
1. `import_record` checks the file's size and format, stores it, and records the run for a
   team; `import_start` also queues it when the transaction commits.
2. The task reads the file once as a stream to check its structure (encoding, columns, JSON
   syntax) and to count its rows. A fault there fails the run with nothing stored.
3. It reads the file again, CHUNK_SIZE rows at a time. Each row is validated against the
   contract; a row whose key the team already has is a duplicate; the others are evaluated
   under the active ruleset and stored, their situations found or created by country. A
   chunk's assessments, its row reports and the progress are committed together.
4. A run that stopped halfway (a worker killed, a redelivered task) resumes after the last
   reported row, so no row is stored twice; the (situation, import_key) constraint backs this.
Without a `key`, a row's key is a hash of its content, so the same file imported twice stores
its rows once.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.levels import ANALYST, require_level
from accounts.models import Team
from cases.models import CaseSnapshot
from contract.errors import EnvoyError
from contract.fields import FIELDS, FIELDS_BY_NAME, clean_text
from core.reference_cache import pinned
from core.text import storable_text
from recommendations.assessments.audit import log_assessments_created
from recommendations.assessments.events import assessments_announce
from recommendations.assessments.services import (
    assessment_outcome,
    situation_of_country,
    situations_of_countries,
    stored_input,
    user_team,
)
from recommendations.engine import ContractError, validate_input
from recommendations.models import Assessment, ImportRow, RuleSet, Situation, TaskRun
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile
from recommendations.taskruns.services import IMPORT, run_execute, run_resume, task_enqueue

CHUNK_SIZE = 500
EXTRA_COLUMNS = ("key", "assessed_on")
KEY_MAX_LENGTH = 100
MESSAGE_MAX_LENGTH = 500
MAX_LINE_BYTES = 64 * 1024  # a row of JSON Lines, an item of a JSON array, a line of CSV
MAX_DEPTH = 8  # lists and objects within a row; the contract's rows nest 2 deep
_BLOCK = 1024 * 1024
_DIGITS = re.compile("[0-9]+")  # ASCII digits only: "²" and "٣" are digits to str.isdigit
FORMATS = ("csv", "json")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "json", ".ndjson": "json"}
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


Errors = dict[str, list[str]]  # messages by field
_TOO_DEEP: Errors = {"row": [f"Lists and objects nest more than {MAX_DEPTH} deep in this row."]}


class ImportFileError(EnvoyError):
    """The file as a whole cannot be read: nothing of it is stored."""


# Step 1: record (and queue) the run.


def _format_of(upload: File[bytes], requested: str | None) -> str:
    if requested:
        if requested not in FORMATS:
            raise ContractError({"format": [f"{requested!r} is not one of: csv, json."]})
        return requested
    by_name = _EXTENSIONS.get(PurePath(upload.name or "").suffix.lower())
    if by_name:
        return by_name
    upload.seek(0)
    head = upload.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    upload.seek(0)
    return "json" if head[:1] in (b"[", b"{") else "csv"


def import_record(
    *, user: User, upload: File[bytes], team: str | None = None, fmt: str | None = None
) -> TaskRun:
    """Check and store an uploaded file as an import run of one of the user's teams."""
    require_level(user, ANALYST, "import assessments")
    owner = user_team(user, team)
    if not upload.size:
        raise ContractError({"file": ["The file is empty."]})
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ContractError(
            {"file": [f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes."]}
        )
    kind = _format_of(upload, fmt)
    run = TaskRun(
        kind=TaskRun.Kind.IMPORT,
        created_by=user,
        team=owner,
        params={"format": kind, "filename": PurePath(upload.name or "upload").name[:200]},
    )
    run.upload.save(f"{run.pk}.{kind}", upload, save=False)
    run.save()
    return run


def import_start(
    *, user: User, upload: File[bytes], team: str | None = None, fmt: str | None = None
) -> TaskRun:
    """Record an import and queue it once recorded; TaskQueueUnavailable if the queue is down."""

    with transaction.atomic():
        run = import_record(user=user, upload=upload, team=team, fmt=fmt)
        task_enqueue(run, IMPORT, "import")
    run.refresh_from_db()
    return run


# Steps 2 and 3: read the file as (line, row or error) pairs.

Row = tuple[int, dict[str, Any] | None, dict[str, list[str]]]


def _csv_value(name: str, text: str) -> Any:
    field = FIELDS_BY_NAME.get(name)
    text = text.strip()
    if field is None or field.kind in ("text", "enum"):
        return text
    if field.kind == "bool":
        low = text.lower()
        return True if low in _TRUE else False if low in _FALSE else text
    if field.kind in ("int", "id"):
        return _whole_number(text)
    return [part.strip() for part in text.split(";") if part.strip()]  # a list


def _whole_number(text: str) -> int | str:
    """The cell as a whole number if it is one in ASCII digits; else the text, which the
    contract refuses with its reason."""
    if not _DIGITS.fullmatch(text):
        return text
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        return text


def csv_cell(value: Any) -> str:
    """A value as a CSV cell of an import file (what `_csv_value` reads back)."""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def template_rows() -> Iterator[list[str]]:
    """A CSV template: the header row, then one row from the case library as an example."""
    columns = [f.name for f in FIELDS if f.name != "situation"] + list(EXTRA_COLUMNS)
    yield columns
    snapshot = CaseSnapshot.objects.select_related("case").order_by("case__slug", "date").first()
    if snapshot is not None:
        example = {
            **snapshot.input,
            "country": snapshot.case.country,
            "key": f"{snapshot.case.slug}-{snapshot.date}",
            "assessed_on": snapshot.date.isoformat(),
        }
        yield [csv_cell(example.get(column)) for column in columns]


def _csv_lines(text: IO[str]) -> Iterator[str]:
    """The text's lines, refusing one longer than MAX_LINE_BYTES characters before it is
    read whole (a CSV row may hold quoted line breaks, so no line can be skipped)."""
    number = 0
    while line := text.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
            raise ImportFileError(
                f"Line {number} is longer than {MAX_LINE_BYTES:,} characters: no row is."
            )
        yield line


def _csv_rows(stream: IO[bytes]) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(_csv_lines(text))
    header = next(reader, None)
    if not header:
        raise ImportFileError("The file has no header row.")
    header = [h.strip() for h in header]
    known = {f.name for f in FIELDS} | set(EXTRA_COLUMNS)
    unknown = [h for h in header if h not in known]
    missing = [f.name for f in FIELDS if f.required and f.name not in header]
    if unknown or missing or len(set(header)) != len(header):
        problems = []
        if unknown:
            problems.append(f"unknown columns: {', '.join(unknown)}")
        if missing:
            problems.append(f"missing columns: {', '.join(missing)}")
        if len(set(header)) != len(header):
            problems.append("a column is named twice")
        raise ImportFileError(
            f"The header row does not fit the contract ({'; '.join(problems)}). Columns are "
            f"the contract's fields, plus optionally {' and '.join(EXTRA_COLUMNS)}."
        )
    for line, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield line, None, {"row": [f"Expected {len(header)} cells, got {len(cells)}."]}
            continue
        yield (
            line,
            {h: _csv_value(h, c) for h, c in zip(header, cells, strict=True) if c.strip()},
            {},
        )


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """The stream's non-blank lines, numbered from 1. A line longer than MAX_LINE_BYTES is
    None: its first bytes are read, and the rest skipped without being held."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(_BLOCK)
            number += 1
            yield number, None
        elif raw.strip():
            number += 1
            yield number, raw


def _too_long(what: str, unit: str = "bytes") -> Errors:
    return {"row": [f"The {what} is longer than {MAX_LINE_BYTES:,} {unit}."]}


def _too_deep(item: dict[str, Any]) -> bool:
    """Whether lists and objects nest more than MAX_DEPTH deep in a parsed row."""
    stack = [(value, 2) for value in item.values() if isinstance(value, (dict, list))]
    while stack:  # rows are flat or hold flat lists: this is mostly empty
        value, level = stack.pop()
        if level > MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((c, level + 1) for c in children if isinstance(c, (dict, list)))
    return False


def _json_item(line: int, item: Any) -> Row:
    if not isinstance(item, dict):
        return line, None, {"row": ["Expected a JSON object of input fields."]}
    if _too_deep(item):
        return line, None, _TOO_DEEP
    return line, item, {}


def _json_lines(stream: IO[bytes], parse: bool = True) -> Iterator[Row]:
    for line, raw in _lines(stream):
        if raw is None:
            yield line, None, _too_long("row")
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"Row {line} is not UTF-8 text ({exc.reason}).") from None
        if not parse:
            yield line, None, {}
            continue
        try:
            item = json.loads(text)
        except RecursionError:
            yield line, None, _TOO_DEEP
            continue
        except ValueError as exc:
            yield line, None, {"row": [f"Not valid JSON: {exc}."]}
            continue
        yield _json_item(line, item)


class _ArrayReader:
    """The items of a JSON array, one at a time. Each is read by the standard decoder from a
    window of the file at most MAX_LINE_BYTES (plus a block) ahead; an item that is longer,
    nested too deeply or not valid JSON is skipped by a scan of its strings and brackets that
    keeps none of it."""

    _decoder = json.JSONDecoder()
    _blank = re.compile(r"[ \t\r\n]*")
    _in_string = re.compile(r'["\\]')
    _outside = re.compile(r'["\[\]{},]')

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer, self.pos, self.eof = "", 0, False

    def _more(self) -> bool:
        """Read one more block into the buffer (dropping what is behind `pos`)."""
        if self.eof:
            return False
        block = self.stream.read(_BLOCK)
        try:
            text = self.utf8.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"The file is not UTF-8 text ({exc.reason}).") from None
        self.eof = not block
        self.buffer = self.buffer[self.pos :] + text
        self.pos = 0
        return True

    def _ahead(self, size: int) -> None:
        while len(self.buffer) - self.pos < size and self._more():
            pass

    def _next_char(self) -> str:
        """Skip white space; the next character ("" at the end of the file)."""
        while True:
            self.pos = self._blank.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._more():
                return ""

    def _skip_value(self) -> int:
        """Move past the value that starts here; its length in characters."""
        length, depth, in_string = 0, 0, False
        while True:
            found = (self._in_string if in_string else self._outside).search(self.buffer, self.pos)
            if found is None:
                length += len(self.buffer) - self.pos
                self.pos = len(self.buffer)
                if not self._more():
                    raise ImportFileError("The file is not valid JSON: it ends inside a value.")
                continue
            char = found.group()
            if not in_string and depth == 0 and char in ",]}":
                length += found.start() - self.pos  # a plain value ends before these
                self.pos = found.start()
                return length
            length += found.end() - self.pos
            self.pos = found.end()
            if char == "\\":
                self._ahead(1)  # the escaped character, maybe in the next block
                self.pos, length = self.pos + 1, length + 1
                continue
            if char == '"':
                in_string = not in_string
            elif char in "[{":
                depth += 1
            else:
                depth -= 1
            if depth == 0 and not in_string:
                return length

    def _item(self, line: int) -> Row:
        self._ahead(MAX_LINE_BYTES + 1)
        problem: Errors
        try:
            item, end = self._decoder.raw_decode(self.buffer, self.pos)
        except RecursionError:
            problem = _TOO_DEEP
        except ValueError as exc:
            problem = {"row": [f"Not valid JSON: {exc}."]}
        else:
            if end - self.pos <= MAX_LINE_BYTES:
                self.pos = end
                return _json_item(line, item)
            problem = _too_long("item", "characters")
        if self._skip_value() > MAX_LINE_BYTES:
            problem = _too_long("item", "characters")
        return line, None, problem

    def items(self) -> Iterator[Row]:
        """The array's items as rows; ImportFileError if the file is no array."""
        if self._next_char() != "[":
            raise ImportFileError("A JSON file holds an array of objects, or one object per line.")
        self.pos += 1
        line = 0
        if self._next_char() == "]":
            self.pos += 1
        else:
            while True:
                line += 1
                if self._next_char() in ("", ",", "]"):
                    raise ImportFileError(f"The file is not valid JSON: item {line} is missing.")
                yield self._item(line)
                after = self._next_char()
                self.pos += 1
                if after == "]":
                    break
                if after != ",":
                    raise ImportFileError(
                        f"The file is not valid JSON: a , or ] should follow item {line}."
                    )
        if self._next_char():
            raise ImportFileError("The file is not valid JSON: text follows the array.")


def read_rows(stream: IO[bytes], kind: str, parse: bool = True) -> Iterator[Row]:
    """The file's rows, one at a time: (line, the row's values or None, row-level errors).
    Raises ImportFileError for a file that cannot be read as a whole. Without `parse`, the
    rows of JSON Lines are only found and checked as UTF-8 (their values are None): each
    line's JSON is the row's own business."""
    if kind == "csv":
        try:
            yield from _csv_rows(stream)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"The file is not UTF-8 text ({exc.reason}).") from None
        except csv.Error as exc:
            raise ImportFileError(f"The file is not valid CSV: {exc}.") from None
        return
    head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    stream.seek(0)
    if head[:1] == b"[":
        yield from _ArrayReader(stream).items()
    elif head[:1] == b"{":
        yield from _json_lines(stream, parse)
    else:
        raise ImportFileError("A JSON file holds an array of objects, or one object per line.")


# Step 3: check each row and store a chunk.


def _row_key(item: dict[str, Any], clean: dict[str, Any], errors: Errors) -> str:
    key = item.get("key")
    if key is None or key == "":
        canonical = json.dumps(
            {"input": clean, "assessed_on": item.get("assessed_on")},
            sort_keys=True,
            default=str,
        )
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:64]
    key = str(key).strip()
    if problem := clean_text(key):
        errors["key"] = [problem]
    elif len(key) > KEY_MAX_LENGTH:
        errors["key"] = [f"At most {KEY_MAX_LENGTH} characters (got {len(key)})."]
    return storable_text(key)[:KEY_MAX_LENGTH]


def _assessed_on(value: Any, errors: Errors) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        errors["assessed_on"] = ["Must be a date as YYYY-MM-DD."]
        return None
    if day > timezone.localdate() or day.year < 1900:
        errors["assessed_on"] = ["Must be a date between 1900 and today."]
        return None
    return timezone.make_aware(datetime.combine(day, time(12)))


def _in_team(run: TaskRun, situation: int) -> bool:
    return Situation.objects.filter(pk=situation, team=run.team_id).exists()


def _checked(
    run: TaskRun, item: dict[str, Any]
) -> tuple[dict[str, Any] | None, str, datetime | None, Errors]:
    """(clean input, key, assessed_on, field errors) of one row."""
    errors: Errors = {}
    values = {k: v for k, v in item.items() if k not in EXTRA_COLUMNS}
    try:
        clean = validate_input(values)
    except ContractError as exc:
        errors.update(exc.errors)
        clean = None
    when = _assessed_on(item.get("assessed_on"), errors)
    key = _row_key(item, clean or values, errors)
    if clean and "situation" in clean and not _in_team(run, clean["situation"]):
        errors["situation"] = [f"No situation with id {clean['situation']} in this team."]
    return (None if errors else clean), key, when, errors


def _report(errors: Errors) -> Errors:
    """Errors as a row report stores them: each field name and message storable, and each
    message at most MESSAGE_MAX_LENGTH characters (a message may quote the value at fault)."""
    return {
        storable_text(str(field))[:KEY_MAX_LENGTH]: [
            storable_text(message)[:MESSAGE_MAX_LENGTH] for message in messages
        ]
        for field, messages in errors.items()
    }


class _Chunk:
    """One chunk of rows on its way into the database."""

    def __init__(
        self, run: TaskRun, ruleset: RuleSet, compiled: Any, situations: dict[str, int]
    ) -> None:
        self.run, self.ruleset, self.compiled = run, ruleset, compiled
        self.situations = situations  # lower-cased country -> situation id, committed
        self.new_situations: dict[str, int] = {}  # those this chunk's transaction found
        self.reports: list[ImportRow] = []
        # (report, assessment, situation id or the clean input naming its country)
        self.pending: list[tuple[ImportRow, Assessment, Any]] = []
        self.created = 0

    def add(self, line: int, item: dict[str, Any] | None, errors: Errors) -> None:
        key = ""
        clean: dict[str, Any] | None = None
        when: datetime | None = None
        if item is not None and not errors:
            try:
                clean, key, when, errors = _checked(self.run, item)
            except RecursionError:  # a value no check can walk: the row is refused
                clean, errors = None, _TOO_DEEP
        if errors or clean is None:  # a row without errors has its clean input
            self.reports.append(
                ImportRow(
                    run=self.run,
                    line=line,
                    key=key,
                    status=ImportRow.Status.REJECTED,
                    errors=_report(errors),
                )
            )
            return
        report = ImportRow(run=self.run, line=line, key=key, status=ImportRow.Status.STORED)
        assessment = Assessment(
            input=stored_input(clean),
            created_by=self.run.created_by,
            ruleset=self.ruleset,
            import_key=key,
            **assessment_outcome(self.compiled, clean),
        )
        if when:
            assessment.created = when
        self.reports.append(report)
        self.pending.append((report, assessment, clean.get("situation") or clean))

    def committed(self) -> None:
        """The chunk's transaction committed: the situations it found are the run's."""
        self.situations.update(self.new_situations)

    def _team(self) -> Team:
        team = self.run.team
        if team is None:  # assessments_import refuses a run without a team
            raise ImportFileError("The import has no team.")
        return team

    def _situation_ids(self) -> None:
        """Set each pending assessment's situation, finding or creating them all at once."""
        known = self.situations | self.new_situations
        wanted: dict[str, dict[str, Any]] = {}
        for _, _, ref in self.pending:
            if not isinstance(ref, int) and ref["country"].lower() not in known:
                wanted.setdefault(ref["country"].lower(), ref)
        if wanted:
            found, created = situations_of_countries(self._team(), wanted, self.run.created_by)
            self.new_situations.update(found)
            self.created += created
        for _, assessment, ref in self.pending:
            if isinstance(ref, int):
                assessment.situation_id = ref
                continue
            name = ref["country"].lower()
            known = self.situations | self.new_situations
            if name not in known:  # the database lower-cases it otherwise
                situation, created = situation_of_country(self._team(), ref, self.run.created_by)
                self.new_situations[name] = situation.pk
                self.created += created
            assessment.situation_id = (self.situations | self.new_situations)[name]

    def store(self) -> dict[str, int]:
        """Write the chunk in the caller's transaction; return its counts. A chunk may be
        stored again after its transaction rolled back: it starts afresh each time, and only
        `committed` makes what it found part of the run's."""
        self.new_situations, self.created = {}, 0
        for report, assessment, _ in self.pending:
            report.status, report.assessment_id, assessment.pk = ImportRow.Status.STORED, None, None
        self._situation_ids()
        keys = {a.import_key for _, a, _ in self.pending}
        known: dict[str, int | None] = dict(
            Assessment.objects.filter(
                situation__team=self.run.team_id, import_key__in=keys
            ).values_list("import_key", "pk")
        )
        fresh: list[tuple[ImportRow, Assessment]] = []
        for report, assessment, _ in self.pending:
            if assessment.import_key in known:
                report.status = ImportRow.Status.DUPLICATE
                report.assessment_id = known[assessment.import_key]
            else:
                known[assessment.import_key] = None  # a later row of this chunk repeats it
                fresh.append((report, assessment))
        Assessment.objects.bulk_create([a for _, a in fresh], batch_size=CHUNK_SIZE)
        log_assessments_created(
            [a for _, a in fresh], actor_id=self.run.created_by_id, cid=str(self.run.pk)
        )
        assessments_announce([a for _, a in fresh])  # webhook events, sent once this commits
        for report, assessment in fresh:
            report.assessment_id = known[assessment.import_key] = assessment.pk
        for report in self.reports:
            if report.status == ImportRow.Status.DUPLICATE and report.assessment_id is None:
                report.assessment_id = known.get(report.key)
        ImportRow.objects.bulk_create(self.reports, batch_size=CHUNK_SIZE)
        touched = {a.situation_id for _, a in fresh}
        Situation.objects.filter(pk__in=touched).exclude(review_due=None).update(review_due=None)
        status = [r.status for r in self.reports]
        return {
            "stored": status.count(ImportRow.Status.STORED),
            "rejected": status.count(ImportRow.Status.REJECTED),
            "duplicates": status.count(ImportRow.Status.DUPLICATE),
            "situations_created": self.created,
        }


def _count_rows(run: TaskRun) -> int:
    with run.upload.open("rb") as stream:
        return sum(1 for _ in read_rows(stream, run.params["format"], parse=False))


def assessments_import(run: TaskRun) -> dict[str, Any]:
    """Steps 2 to 4 for one recorded run; returns the run's report."""
    if run.team_id is None or not run.upload:
        raise ImportFileError("The import has no file or no team.")
    total = _count_rows(run)
    last = run.rows.order_by("-line").values_list("line", flat=True).first() or 0
    done = run.rows.count()
    report = run.result or dict.fromkeys(
        ("stored", "rejected", "duplicates", "situations_created"), 0
    )
    TaskRun.objects.filter(pk=run.pk).update(total=total, done=done, heartbeat=timezone.now())
    ruleset = ruleset_active()
    compiled = ruleset_compile(ruleset)
    situations: dict[str, int] = {}
    chunk = _Chunk(run, ruleset, compiled, situations)

    def flush() -> None:
        nonlocal chunk
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    counts = chunk.store()
                    TaskRun.objects.filter(pk=run.pk).update(
                        done=done,
                        result={k: v + counts[k] for k, v in report.items()},
                        heartbeat=timezone.now(),
                    )
                chunk.committed()
                break
            except IntegrityError:
                # A concurrent import stored one of these keys first; look again, once.
                if attempt == 2:
                    raise
        for name, value in counts.items():
            report[name] += value
        chunk = _Chunk(run, ruleset, compiled, situations)

    with run.upload.open("rb") as stream, pinned():
        for line, item, errors in read_rows(stream, run.params["format"]):
            if line <= last:
                continue
            chunk.add(line, item, errors)
            done += 1
            if len(chunk.reports) >= CHUNK_SIZE:
                flush()
    flush()
    return {**report, "rows": total, "ruleset": ruleset.version}


def import_execute(run_id: str) -> None:
    run_execute(run_id, assessments_import)


def import_resume(*, user: User, run: TaskRun) -> None:
    """Carry on an interrupted import after its last reported row (step 4)."""
    require_level(user, ANALYST, "resume imports")
    run_resume(run, IMPORT, "import")

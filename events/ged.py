"""Reading a UCDP GED file: the CSV as UCDP releases it, checked row by row.

UCDP's Georeferenced Event Dataset comes as a CSV with a header row of 49 columns (COLUMNS;
any order, more columns are ignored). Quoted cells may hold commas, quotes and line breaks;
integers may be written as floats (`300380.0`); dates as `2024-03-01` or
`2024-03-01 00:00:00.000`; many cells may be empty. Each row gives an event (UCDP's `id`) or
the errors of its cells, by column, in words a curator can act on. Pure Python.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

# Envoy keeps these columns of an event; the others are checked only for being there.
TEXT = {
    "relid": 50,
    "code_status": 50,
    "conflict_name": 300,
    "dyad_name": 300,
    "side_a": 300,
    "side_b": 300,
    "source_article": 20_000,
    "where_description": 5_000,
    "adm_1": 200,
    "adm_2": 200,
    "country": 100,
    "region": 100,
}
REQUIRED_TEXT = {"country"}
OPTIONAL_INTEGERS = (
    "conflict_new_id",
    "dyad_new_id",
    "number_of_sources",
    "where_prec",
    "country_id",
    "event_clarity",
    "date_prec",
)
DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
ESTIMATES = ("best", "low", "high")
YEARS = (1946, 2100)
MAX_INTEGER = 2**31 - 1
_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_TRUE, _FALSE = {"1", "1.0", "true", "t", "yes"}, {"0", "0.0", "false", "f", "no", ""}

Errors = dict[str, list[str]]


class NotAGedFile(ValueError):
    """The file cannot be read as UCDP GED at all (no header, missing columns, not UTF-8)."""


@dataclass
class GedRow:
    """One row of the file: its number (1 is the first row after the header), the event's
    UCDP id when it reads as one, and either the event's values or the errors by column."""

    number: int
    ucdp_id: int | None
    values: dict[str, Any] = field(default_factory=dict)
    errors: Errors = field(default_factory=dict)


def header_problem(header: list[str]) -> str | None:
    """What makes a header row not a GED one, or None."""
    names = [name.strip().lower() for name in header]
    missing = [name for name in COLUMNS if name not in names]
    twice = sorted({name for name in names if name and names.count(name) > 1})
    problems = []
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if twice:
        problems.append(f"columns named twice: {', '.join(twice)}")
    if not problems:
        return None
    return (
        f"This is not a UCDP GED file ({'; '.join(problems)}). The header row must name "
        f"UCDP GED's {len(COLUMNS)} columns, in any order."
    )


def _integer(text: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise ValueError(f"{text!r} is not a whole number.")
    value = int(text.split(".")[0])
    if abs(value) > MAX_INTEGER:
        raise ValueError(f"{text!r} is too large.")
    return value


def _date(text: str) -> date:
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise ValueError(f"{text!r} is not a date of the calendar.") from None


def _coordinate(text: str, limit: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number.") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{text!r} is outside -{limit} to {limit}.")
    return value


class _Row:
    """The checks of one row's cells, collecting an error per column."""

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells
        self.values: dict[str, Any] = {}
        self.errors: Errors = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def integer(self, name: str, *, required: bool, low: int = 0, high: int = MAX_INTEGER):
        text = self.cells[name]
        if not text:
            if required:
                self.fail(name, "Empty; a whole number is required.")
            return None
        try:
            value = _integer(text)
        except ValueError as exc:
            self.fail(name, str(exc))
            return None
        if not low <= value <= high:
            self.fail(name, f"{value} is outside {low} to {high}.")
            return None
        return value

    def check(self) -> None:
        cells, values = self.cells, self.values
        values["ucdp_id"] = self.integer("id", required=True, low=1)
        values["year"] = self.integer("year", required=True, low=YEARS[0], high=YEARS[1])
        values["type_of_violence"] = self.integer("type_of_violence", required=True, low=1, high=3)
        for name in OPTIONAL_INTEGERS:
            values[name] = self.integer(name, required=False)
        for name in DEATHS:
            values[name] = self.integer(name, required=False) or 0
        for name in ESTIMATES:
            values[name] = self.integer(name, required=True)
        low, best, high = values["low"], values["best"], values["high"]
        if None not in (low, best, high) and not low <= best <= high:
            self.fail(
                "best", f"The estimates must read low ≤ best ≤ high (got {low}, {best}, {high})."
            )
        active = cells["active_year"].lower()
        if active not in _TRUE | _FALSE:
            self.fail("active_year", f"{cells['active_year']!r} is not 1 or 0.")
        values["active_year"] = active in _TRUE
        for name, limit in TEXT.items():
            text = cells[name]
            if name in REQUIRED_TEXT and not text:
                self.fail(name, "Empty; the country is required.")
            elif len(text) > limit:
                self.fail(name, f"Longer than {limit:,} characters ({len(text):,}).")
            values[name] = text
        for name, limit in (("latitude", 90), ("longitude", 180)):
            values[name] = None
            if cells[name]:
                try:
                    values[name] = _coordinate(cells[name], limit)
                except ValueError as exc:
                    self.fail(name, str(exc))
        for name in ("date_start", "date_end"):
            values[name] = None
            if not cells[name]:
                self.fail(name, "Empty; a date as YYYY-MM-DD is required.")
                continue
            try:
                values[name] = _date(cells[name])
            except ValueError as exc:
                self.fail(name, str(exc))
        start, end = values["date_start"], values["date_end"]
        if start and end and start > end:
            self.fail("date_end", f"{end} is before date_start ({start}).")


def digest(values: dict[str, Any]) -> str:
    """A short fingerprint of an event's stored values, to tell a changed event."""
    text = "\x1f".join(f"{k}={values[k]}" for k in sorted(values))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def read_ged(stream: IO[bytes]) -> Iterator[GedRow]:
    """The file's rows, one at a time, checked. Raises NotAGedFile for a file that cannot be
    read as UCDP GED at all (its header first; then text that is not UTF-8 or not CSV)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
        if not header:
            raise NotAGedFile("The file is empty: a UCDP GED file starts with its header row.")
        problem = header_problem(header)
        if problem:
            raise NotAGedFile(problem)
        index = {name.strip().lower(): i for i, name in enumerate(header)}
        positions = [(name, index[name]) for name in COLUMNS]
        width = len(header)
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                yield GedRow(
                    number, None, errors={"row": [f"{len(cells)} cells; the header has {width}."]}
                )
                continue
            row = _Row({name: cells[i].strip() for name, i in positions})
            row.check()
            ucdp_id = row.values["ucdp_id"]
            if row.errors:
                yield GedRow(number, ucdp_id, errors=row.errors)
            else:
                yield GedRow(number, ucdp_id, values=row.values)
    except UnicodeDecodeError as exc:
        raise NotAGedFile(f"The file is not UTF-8 text ({exc.reason}).") from None
    except csv.Error as exc:
        raise NotAGedFile(f"The file is not valid CSV: {exc}.") from None
    finally:
        text.detach()  # the caller's stream stays open


def read_header(stream: IO[bytes]) -> str | None:
    """Why the file is not a UCDP GED file, judged by its header row alone, or None."""
    try:
        next(read_ged(stream), None)
    except NotAGedFile as exc:
        return str(exc)
    return None

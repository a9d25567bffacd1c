"""Files to import in tests and benchmarks: rows of the v1 contract as CSV or JSON."""

import csv
import io
import json

from recommendations.engine.contract import FIELDS

from .inputs import VALID_INPUT

COLUMNS = [f.name for f in FIELDS if f.name != "situation"]


def cell(value) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def csv_bytes(rows: list[dict], columns: list[str] | None = None) -> bytes:
    columns = columns or COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue().encode()


def json_bytes(rows: list[dict], lines: bool = False) -> bytes:
    if lines:
        return "".join(json.dumps(r) + "\n" for r in rows).encode()
    return json.dumps(rows).encode()


def row(**changes) -> dict:
    return {**VALID_INPUT, **changes}

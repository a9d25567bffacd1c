"""Files to import in tests and benchmarks: rows of the v1 contract as CSV or JSON."""

import csv
import io
import json

from contract.fields import FIELDS

from .inputs import VALID_INPUT

COLUMNS = [f.name for f in FIELDS if f.name != "situation"]


def csv_bytes(rows: list[dict], columns: list[str] | None = None) -> bytes:
    from recommendations.imports.services import (
        csv_cell,  # needs Django set up (bench/ imports this)
    )

    columns = columns or COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return out.getvalue().encode()


def json_bytes(rows: list[dict], lines: bool = False) -> bytes:
    if lines:
        return "".join(json.dumps(r) + "\n" for r in rows).encode()
    return json.dumps(rows).encode()


def row(**changes) -> dict:
    return {**VALID_INPUT, **changes}

"""UCDP GED files for tests and benchmarks: the sample file, and rows made to order."""

import csv
import io
from pathlib import Path

from events.ged import COLUMNS

SAMPLE = Path(__file__).parent / "data" / "ged_sample.csv"

BASE = {
    "relid": "SUD-2024-1-16009-1",
    "year": "2024",
    "active_year": "1",
    "code_status": "Clear",
    "type_of_violence": "1",
    "conflict_dset_id": "309",
    "conflict_new_id": "309",
    "conflict_name": "Sudan: Government",
    "dyad_dset_id": "16009",
    "dyad_new_id": "16009",
    "dyad_name": "Government of Sudan - RSF",
    "side_a_dset_id": "117",
    "side_a_new_id": "117",
    "side_a": "Government of Sudan",
    "side_b_dset_id": "6789",
    "side_b_new_id": "6789",
    "side_b": "RSF",
    "number_of_sources": "2",
    "source_article": "Radio Dabanga,2024-01-05,Fighting in Omdurman",
    "source_original": "Local sources",
    "where_prec": "1",
    "where_coordinates": "Omdurman",
    "where_description": "Omdurman, Khartoum state",
    "adm_1": "Khartoum state",
    "adm_2": "Omdurman locality",
    "latitude": "15.6445",
    "longitude": "32.4777",
    "geom_wkt": "POINT (32.4777 15.6445)",
    "priogrid_gid": "176966",
    "country": "Sudan",
    "country_id": "625",
    "region": "Africa",
    "event_clarity": "1",
    "date_prec": "1",
    "gwnoa": "625",
}


def ged_row(ucdp_id: int, day, deaths: int = 10, **changes) -> dict:
    """A valid event of `deaths` deaths on `day` (a date or YYYY-MM-DD)."""
    day = str(day)
    row = {
        **BASE,
        "id": str(ucdp_id),
        "year": day[:4],
        "date_start": day,
        "date_end": day,
        "deaths_a": str(deaths),
        "deaths_b": "0",
        "deaths_civilians": "0",
        "deaths_unknown": "0",
        "best": str(deaths),
        "low": str(max(deaths - 2, 0)),
        "high": str(deaths + 5),
    }
    return {**row, **{k: str(v) for k, v in changes.items()}}


def ged_csv(rows: list[dict], columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue().encode()


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()

"""Benchmark of event data (UCDP GED) on PostgreSQL: the import of a generated GED file and
the situation form's suggestion query at that size.

1. A GED CSV of N rows (default 100,000) is generated: events over 1989-2024 in 60
   countries, most of them in a few (as in UCDP's data), with quoted cells holding commas
   and line breaks and ids written as floats.
2. Import, in this process (no REDIS_URL: the task runs in-process), through the service the
   upload page calls: rows per second, and the growth of the process's peak resident memory.
   The same file again (every event unchanged), then a fresh import once more under
   tracemalloc for the peak of Python's own allocations.
3. Suggestion: `event_suggestion` for random countries and days (within the data), many
   times: median, p95 and max, in milliseconds.

A throwaway PostgreSQL is started on 127.0.0.1 and removed at the end.
Run: .venv/bin/python bench/ged_bench.py [--rows 100000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.servers import PostgresServer  # noqa: E402

FIRST, LAST = date(1989, 1, 1), date(2024, 12, 31)


def countries() -> list[tuple[str, int, float]]:
    """(UCDP name, country id, weight): a few countries hold most events."""
    names = ["Afghanistan", "Syria", "DR Congo (Zaire)", "Myanmar (Burma)", "Sudan", "Ukraine"]
    names += ["Somalia", "Nigeria", "Iraq", "Mali", "Yemen (North Yemen)", "Mexico"]
    names += [f"Country {i}" for i in range(48)]
    return [(name, 100 + i, 1 / (i + 1)) for i, name in enumerate(names)]


def write_file(path: Path, rows: int, seed: int = 1, first_id: int = 1) -> None:
    from events.ged import COLUMNS

    rng = random.Random(seed)
    places = countries()
    weights = [w for _, _, w in places]
    span = (LAST - FIRST).days
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for n in range(rows):
            name, cid, _ = rng.choices(places, weights)[0]
            start = FIRST + timedelta(days=rng.randrange(span))
            end = start + timedelta(days=rng.choice((0, 0, 0, 1, 3)))
            a, b, c = rng.randrange(0, 30), rng.randrange(0, 30), rng.randrange(0, 10)
            best = a + b + c
            row = dict.fromkeys(COLUMNS, "")
            row |= {
                "id": f"{first_id + n}.0" if n % 10 == 0 else str(first_id + n),
                "relid": f"X-{start.year}-1-{n}",
                "year": str(start.year),
                "active_year": "1",
                "code_status": "Clear",
                "type_of_violence": str(rng.choice((1, 1, 2, 3))),
                "conflict_new_id": str(rng.randrange(200, 15000)),
                "conflict_name": f"{name}: Government",
                "dyad_new_id": str(rng.randrange(200, 15000)),
                "dyad_name": f"Government of {name} - Rebels",
                "side_a": f"Government of {name}",
                "side_b": "Rebels",
                "number_of_sources": str(rng.randrange(1, 6)),
                "source_article": 'Agency,"A town, its district",2024\nSecond source',
                "where_prec": str(rng.randrange(1, 7)),
                "where_description": f"Town {n % 997}, district {n % 31}",
                "adm_1": f"Province {n % 17}",
                "latitude": f"{rng.uniform(-40, 50):.4f}",
                "longitude": f"{rng.uniform(-100, 120):.4f}",
                "country": name,
                "country_id": str(cid),
                "region": "Africa",
                "event_clarity": "1",
                "date_prec": "1",
                "date_start": f"{start} 00:00:00.000",
                "date_end": f"{end} 00:00:00.000",
                "deaths_a": str(a),
                "deaths_b": str(b),
                "deaths_civilians": str(c),
                "deaths_unknown": "0",
                "best": str(best),
                "low": str(max(best - 3, 0)),
                "high": str(best + 7),
            }
            writer.writerow([row[column] for column in COLUMNS])


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_file(user, path: Path, name: str):
    from django.core.files import File

    from events.services import event_import_start

    started = time.monotonic()
    with path.open("rb") as stream:
        run = event_import_start(user=user, upload=File(stream, name=path.name), name=name)
    seconds = time.monotonic() - started
    run.refresh_from_db()
    assert run.state == "succeeded", run.error
    return run, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    pg = PostgresServer(settings=("shared_buffers=512MB",)).start()
    work = Path(tempfile.mkdtemp(prefix="envoy-ged-bench-"))
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        {
            "DATABASE_URL": pg.url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "DEBUG": "0",
            "MEDIA_ROOT": str(work / "media"),
            "EVENT_IMPORT_MAX_BYTES": str(4 * 1024**3),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from accounts.services import user_set_level
        from events.models import CountryMapping, Event, EventDataset
        from events.selectors import event_suggestion

        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create(username="bench-curator")
        user_set_level(user, "curator")

        path = work / "GEDEvent_bench.csv"
        started = time.monotonic()
        write_file(path, args.rows)
        size_mib = path.stat().st_size / 1024**2
        print(f"wrote {args.rows:,} rows ({size_mib:.0f} MiB) in {time.monotonic() - started:.0f}s")

        rss_before = peak_rss_mib()
        run, seconds = import_file(user, path, "Bench GED 1")
        rss_growth = peak_rss_mib() - rss_before
        fresh = {
            "rows": run.result["rows"],
            "created": run.result["created"],
            "seconds": round(seconds, 1),
            "rows_per_s": round(run.result["rows"] / seconds),
            "peak_rss_growth_mib": round(rss_growth, 1),
        }
        print("fresh import:", fresh)
        run, seconds = import_file(user, path, "Bench GED 1")
        again = {
            "unchanged": run.result["unchanged"],
            "seconds": round(seconds, 1),
            "rows_per_s": round(run.result["rows"] / seconds),
        }
        print("same file again:", again)

        Event.objects.all().delete()
        EventDataset.objects.all().delete()
        tracemalloc.start()
        run, seconds = import_file(user, path, "Bench GED 1")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        traced = {"peak_python_mib": round(peak / 1024**2, 1), "seconds": round(seconds, 1)}
        print("fresh import under tracemalloc:", traced)

        rng = random.Random(7)
        names = list(CountryMapping.objects.values_list("envoy_name", flat=True))
        span = (LAST - FIRST).days
        for _ in range(20):  # warm the connection and caches
            event_suggestion(
                rng.choice(names), FIRST + timedelta(days=200 + rng.randrange(span - 200))
            )
        timings = []
        for _ in range(args.queries):
            country = rng.choice(names)
            day = FIRST + timedelta(days=200 + rng.randrange(span - 200))
            started = time.perf_counter()
            event_suggestion(country, day)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        suggestion = {
            "queries": args.queries,
            "events": Event.objects.count(),
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2),
            "max_ms": round(timings[-1], 2),
        }
        print("suggestion:", suggestion)
        out_dir = PROJECT / "bench" / "results"
        out_dir.mkdir(exist_ok=True)
        (out_dir / "ged.json").write_text(
            json.dumps(
                {"file_mib": round(size_mib), "import": fresh, "again": again}
                | {"tracemalloc": traced, "suggestion": suggestion},
                indent=2,
            )
        )
    finally:
        pg.stop()


if __name__ == "__main__":
    main()

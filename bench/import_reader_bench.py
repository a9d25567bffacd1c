"""Benchmark of the import reader: the time to read a file as an import does (a pass that
counts the rows, then the pass that reads them), against the file's size.

1. One long JSON Lines row, `{"country": "aaaa…"}`, of 12.5, 25, 50 and 100 MB (the largest
   upload allowed): the reader must refuse it, in time that grows with its size.
2. Normal files of N valid rows, as JSON Lines, a JSON array and CSV.

Each case is read by the reader of this checkout ("now") and, with --before REV, by the one
of that revision too (its `recommendations/imports/services.py`, taken from git), in the
same process, one after the other, on the same files.

Run: DEBUG=1 .venv/bin/python bench/import_reader_bench.py [--before main] [--rows 10000]
     [--sizes 12.5,25,50,100] [--before-up-to 100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.files import File  # noqa: E402

import recommendations.imports.services as now  # noqa: E402
from tests.imports import csv_bytes, json_bytes, row  # noqa: E402

MB = 1024 * 1024


def module_at(revision: str) -> types.ModuleType:
    """The import service as it was at a git revision, loaded beside today's."""
    source = subprocess.run(
        ["git", "show", f"{revision}:recommendations/imports/services.py"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"services_at_{revision}")
    module.__file__ = f"<{revision}>"
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 (our own code)
    return module


def read_as_a_run(module: types.ModuleType, path: Path, kind: str) -> tuple[float, int, int]:
    """Seconds to count and then read the file's rows, the rows, and the rejected ones."""
    counting: Callable = module.read_rows
    started = time.perf_counter()
    with File(path.open("rb")) as stream:
        if "parse" in counting.__code__.co_varnames:
            total = sum(1 for _ in counting(stream, kind, parse=False))
        else:
            total = sum(1 for _ in counting(stream, kind))
    with File(path.open("rb")) as stream:
        rows = list(module.read_rows(stream, kind))
    elapsed = time.perf_counter() - started
    assert total == len(rows)
    return elapsed, len(rows), sum(1 for _, item, _ in rows if item is None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision whose reader to time too")
    parser.add_argument("--sizes", default="12.5,25,50,100", help="long-line sizes in MB")
    parser.add_argument("--before-up-to", type=float, default=100, help="MB, for --before")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    readers = [("now", now)]
    if args.before:
        readers.append((args.before, module_at(args.before)))

    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'file':<34} {'reader':<8} {'seconds':>9} {'rows':>7} {'refused':>8}")
        for size in (float(s) for s in args.sizes.split(",")):
            path = Path(scratch) / "long.jsonl"
            prefix, suffix = b'{"country": "', b'"}\n'
            with path.open("wb") as out:
                out.write(prefix + b"a" * (int(size * MB) - len(prefix) - len(suffix)) + suffix)
            for name, module in readers:
                if name != "now" and size > args.before_up_to:
                    continue
                seconds, rows, refused = read_as_a_run(module, path, "json")
                label = f"one line of {size:g} MB (JSONL)"
                print(f"{label:<34} {name:<8} {seconds:>9.2f} {rows:>7} {refused:>8}", flush=True)
        good = [row(country=f"Country {n % 50}", key=f"k-{n}") for n in range(args.rows)]
        files = {
            "rows.jsonl": (json_bytes(good, lines=True), "json"),
            "rows.json": (json.dumps(good, indent=1).encode(), "json"),
            "rows.csv": (csv_bytes(good), "csv"),
        }
        for filename, (content, kind) in files.items():
            path = Path(scratch) / filename
            path.write_bytes(content)
            for name, module in readers:
                seconds, rows, refused = read_as_a_run(module, path, kind)
                label = f"{args.rows:,} rows, {len(content) / MB:.1f} MB ({filename})"
                print(f"{label:<34} {name:<8} {seconds:>9.2f} {rows:>7} {refused:>8}", flush=True)


if __name__ == "__main__":
    main()

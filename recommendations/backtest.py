"""Backtest: run every case snapshot through a ruleset and compare with the sources' phase."""

from __future__ import annotations

from dataclasses import dataclass

from cases.models import CaseSnapshot

from .engine import evaluate
from .models import RuleSet
from .rulesets import ruleset_active, ruleset_compile
from .services import facts_of


@dataclass(frozen=True)
class BacktestRow:
    case: str
    date: str
    expected: str
    got: str

    @property
    def agrees(self) -> bool:
        return self.expected == self.got


@dataclass(frozen=True)
class BacktestReport:
    version: int
    rows: tuple[BacktestRow, ...]

    @property
    def agreed(self) -> int:
        return sum(row.agrees for row in self.rows)

    @property
    def agreement(self) -> float:
        return self.agreed / len(self.rows) if self.rows else 1.0


def phase_label(phase: str, track: str | None) -> str:
    return f"{phase}/{track}" if track else phase


def backtest(ruleset: RuleSet | None = None) -> BacktestReport:
    """Evaluate each case snapshot; a row agrees when phase and track match the sources'."""
    ruleset = ruleset or ruleset_active()
    compiled = ruleset_compile(ruleset)
    rows = []
    for snapshot in CaseSnapshot.objects.select_related("case", "phase").order_by(
        "case__slug", "date"
    ):
        result = evaluate(compiled, facts_of({**snapshot.input}))
        rows.append(
            BacktestRow(
                case=snapshot.case.slug,
                date=snapshot.date.isoformat(),
                expected=phase_label(snapshot.phase.slug, snapshot.track or None),
                got=phase_label(result.phase, result.track),
            )
        )
    return BacktestReport(version=ruleset.version, rows=tuple(rows))

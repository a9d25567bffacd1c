"""Backtest: run every case snapshot through a ruleset and compare with what the case records.

Two comparisons:
- phase: each snapshot's phase and track against the phase the sources give it;
- recommendations: each case's coded roles, the mission models of its missions and the
  organizations that acted in it, against what the rules recommend at any of its snapshots
  (an organization counts as a lead or a partner). A coded item no snapshot reproduces is a
  miss; a miss the case data explains (`Case.unreproduced`: kind, slug, why) is an explained
  miss, the others are unexplained.

One equivalence comes from the contract itself: where a regional office is already in place,
the rules recommend using it (the role `regional_office_good_offices`) rather than a new one,
so that role reproduces a case's `regional_office` model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cases.models import Case, CaseSnapshot
from contract.choices import phase_key
from contract.fields import facts_of
from recommendations.engine import Result, evaluate
from recommendations.models import RuleSet
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile

# What a case codes, by kind, and the lists of a result that can reproduce it.
CODED_KINDS = {
    "role": ("roles",),
    "mission_model": ("mission_models",),
    "organization": ("lead_organizations", "partner_organizations"),
}
KIND_LABELS = {"role": "roles", "mission_model": "mission models", "organization": "organizations"}
# A recommended item that reproduces a coded item of another kind (see the module docstring).
REPRODUCES = {("role", "regional_office_good_offices"): ("mission_model", "regional_office")}


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
class CaseCoverage:
    """One case: what it codes and what of it the rules reproduce at some snapshot."""

    case: str
    coded: Mapping[str, frozenset[str]]
    reproduced: Mapping[str, frozenset[str]]
    explained: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def misses(self, kind: str) -> list[str]:
        return sorted(self.coded[kind] - self.reproduced[kind])

    def unexplained(self) -> list[tuple[str, str]]:
        return [
            (kind, slug)
            for kind in CODED_KINDS
            for slug in self.misses(kind)
            if (kind, slug) not in self.explained
        ]


@dataclass(frozen=True)
class Tally:
    coded: int
    reproduced: int

    @property
    def share(self) -> float:
        return self.reproduced / self.coded if self.coded else 1.0

    def as_dict(self) -> dict[str, int]:
        return {"coded": self.coded, "reproduced": self.reproduced}


@dataclass(frozen=True)
class BacktestReport:
    version: int
    rows: tuple[BacktestRow, ...]
    cases: tuple[CaseCoverage, ...] = ()

    @property
    def agreed(self) -> int:
        return sum(row.agrees for row in self.rows)

    @property
    def agreement(self) -> float:
        return self.agreed / len(self.rows) if self.rows else 1.0

    def tally(self, *kinds: str) -> Tally:
        """Coded items of these kinds, and how many the rules reproduce."""
        coded = sum(len(c.coded[k]) for c in self.cases for k in kinds)
        reproduced = sum(len(c.coded[k] & c.reproduced[k]) for c in self.cases for k in kinds)
        return Tally(coded, reproduced)

    def unexplained(self) -> list[tuple[str, str, str]]:
        return [(c.case, kind, slug) for c in self.cases for kind, slug in c.unexplained()]


def case_coding() -> dict[str, tuple[dict[str, frozenset[str]], dict[tuple[str, str], str]]]:
    """Each case's coded roles, mission models (of its missions) and organizations, and the
    misses its data explains."""
    coding = {}
    for case in Case.objects.prefetch_related("roles", "organizations", "missions__mission_model"):
        coded = {
            "role": frozenset(r.slug for r in case.roles.all()),
            "mission_model": frozenset(
                m.mission_model.slug for m in case.missions.all() if m.mission_model
            ),
            "organization": frozenset(o.slug for o in case.organizations.all()),
        }
        explained = {(m["kind"], m["slug"]): m["why"] for m in case.unreproduced or []}
        coding[case.slug] = (coded, explained)
    return coding


def coverage(
    results: Mapping[str, Iterable[Result]],
    coding: Mapping[str, tuple[dict[str, frozenset[str]], dict[tuple[str, str], str]]],
) -> tuple[CaseCoverage, ...]:
    """Per case, what its snapshots' results reproduce of its coding."""
    out = []
    for slug, (coded, explained) in sorted(coding.items()):
        seen: dict[str, set[str]] = defaultdict(set)
        for result in results.get(slug, ()):
            for kind, lists in CODED_KINDS.items():
                for key in lists:
                    seen[kind].update(item.slug for item in getattr(result, key))
        for (kind, item), (other, coded_as) in REPRODUCES.items():
            if item in seen[kind]:
                seen[other].add(coded_as)
        reproduced = {kind: frozenset(seen[kind]) for kind in CODED_KINDS}
        out.append(CaseCoverage(slug, coded, reproduced, explained))
    return tuple(out)


def backtest(ruleset: RuleSet | None = None) -> BacktestReport:
    """Evaluate each case snapshot; compare phases and the cases' coded recommendations."""
    ruleset = ruleset or ruleset_active()
    compiled = ruleset_compile(ruleset)
    rows = []
    results: dict[str, list[Result]] = defaultdict(list)
    for snapshot in CaseSnapshot.objects.select_related("case", "phase").order_by(
        "case__slug", "date"
    ):
        result = evaluate(compiled, facts_of(snapshot.input), explain=False)
        results[snapshot.case.slug].append(result)
        rows.append(
            BacktestRow(
                case=snapshot.case.slug,
                date=snapshot.date.isoformat(),
                expected=phase_key(snapshot.phase.slug, snapshot.track or None),
                got=phase_key(result.phase, result.track),
            )
        )
    return BacktestReport(
        version=ruleset.version, rows=tuple(rows), cases=coverage(results, case_coding())
    )

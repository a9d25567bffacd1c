"""Ruleset governance: impact dry-runs of a draft against the active rules, and activation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import OuterRef, Subquery

from accounts.levels import CURATOR, require_level
from cases.models import CaseSnapshot
from contract.choices import phase_key
from contract.errors import NotAllowed
from contract.fields import facts_of
from recommendations.engine import evaluate
from recommendations.engine.facts import OUTPUT_LISTS
from recommendations.models import Assessment, RuleSet, Situation, TaskRun
from recommendations.rulesets.backtest import (
    CODED_KINDS,
    BacktestReport,
    case_coding,
    coverage,
)
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile
from recommendations.taskruns.services import DRY_RUN, progress_reporter, run_execute, task_enqueue

COMPARED = list(OUTPUT_LISTS)
PROGRESS_EVERY = 25


def _outcome(compiled, facts, results: list | None = None) -> dict[str, Any]:
    result = evaluate(compiled, facts, explain=False)
    if results is not None:
        results.append(result)
    return {
        "phase": phase_key(result.phase, result.track),
        **{key: [item.slug for item in getattr(result, key)] for key in COMPARED},
    }


def _difference(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any] | None:
    changes: dict[str, Any] = {}
    if before["phase"] != after["phase"]:
        changes["phase"] = [before["phase"], after["phase"]]
    for key in COMPARED:
        added = [s for s in after[key] if s not in before[key]]
        removed = [s for s in before[key] if s not in after[key]]
        if added or removed:
            changes[key] = {"added": added, "removed": removed}
    return changes or None


def ruleset_impact(
    baseline: RuleSet,
    candidate: RuleSet,
    situations_of: User,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> dict[str, Any]:
    """Evaluate every case snapshot and the latest assessment of every situation (of the
    user's teams) under both rulesets; report what changes and the backtest agreement."""
    old, new = ruleset_compile(baseline), ruleset_compile(candidate)
    snapshots = list(
        CaseSnapshot.objects.select_related("case", "phase").order_by("case__slug", "date")
    )
    newest = Assessment.objects.filter(situation=OuterRef("pk")).order_by("-created", "-id")
    latest_ids = (
        Situation.objects.visible_to(situations_of)
        .annotate(latest=Subquery(newest.values("pk")[:1]))
        .values("latest")
    )
    latest = list(Assessment.objects.filter(pk__in=latest_ids).select_related("situation"))
    total = len(snapshots) + len(latest)
    changes, agree = [], {"baseline": 0, "candidate": 0}
    results: dict[str, dict[str, list]] = {side: defaultdict(list) for side in agree}
    done = 0
    for snapshot in snapshots:
        facts = facts_of(snapshot.input)
        case = snapshot.case.slug
        before = _outcome(old, facts, results["baseline"][case])
        after = _outcome(new, facts, results["candidate"][case])
        expected = phase_key(snapshot.phase.slug, snapshot.track or None)
        agree["baseline"] += before["phase"] == expected
        agree["candidate"] += after["phase"] == expected
        diff = _difference(before, after)
        if diff:
            changes.append(
                {
                    "kind": "case",
                    "key": snapshot.case.slug,
                    "label": f"{snapshot.case.title} ({snapshot.date})",
                    **diff,
                }
            )
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    for assessment in latest:
        diff = _difference(*(_outcome(c, facts_of(assessment.input)) for c in (old, new)))
        if diff:
            changes.append(
                {
                    "kind": "situation",
                    "key": assessment.situation_id,
                    "label": assessment.situation.country,
                    **diff,
                }
            )
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, total)
    coding = case_coding()
    return {
        "baseline": baseline.version,
        "candidate": candidate.version,
        "evaluated": {"case_snapshots": len(snapshots), "situations": len(latest)},
        "backtest": {
            "snapshots": len(snapshots),
            "baseline_agreement": agree["baseline"],
            "candidate_agreement": agree["candidate"],
            "recommendations": {
                side: _coverage_summary(coverage(results[side], coding)) for side in results
            },
        },
        "phase_changes": sum("phase" in c for c in changes),
        "changes": changes,
    }


def _coverage_summary(cases) -> dict[str, Any]:
    """How much of what the cases record the rules reproduce (see `backtest`)."""
    report = BacktestReport(version=0, rows=(), cases=cases)
    return {
        "roles_and_models": report.tally("role", "mission_model").as_dict(),
        **{kind: report.tally(kind).as_dict() for kind in CODED_KINDS},
        "unexplained_misses": [
            {"case": case, "kind": kind, "slug": slug} for case, kind, slug in report.unexplained()
        ],
    }


def dry_run_start(*, user: User, candidate: RuleSet, baseline: RuleSet | None = None) -> TaskRun:
    """Record a dry-run and queue it once recorded; TaskQueueUnavailable if the queue is down."""

    require_level(user, CURATOR, "run a ruleset dry-run")
    baseline = baseline or ruleset_active()
    with transaction.atomic():
        run = TaskRun.objects.create(
            kind=TaskRun.Kind.DRY_RUN,
            created_by=user,
            params={"baseline": baseline.version, "candidate": candidate.version},
        )
        task_enqueue(run, DRY_RUN, "dry-run")
    run.refresh_from_db()
    return run


def dry_run_execute(run_id: str) -> None:
    """Carry out a queued dry-run; running it again after it succeeded changes nothing."""

    def work(run: TaskRun) -> dict[str, Any]:
        if run.created_by is None:  # whose teams' situations to read: the account is gone
            raise NotAllowed("The curator who started this dry-run no longer has an account.")
        return ruleset_impact(
            RuleSet.objects.get(version=run.params["baseline"]),
            RuleSet.objects.get(version=run.params["candidate"]),
            run.created_by,
            progress_reporter(run.pk),
        )

    run_execute(run_id, work)

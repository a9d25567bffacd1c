"""Re-evaluation: each situation's latest assessment re-assessed under the active ruleset.

Existing assessments keep the ruleset they were made with; a re-evaluation adds a new
assessment (same input, `reevaluation_of` the old one) made under the active ruleset.

Steps:
1. `reevaluation_start` records the run for the user's teams and queues the planner on commit.
2. The planner (`reevaluation_plan`) lists the latest assessment of every situation of those
   teams made under another ruleset, records the total, and queues one chunk task per
   CHUNK_SIZE assessments, so that every worker process takes a share.
3. Each chunk (`reevaluation_chunk`) evaluates its inputs outside any transaction, then in one
   transaction leaves out assessments already re-evaluated under the ruleset (a chunk
   delivered twice), stores the new ones and adds them to `done`; the run's row is locked
   only for that count, so chunks write side by side. The chunk that completes the count
   finishes the run with its report. A chunk killed halfway stores nothing; its redelivery
   does the work once, which the unique (reevaluation_of, ruleset) constraint also guarantees.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from accounts.levels import CURATOR, require_level
from accounts.models import Team
from core.reference_cache import pinned
from recommendations.assessments.audit import log_assessments_created
from recommendations.assessments.events import assessments_announce
from recommendations.assessments.services import assessment_outcome
from recommendations.engine import ContractError
from recommendations.models import Assessment, RuleSet, Situation, TaskRun
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile
from recommendations.taskruns.services import (
    REEVALUATE,
    REEVALUATE_CHUNK,
    run_execute,
    task_enqueue,
    task_named,
)

CHUNK_SIZE = 500


def reevaluation_start(*, user: User, ruleset: RuleSet | None = None) -> TaskRun:
    """Queue the re-evaluation of the user's teams' situations under the active ruleset."""

    require_level(user, CURATOR, "re-evaluate situations")
    active = ruleset_active()
    if ruleset is not None and ruleset.pk != active.pk:
        raise ContractError(
            {"ruleset": [f"Only the active ruleset (v{active.version}) can re-evaluate."]}
        )
    ruleset = active
    teams = _teams_of(user)
    with transaction.atomic():
        run = TaskRun.objects.create(
            kind=TaskRun.Kind.REEVALUATE,
            created_by=user,
            params={"ruleset": ruleset.version, "teams": teams},
        )
        task_enqueue(run, REEVALUATE, "re-evaluation")
    run.refresh_from_db()
    return run


def _teams_of(user: User) -> list[int]:
    return list(Team.objects.filter(memberships__user=user).values_list("pk", flat=True))


def reevaluation_pending(user: User) -> tuple[RuleSet, int]:
    """The active ruleset, and how many of the user's teams' situations a re-evaluation
    would re-assess now: those whose latest assessment was made under another ruleset."""
    active = ruleset_active()
    return active, len(reevaluation_targets(_teams_of(user), active))


def reevaluation_targets(teams: list[int], ruleset: RuleSet) -> list[int]:
    """Ids of the latest assessment of each of the teams' situations, where that assessment
    was made under another ruleset."""
    newest = Assessment.objects.filter(situation=OuterRef("pk")).order_by("-created", "-id")
    latest = (
        Situation.objects.filter(team__in=teams)
        .annotate(latest=Subquery(newest.values("pk")[:1]))
        .values("latest")
    )
    return list(
        Assessment.objects.filter(pk__in=latest)
        .exclude(ruleset=ruleset)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def reevaluation_plan(run_id: str) -> None:
    """Step 2: count the work and queue the chunks."""

    def work(run: TaskRun) -> dict[str, Any] | None:
        ruleset = RuleSet.objects.get(version=run.params["ruleset"])
        targets = reevaluation_targets(run.params["teams"], ruleset)
        if not targets:
            return _report(ruleset, 0, 0)
        TaskRun.objects.filter(pk=run.pk, done=0).update(total=len(targets))
        for start in range(0, len(targets), CHUNK_SIZE):
            task_named(REEVALUATE_CHUNK).delay(str(run.pk), targets[start : start + CHUNK_SIZE])
        return None  # the last chunk finishes the run

    run_execute(run_id, work)


def _report(ruleset: RuleSet, reassessed: int, phase_changes: int) -> dict[str, Any]:
    return {"ruleset": ruleset.version, "reassessed": reassessed, "phase_changes": phase_changes}


def reevaluation_chunk(run_id: str, assessment_ids: list[int]) -> int:
    """Step 3: re-assess these assessments; returns how many were stored by this call."""
    run = TaskRun.objects.get(pk=run_id)
    if run.state != TaskRun.State.RUNNING:
        return 0
    ruleset = RuleSet.objects.get(version=run.params["ruleset"])
    compiled = ruleset_compile(ruleset)
    olds = list(
        Assessment.objects.filter(pk__in=assessment_ids)
        .exclude(reevaluations__ruleset=ruleset)
        .only("id", "situation_id", "input", "phase_id", "track")  # not the old results
    )
    before = {old.pk: (old.phase_id, old.track) for old in olds}
    with pinned(pause_collector=True):  # a chunk is bounded: CHUNK_SIZE assessments
        fresh = [
            Assessment(
                situation_id=old.situation_id,
                input=old.input,
                created_by=run.created_by,
                ruleset=ruleset,
                reevaluation_of_id=old.pk,
                **assessment_outcome(compiled, old.input),
            )
            for old in olds
        ]
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                stored = _store(run, ruleset, fresh, before)
            return stored
        except IntegrityError:
            # The same chunk, delivered twice, ran alongside this one: look again, once.
            if attempt == 2:
                raise
    return 0


def _store(
    run: TaskRun, ruleset: RuleSet, fresh: list[Assessment], before: dict[int, tuple[int, str]]
) -> int:
    """Store the re-assessments not stored yet and count them in; the run's row is locked
    only for the count, after the insert, so chunks write side by side."""
    done_already = set(
        Assessment.objects.filter(
            reevaluation_of__in=[a.reevaluation_of_id for a in fresh], ruleset=ruleset
        ).values_list("reevaluation_of_id", flat=True)
    )
    fresh = [a for a in fresh if a.reevaluation_of_id not in done_already]
    Assessment.objects.bulk_create(fresh, batch_size=CHUNK_SIZE)
    log_assessments_created(fresh, actor_id=run.created_by_id, cid=str(run.pk))
    assessments_announce(fresh)  # webhook events, sent once this commits
    changed = sum(
        (a.phase.pk, a.track) != before[old_id]
        for a in fresh
        if (old_id := a.reevaluation_of_id) is not None  # each names the assessment it redoes
    )
    runs = TaskRun.objects.filter(pk=run.pk)
    # locks the row until this transaction ends
    runs.update(done=F("done") + len(fresh), heartbeat=timezone.now())
    run = runs.get()
    so_far = run.result or _report(ruleset, 0, 0)
    report = _report(ruleset, so_far["reassessed"] + len(fresh), so_far["phase_changes"] + changed)
    if run.done >= run.total:
        runs.update(result=report, state=TaskRun.State.SUCCEEDED, finished=timezone.now())
    else:
        runs.update(result=report)
    return len(fresh)

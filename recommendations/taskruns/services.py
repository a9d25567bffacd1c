"""Background work as TaskRun rows: queued when the transaction that records them commits,
carried out by Celery tasks that take the run's id, and reporting progress as they go."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from auditlog.context import set_actor
from celery import current_app
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from contract.errors import EnvoyError, Locked, Unavailable
from core.audit import correlated
from core.text import storable_text
from recommendations.models import TaskRun

log = logging.getLogger(__name__)

# Errors worth a retry of the whole task (with backoff): the database went away for a moment.
TRANSIENT = (OperationalError, InterfaceError)
# What a run that failed on an error Envoy did not expect records; the log has the details.
UNEXPECTED = (
    "The task stopped on an unexpected error. What it stored before stays stored; the "
    "details are in the server's log under the task's id."
)


class TaskQueueUnavailable(Unavailable):
    """The task queue (Redis) cannot be reached: the work was not started."""


class NotResumable(Locked):
    """The task is not interrupted: it runs, or has finished."""


def _fail(run_id: Any, error: str) -> None:
    TaskRun.objects.filter(pk=run_id).update(
        state=TaskRun.State.FAILED, error=storable_text(error)[:2000], finished=timezone.now()
    )


# The names of the Celery tasks (recommendations/tasks.py). A name is fixed, wherever the
# task's code lives, so moving a module never strands a queued task; services start tasks by
# name, so they never import the tasks module (which imports them).
DRY_RUN = "recommendations.tasks.ruleset_dry_run"
REEVALUATE = "recommendations.tasks.situations_reevaluate"
REEVALUATE_CHUNK = "recommendations.tasks.reevaluate_chunk"
IMPORT = "recommendations.tasks.assessments_import"
FLAG_STALE = "recommendations.tasks.flag_stale_situations"


def task_named(name: str) -> Any:
    """The registered Celery task of that name (the app finds the tasks modules itself)."""
    return current_app.tasks[name]


def task_enqueue(run: TaskRun, task: str, what: str) -> None:
    """Queue the task named `task` for `run.id` when the current transaction commits (at once
    outside one).

    If the broker cannot be reached, the run is marked failed and TaskQueueUnavailable is
    raised, so the caller can answer 503 rather than leave a run that never starts.
    """

    def send() -> None:
        try:
            task_named(task).apply_async(args=[str(run.pk)], task_id=str(run.pk))
        except (BrokerError, OSError) as exc:
            _fail(run.pk, f"Not queued: {exc}")
            raise TaskQueueUnavailable(
                f"The task queue is unavailable, so the {what} could not start. Assessments "
                "still work; try again in a few minutes."
            ) from exc

    transaction.on_commit(send, robust=False)


def progress_reporter(run_id: Any) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        TaskRun.objects.filter(pk=run_id).update(done=done, total=total, heartbeat=timezone.now())

    return progress


def run_execute(run_id: str, work: Callable[[TaskRun], dict[str, Any] | None]) -> None:
    """Carry out a queued run with `work(run)`, which returns the report (or None when it
    finishes the run itself). A run that already succeeded is left alone, so a task delivered
    twice does its work once. Transient database errors propagate, for Celery to retry. A
    refusal (EnvoyError) fails the run with its message; any other error fails it with a
    generic one, never the error's own text (which may quote SQL and other rows' data): the
    log keeps that and the traceback."""
    run = TaskRun.objects.filter(pk=run_id).first()
    if run is None or run.state == TaskRun.State.SUCCEEDED:
        return
    TaskRun.objects.filter(pk=run.pk).update(
        state=TaskRun.State.RUNNING, error="", heartbeat=timezone.now()
    )
    try:
        # The audit trail names who started the task, and the task, for each change it makes.
        with set_actor(run.created_by), correlated(str(run.pk)):
            report = work(run)
    except TRANSIENT:
        raise
    except EnvoyError as exc:
        log.info("Task run %s refused: %s", run_id, exc)
        _fail(run.pk, str(exc) or exc.__class__.__name__)
        return
    except Exception:
        log.exception("Task run %s failed", run_id)
        _fail(run.pk, UNEXPECTED)
        return
    if report is not None:
        run_finish(run.pk, report)


def run_resume(run: TaskRun, task: str, what: str) -> None:
    """Queue an interrupted run again, to carry on where it stopped; NotResumable for a run
    that is not interrupted."""
    if not run.interrupted:
        raise NotResumable(f"This {what} is not interrupted, so there is nothing to resume.")
    with transaction.atomic():
        TaskRun.objects.filter(pk=run.pk).update(
            state=TaskRun.State.PENDING, error="", heartbeat=timezone.now()
        )
        task_enqueue(run, task, what)


def run_finish(run_id: Any, report: dict[str, Any]) -> None:
    TaskRun.objects.filter(pk=run_id).update(
        state=TaskRun.State.SUCCEEDED, result=report, finished=timezone.now()
    )

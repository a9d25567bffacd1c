"""Celery tasks: each has a fixed name (see `taskruns.services`), takes an id and calls a
service; retried with backoff when the database connection drops, acknowledged late (so a
task whose worker dies is delivered again), and bounded by time limits from the settings."""

from typing import TypedDict

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from recommendations.assessments.reevaluation import reevaluation_chunk, reevaluation_plan
from recommendations.assessments.services import situations_flag_stale
from recommendations.imports.services import import_execute
from recommendations.rulesets.impact import dry_run_execute
from recommendations.taskruns.services import (
    DRY_RUN,
    FLAG_STALE,
    IMPORT,
    REEVALUATE,
    REEVALUATE_CHUNK,
)


class Reliable(TypedDict):
    acks_late: bool
    autoretry_for: tuple[type[BaseException], ...]
    retry_backoff: bool
    max_retries: int


class Long(TypedDict):
    soft_time_limit: int
    time_limit: int


RELIABLE: Reliable = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
}
LONG: Long = {
    "soft_time_limit": settings.CELERY_LONG_TASK_SOFT_TIME_LIMIT,
    "time_limit": settings.CELERY_LONG_TASK_SOFT_TIME_LIMIT + 60,
}


@shared_task(name=DRY_RUN, **RELIABLE)
def ruleset_dry_run(run_id: str) -> str:
    dry_run_execute(run_id)
    return run_id


@shared_task(name=REEVALUATE, **RELIABLE)
def situations_reevaluate(run_id: str) -> str:
    """Plan a re-evaluation: count the work and queue its chunks."""
    reevaluation_plan(run_id)
    return run_id


@shared_task(name=REEVALUATE_CHUNK, **RELIABLE)
def reevaluate_chunk(run_id: str, assessment_ids: list[int]) -> int:
    return reevaluation_chunk(run_id, assessment_ids)


@shared_task(name=IMPORT, **RELIABLE, **LONG)
def assessments_import(run_id: str) -> str:
    import_execute(run_id)
    return run_id


@shared_task(name=FLAG_STALE, **RELIABLE)
def flag_stale_situations() -> int:
    """Daily (celery beat): situations not reassessed for 90 days are due for review."""
    return situations_flag_stale()

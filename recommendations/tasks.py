"""Celery tasks: each takes an id and calls a service; retried with backoff on lost
connections, acknowledged late, bounded by the settings' time limits."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .governance import dry_run_execute
from .services import situations_flag_stale


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
)
def ruleset_dry_run(self, run_id: str) -> str:
    dry_run_execute(run_id)
    return run_id


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=True)
def flag_stale_situations() -> int:
    """Daily (celery beat): situations not reassessed for 90 days are due for review."""
    return situations_flag_stale()

"""The Celery task of event data: a fixed name (`events.services.EVENT_IMPORT`), an id, one
service; acknowledged late, retried with backoff when the database connection drops, and
bounded by the long tasks' time limits, as the imports of assessments are."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from events.services import EVENT_IMPORT, event_import_execute


@shared_task(
    name=EVENT_IMPORT,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=settings.CELERY_LONG_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_LONG_TASK_SOFT_TIME_LIMIT + 60,
)
def event_data_import(run_id: str) -> str:
    event_import_execute(run_id)
    return run_id

"""Celery tasks of webhooks: each has a fixed name (see `webhooks.services`) and calls a
service; retried with backoff when the database connection drops."""

from typing import TypedDict

from celery import shared_task
from django.db import InterfaceError, OperationalError

from webhooks.services import DELIVER, SWEEP, deliveries_sweep, delivery_attempt


class Reliable(TypedDict):
    acks_late: bool
    autoretry_for: tuple[type[BaseException], ...]
    retry_backoff: bool
    max_retries: int


RELIABLE: Reliable = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name=DELIVER, **RELIABLE)
def delivery_attempt_task(delivery_id: int) -> str:
    """One attempt of one delivery, if it is due."""
    delivery = delivery_attempt(delivery_id)
    return delivery.status if delivery else "not due"


@shared_task(name=SWEEP, **RELIABLE)
def deliveries_sweep_task() -> int:
    """Every WEBHOOKS_SWEEP_SECONDS (celery beat): queue the deliveries that are due."""
    return deliveries_sweep()

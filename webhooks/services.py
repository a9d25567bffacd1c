"""Webhooks: the one way endpoints are registered and changed, events emitted and delivered.

Other apps tell other tools what happened with `emit(team, event_type, data)`, inside the
transaction that made it happen: a delivery is recorded for each of the team's active
endpoints subscribed to the event, and each goes out from Celery once the transaction
commits (never, if it rolls back). Deliveries follow the Standard Webhooks specification
(headers `webhook-id`, `webhook-timestamp`, `webhook-signature`); a failed attempt is tried
again after the delays of RETRY_DELAYS (43 hours in all), then the delivery fails.
Steps of one attempt (`delivery_attempt`):
1. Claim the delivery: a pending one whose time has come gets its next attempt moved past
   the attempt's longest duration (LEASE), so a second copy of the task does nothing, and a
   worker that dies mid-attempt leaves it due again for the sweep.
2. Check the endpoint's URL again (`targets.target_of`) and sign the body with the
   endpoint's secrets (the previous one too while its grace period lasts).
3. POST it to the checked address (`sending.post`); record the answer: delivered on 2xx,
   otherwise the next attempt, or failed after the last one.
`deliveries_sweep` (every WEBHOOKS_SWEEP_SECONDS, from celery beat) queues every delivery
that is due, so nothing is lost when the queue was down or a worker restarted.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from standardwebhooks import Webhook

from accounts.levels import CURATOR, require_level
from accounts.models import Team
from contract.errors import InvalidInput, NotAllowed
from webhooks.events import EVENTS, TEST
from webhooks.models import Delivery, Endpoint
from webhooks.sending import Answer, post
from webhooks.targets import Target, TargetRefused, target_of

log = logging.getLogger(__name__)

# The names of the Celery tasks (webhooks/tasks.py), fixed wherever their code lives.
DELIVER = "webhooks.tasks.delivery_attempt"
SWEEP = "webhooks.tasks.deliveries_sweep"

# The wait after each failed attempt: 8 attempts over 43 h 12 min 30 s.
RETRY_DELAYS = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(hours=24),
)
ANSWER_CHARS = 1000  # of the last answer's body, kept on the delivery
SWEEP_BATCH = 1000


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after `attempts` failed attempts; None when that was the last."""
    return RETRY_DELAYS[attempts - 1] if 1 <= attempts <= len(RETRY_DELAYS) else None


def secret_new() -> str:
    """A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _check_target(url: str) -> Target:
    return target_of(url, allow_private=settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS)


def _clean_events(events: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(events))
    unknown = [e for e in chosen if e not in EVENTS]
    if unknown:
        raise InvalidInput({"events": [f"Unknown events: {', '.join(map(str, unknown))}."]})
    if not chosen:
        raise InvalidInput({"events": ["Choose at least one event."]})
    return [e for e in EVENTS if e in chosen]


def _require_curator_of(user: User, team: Team, action: str) -> None:
    require_level(user, CURATOR, action)
    if not user.is_superuser and not team.memberships.filter(user=user).exists():
        raise NotAllowed(f"Only curators of {team.name} may {action}.")


@transaction.atomic
def endpoint_create(
    *,
    user: User,
    team: Team,
    url: str,
    events: Iterable[str],
    description: str = "",
    active: bool = True,
) -> Endpoint:
    """Register an endpoint for the team, with a new secret (on the returned endpoint: show
    it once). Refuses (InvalidInput, per field) a URL that is no place for a webhook."""
    _require_curator_of(user, team, "register webhooks")
    url = url.strip()
    chosen = _clean_events(events)
    _check_target(url)
    return Endpoint.objects.create(
        team=team,
        url=url,
        events=chosen,
        description=description.strip(),
        active=active,
        secret=secret_new(),
        created_by=user,
    )


@transaction.atomic
def endpoint_update(
    *,
    user: User,
    endpoint: Endpoint,
    url: str | None = None,
    events: Iterable[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> Endpoint:
    """Change what was given; the secret stays. Switched off, an endpoint gets no new
    events, and its pending deliveries wait until it is switched on again."""
    _require_curator_of(user, endpoint.team, "change webhooks")
    if events is not None:
        endpoint.events = _clean_events(events)
    if url is not None:
        url = url.strip()
        _check_target(url)
        endpoint.url = url
    if description is not None:
        endpoint.description = description.strip()
    if active is not None:
        endpoint.active = active
    endpoint.save()
    return endpoint


def endpoint_delete(*, user: User, endpoint: Endpoint) -> None:
    """Delete the endpoint and its deliveries (pending ones are not sent)."""
    _require_curator_of(user, endpoint.team, "delete webhooks")
    endpoint.delete()


@transaction.atomic
def endpoint_secret_rotate(*, user: User, endpoint: Endpoint) -> Endpoint:
    """Give the endpoint a new secret (on the returned endpoint: show it once). The old one
    still signs deliveries, beside the new one, for WEBHOOKS_SECRET_GRACE_HOURS, so the
    receiver can switch without losing any."""
    _require_curator_of(user, endpoint.team, "rotate webhook secrets")
    now = timezone.now()
    grace = timedelta(hours=settings.WEBHOOKS_SECRET_GRACE_HOURS)
    if grace > timedelta(0):
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires = now + grace
    else:
        endpoint.previous_secret, endpoint.previous_secret_expires = "", None
    endpoint.secret = secret_new()
    endpoint.secret_rotated = now
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_send_test(*, user: User, endpoint: Endpoint) -> Delivery:
    """Queue a test event (`webhook.test`, marked `"test": true`) to this endpoint alone,
    whatever it subscribes to."""
    _require_curator_of(user, endpoint.team, "send test events")
    data = {
        "test": True,
        "team": endpoint.team.slug,
        "endpoint_id": endpoint.pk,
        "message": "A test event from Envoy: your endpoint receives and verifies its events.",
    }
    (delivery,) = _deliveries([(endpoint, TEST, data)], test=True)
    return delivery


@transaction.atomic
def delivery_retry(*, user: User, delivery: Delivery) -> Delivery:
    """Send a failed delivery again from now, with the whole retry schedule ahead."""
    _require_curator_of(user, delivery.endpoint.team, "send webhooks again")
    if delivery.status != Delivery.Status.FAILED:
        raise InvalidInput({"non_field_errors": ["Only a failed delivery can be sent again."]})
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING, attempts=0, next_attempt=timezone.now(), finished=None
    )
    _enqueue_on_commit([delivery.pk])
    delivery.refresh_from_db()
    return delivery


def listening_teams(team_ids: Iterable[int], event_types: Iterable[str] = EVENTS) -> set[int]:
    """Those of the teams with an active endpoint subscribed to one of the events."""
    wanted = set(event_types)
    endpoints = Endpoint.objects.filter(team_id__in=set(team_ids), active=True)
    return {
        team_id
        for team_id, events in endpoints.values_list("team_id", "events")
        if wanted & set(events)
    }


def emit(team: Team | int, event_type: str, data: dict[str, Any]) -> list[Delivery]:
    """Tell the team's endpoints subscribed to `event_type` that it happened, with `data`
    (plain JSON: ids, names, URLs). Call it inside the transaction that made it happen: the
    deliveries go out once it commits. Returns the deliveries recorded (none when no
    endpoint listens).

    The body each endpoint receives is `{"type": event_type, "timestamp": ..., "data": data}`.
    """
    return emit_many([(team.pk if isinstance(team, Team) else team, event_type, data)])


def emit_many(events: Iterable[tuple[int, str, dict[str, Any]]]) -> list[Delivery]:
    """`emit` for many events at once, as (team id, event type, data)."""
    events = list(events)
    for _team, event_type, _data in events:
        if event_type not in EVENTS:
            raise ValueError(f"Unknown webhook event {event_type!r}")
    by_team: dict[int, list[Endpoint]] = {}
    for endpoint in Endpoint.objects.filter(
        team_id__in={team for team, _, _ in events}, active=True
    ).select_related("team"):
        by_team.setdefault(endpoint.team_id, []).append(endpoint)
    wanted = [
        (endpoint, event_type, data)
        for team, event_type, data in events
        for endpoint in by_team.get(team, [])
        if event_type in endpoint.events
    ]
    return _deliveries(wanted) if wanted else []


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _deliveries(
    wanted: list[tuple[Endpoint, str, dict[str, Any]]], *, test: bool = False
) -> list[Delivery]:
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(
                endpoint=endpoint,
                event_type=event_type,
                msg_id=f"msg_{uuid.uuid4().hex}",
                payload={"type": event_type, "timestamp": _timestamp(now), "data": data},
                test=test,
                next_attempt=now,
            )
            for endpoint, event_type, data in wanted
        ]
    )
    _enqueue_on_commit([d.pk for d in deliveries])
    return deliveries


def _enqueue_on_commit(delivery_ids: list[int]) -> None:
    """Queue an attempt of each delivery once the transaction commits. A queue that cannot
    be reached leaves them pending: the sweep queues them when it is back."""

    def send() -> None:
        task = current_app.tasks[DELIVER]
        for delivery_id in delivery_ids:
            try:
                task.apply_async(args=(delivery_id,), retry=False)
            except (BrokerError, OSError) as exc:
                log.warning("Webhook deliveries left for the sweep: %s", exc)
                return

    transaction.on_commit(send, robust=True)


def body_of(delivery: Delivery) -> str:
    """The JSON body a delivery sends (the same for every attempt)."""
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))


def signing_secrets(endpoint: Endpoint, now: datetime) -> list[str]:
    """The endpoint's secrets that sign now: the current one, and the previous one during
    its grace period."""
    keys = [endpoint.secret]
    expires = endpoint.previous_secret_expires
    if endpoint.previous_secret and expires is not None and expires > now:
        keys.append(endpoint.previous_secret)
    return keys


def signed_headers(endpoint: Endpoint, msg_id: str, moment: datetime, body: str) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt: a signature per signing secret."""
    signature = " ".join(
        Webhook(key).sign(msg_id, moment, body) for key in signing_secrets(endpoint, moment)
    )
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": signature,
    }


def _lease() -> timedelta:
    return timedelta(seconds=settings.WEBHOOKS_CONNECT_TIMEOUT + settings.WEBHOOKS_TIMEOUT + 60)


def delivery_attempt(delivery_id: int) -> Delivery | None:
    """One attempt of a delivery whose time has come (steps above); None when it is not
    due (already delivered, given up, claimed by another attempt, or its endpoint is off)."""
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id,
        status=Delivery.Status.PENDING,
        next_attempt__lte=now,
        endpoint__active=True,
    ).update(next_attempt=now + _lease())
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    answer = _send(delivery)
    return _record(delivery, answer)


def _send(delivery: Delivery) -> Answer:
    try:
        target = _check_target(delivery.endpoint.url)
    except TargetRefused as exc:
        return Answer(None, error=f"Not sent: {exc}")
    body = body_of(delivery)
    moment = timezone.now()
    return post(
        target,
        body.encode("utf-8"),
        signed_headers(delivery.endpoint, delivery.msg_id, moment, body),
        connect_timeout=settings.WEBHOOKS_CONNECT_TIMEOUT,
        timeout=settings.WEBHOOKS_TIMEOUT,
    )


def _record(delivery: Delivery, answer: Answer) -> Delivery:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt = now
    delivery.last_status_code = answer.status
    delivery.last_answer = answer.excerpt[:ANSWER_CHARS]
    if answer.ok:
        delivery.last_error = ""
        delivery.status, delivery.next_attempt, delivery.finished = (
            Delivery.Status.DELIVERED,
            None,
            now,
        )
    else:
        delay = retry_delay(delivery.attempts)
        delivery.last_error = answer.error or _refused(answer.status)
        if delay is None:
            delivery.status, delivery.next_attempt, delivery.finished = (
                Delivery.Status.FAILED,
                None,
                now,
            )
        else:
            delivery.next_attempt = now + delay
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt",
            "last_status_code",
            "last_answer",
            "last_error",
            "status",
            "next_attempt",
            "finished",
        ]
    )
    return delivery


def _refused(status: int | None) -> str:
    if status is not None and 300 <= status < 400:
        return f"Answered {status}: redirects are not followed."
    return f"Answered {status}: only a 2xx answer counts as received."


def deliveries_sweep(limit: int = SWEEP_BATCH) -> int:
    """Queue an attempt of every pending delivery that is due (the oldest first, up to
    `limit`); returns how many were queued."""
    due = list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            next_attempt__lte=timezone.now(),
            endpoint__active=True,
        )
        .order_by("next_attempt")
        .values_list("pk", flat=True)[:limit]
    )
    task = current_app.tasks[DELIVER]
    for delivery_id in due:
        task.apply_async(args=(delivery_id,), retry=False)
    return len(due)

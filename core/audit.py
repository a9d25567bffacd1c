"""How the audit trail follows models, and how changes written in bulk are logged.

django-auditlog records every save and delete of a registered model (who, when, which fields
changed, from what to what) through model signals; each app registers its own models with
`track` when it is ready. Imports and re-evaluations insert rows in bulk, which sends no
signals, so they log them with `log_created`. Entries about a team's data carry the team in
`additional_data` (the model's `get_additional_data`, or `team_of` here), so that the trail
can be scoped to the teams a curator belongs to; the other models are shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from auditlog.cid import correlation_id, get_cid
from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

M = TypeVar("M", bound=Model)


def audited_models() -> list[type[Model]]:
    """The models the trail follows: each app registers its own (`track`) when it is ready."""
    models: list[type[Model]] = auditlog.get_models()
    return models


def track(
    model: type[Model], *left_out: str, fields: list[str] | None = None, **options: Any
) -> None:
    """Follow a model: its own columns (not reverse relations, generic relations or
    many-to-many, unless named in `m2m_fields`), but those `left_out`."""
    names = fields or [f.name for f in model._meta.concrete_fields if f.name not in left_out]
    auditlog.register(model, include_fields=names, **options)


def current_actor_id() -> int | None:
    """The user the request (or `auditlog.context.set_actor`) is acting for, if any."""
    try:
        actor = auditlog_value.get().get("actor")
    except LookupError:
        return None
    return getattr(actor, "pk", None) if actor else None


@contextmanager
def correlated(cid: str) -> Iterator[None]:
    """Every entry logged inside the block carries `cid` (a task's id) as correlation id."""
    token = correlation_id.set(cid)
    try:
        yield
    finally:
        correlation_id.reset(token)


def log_created(
    objects: Sequence[M],
    *,
    actor_id: int | None,
    describe: Callable[[M], str] = str,
    team_of: Callable[[M], int | None] | None = None,
    cid: str | None = None,
) -> None:
    """Log the creation of objects inserted with bulk_create (their primary keys set), in one
    more insert, with the fields and format the signals use; `describe` names each object
    without a query per object. The correlation id is `cid`, else that of the block
    (`correlated`)."""
    if not objects or auditlog_disabled.get():
        return
    content_type = ContentType.objects.get_for_model(objects[0])
    now, correlation = timezone.now(), cid or get_cid()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=describe(obj),
                action=LogEntry.Action.CREATE,
                changes=model_instance_diff(None, obj, use_json_for_changes=True),
                actor_id=actor_id,
                timestamp=now,
                cid=correlation,
                additional_data={"team": team_of(obj)} if team_of else None,
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def log_citations_created(citations: Sequence[Model]) -> None:
    log_created(citations, actor_id=current_actor_id())

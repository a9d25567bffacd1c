"""Reads of the audit trail, scoped like everything else: a curator sees the changes to the
shared library, rules and teams, and to the situations and assessments of their own teams."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from .tracking import audited_models


def audited_kinds() -> dict[str, type[Model]]:
    """The audited models by their short name (`situation`, `case`, `rule`...)."""
    return {model._meta.model_name: model for model in audited_models()}


def entries_visible_to(entries: QuerySet[LogEntry], user: AbstractBaseUser) -> QuerySet[LogEntry]:
    """Entries of shared things, and of the user's teams' situations and assessments."""
    if user.is_superuser:
        return entries
    teams = list(user.teams.values_list("pk", flat=True))
    return entries.filter(
        Q(additional_data__isnull=True)
        | ~Q(additional_data__has_key="team")
        | Q(additional_data__team__in=teams)
    )


def audit_entries(
    user: AbstractBaseUser,
    *,
    kind: str | None = None,
    object_id: int | None = None,
    actor: str | None = None,
    action: int | None = None,
) -> QuerySet[LogEntry]:
    """The log entries the user may read, newest first, optionally narrowed."""
    if not user.is_authenticated:
        return LogEntry.objects.none()
    kinds = audited_kinds()
    types = ContentType.objects.get_for_models(*kinds.values())
    entries = entries_visible_to(LogEntry.objects.filter(content_type__in=types.values()), user)
    if kind:
        entries = entries.filter(content_type=types[kinds[kind]])
    if object_id is not None:
        entries = entries.filter(object_id=object_id)
    if actor:
        entries = entries.filter(actor__username__iexact=actor)
    if action is not None:
        entries = entries.filter(action=action)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


def entry_changes(entry: LogEntry) -> list[Change]:
    """An entry's changes as (field, old, new), many-to-many changes as lists of names."""
    changes = []
    for field, value in sorted((entry.changes or {}).items()):
        if isinstance(value, dict) and value.get("type") == "m2m":
            objects = ", ".join(map(str, value.get("objects", [])))
            if value.get("operation") == "delete":
                changes.append(Change(field, objects, None))
            else:
                changes.append(Change(field, None, objects))
        elif isinstance(value, list | tuple) and len(value) == 2:
            changes.append(Change(field, value[0], value[1]))
    return changes

"""Reads of the audit trail, scoped like everything else: a curator sees the changes to the
shared library, rules and teams, and to the situations and assessments of their own teams."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet

from core.audit import audited_models


def audited_kinds() -> dict[str, type[Model]]:
    """The audited models by their short name (`situation`, `case`, `rule`...)."""
    return {name: model for model in audited_models() if (name := model._meta.model_name)}


def entries_visible_to(entries: QuerySet[LogEntry], user: User) -> QuerySet[LogEntry]:
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
    user: User | AnonymousUser,
    *,
    kind: str | None = None,
    object_id: int | None = None,
    actor: str | None = None,
    action: int | None = None,
) -> QuerySet[LogEntry]:
    """The log entries the user may read, newest first, optionally narrowed."""
    if not user.is_authenticated:
        nothing: QuerySet[LogEntry] = LogEntry.objects.none()
        return nothing
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


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    """The model's field of this name: the trail records changes of fields only (columns
    and many-to-many), never of reverse relations."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


def _points_to(field: Field[Any, Any] | None) -> type[Model] | None:
    """The model a foreign key points to; None for any other field."""
    if field is None or not field.many_to_one:
        return None
    related = field.related_model
    return related if isinstance(related, type) else None


def _names(entries: list[LogEntry]) -> dict[tuple[type[Model], Any], str]:
    """What each foreign key value in these entries' changes names, one query per model."""
    wanted: dict[type[Model], set[Any]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, value in (entry.changes or {}).items():
            target = _points_to(_field(model, name))
            if target is not None and isinstance(value, list | tuple):
                wanted[target].update(v for v in value if v is not None)
    names: dict[tuple[type[Model], Any], str] = {}
    for model, pks in wanted.items():
        for obj in model._base_manager.filter(pk__in=pks):
            names[model, obj.pk] = str(obj)
    return names


def entries_with_changes(entries: Iterable[LogEntry]) -> list[tuple[LogEntry, list[Change]]]:
    """Each entry with its changes, field by field: foreign keys by the name of what they
    point to (or its id, once deleted), many-to-many changes as lists of names."""
    entries = list(entries)
    names = _names(entries)
    rows: list[tuple[LogEntry, list[Change]]] = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes: list[Change] = []
        for name, value in sorted((entry.changes or {}).items()):
            if name == "id":  # the entry names its item already
                continue
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
            if isinstance(value, dict) and value.get("type") == "m2m":
                objects = ", ".join(map(str, value.get("objects", [])))
                removed = value.get("operation") == "delete"
                changes.append(
                    Change(label, objects if removed else None, None if removed else objects)
                )
            elif isinstance(value, list | tuple) and len(value) == 2:
                old, new = value
                target = _points_to(field)
                if target is not None:
                    old = names.get((target, old), old)
                    new = names.get((target, new), new)
                changes.append(Change(label, old, new))
        rows.append((entry, changes))
    return rows


def _page_of(kind: str, obj: Model) -> str:
    from django.urls import reverse

    if kind == "situation":
        return reverse("situation-detail", args=[obj.pk])
    if kind == "assessment":
        return reverse("assessment-detail", args=[obj.pk])
    if kind == "case":
        return reverse("case-detail", args=[obj.serializable_value("slug")])
    if kind == "ruleset":
        return reverse("ruleset-detail", args=[obj.serializable_value("version")])
    return reverse("team-detail", args=[obj.serializable_value("slug")])


def entry_pages(entries: Iterable[LogEntry]) -> dict[int, str]:
    """The page of each entry's item that still exists (by entry id), one query per kind."""
    kinds = audited_kinds()
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        kind = entry.content_type.model
        if kind in ("situation", "assessment", "case", "ruleset", "team") and entry.object_id:
            wanted[kind].add(entry.object_id)
    found = {
        (kind, obj.pk): _page_of(kind, obj)
        for kind, pks in wanted.items()
        for obj in kinds[kind]._base_manager.filter(pk__in=pks)
    }
    return {
        entry.pk: found[entry.content_type.model, entry.object_id]
        for entry in entries
        if (entry.content_type.model, entry.object_id) in found
    }

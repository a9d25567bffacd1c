"""Reads of background tasks and import reports, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from recommendations.models import (
    ImportRow,
    TaskRun,
)


def task_list(user: User | AnonymousUser, kind: str | None = None) -> QuerySet[TaskRun]:
    """The imports of the user's teams and the other tasks the user started, newest first.

    An import belongs to one team; a re-evaluation or dry-run reads several of its starter's
    teams at once, so only its starter sees it."""
    if not user.is_authenticated:
        return TaskRun.objects.none()
    runs = TaskRun.objects.filter(
        Q(team__memberships__user=user) | Q(team__isnull=True, created_by=user)
    ).select_related("team", "created_by")
    return runs.filter(kind=kind) if kind else runs


def task_get(user: User | AnonymousUser, pk: Any) -> TaskRun | None:
    return task_list(user).filter(pk=pk).first()


def import_rows(run: TaskRun, status: str | None = None) -> QuerySet[ImportRow]:
    rows = run.rows.order_by("line")
    return rows.filter(status=status) if status else rows

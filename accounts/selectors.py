"""Reads of teams: the curators' list and a team's members, and the teams of a user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, QuerySet

from accounts.levels import user_level
from accounts.models import Team


@dataclass(frozen=True)
class Member:
    user: User
    full_name: str
    level: str | None
    joined: datetime


def team_list() -> QuerySet[Team]:
    """Every team, with how many members and situations it has."""
    return Team.objects.annotate(
        member_count=Count("memberships", distinct=True),
        situation_count=Count("situations", distinct=True),
    ).order_by("name")


def team_members(team: Team) -> list[Member]:
    """The team's members by username, each with their access level."""
    memberships = (
        team.memberships.select_related("user")
        .prefetch_related("user__groups")
        .order_by("user__username")
    )
    return [
        Member(
            user=m.user,
            full_name=m.user.get_full_name(),
            level=user_level(m.user),
            joined=m.joined,
        )
        for m in memberships
    ]


def teams_of(user: User | AnonymousUser) -> QuerySet[Team]:
    """The teams the user is a member of."""
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user).order_by("name")

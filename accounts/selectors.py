"""Reads of teams: those a curator manages and their members, and the teams of a user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, QuerySet

from accounts.levels import CURATOR, has_level, user_level
from accounts.models import Membership, Team


@dataclass(frozen=True)
class Member:
    user: User
    full_name: str
    level: str | None
    joined: datetime


def teams_managed_by(user: User | AnonymousUser) -> QuerySet[Team]:
    """The teams a user may manage: a curator those they are a member of, a superuser (who
    runs the site) every team, anyone else none."""
    if not user.is_authenticated or not has_level(user, CURATOR):
        return Team.objects.none()
    if user.is_superuser:
        return Team.objects.all()
    return Team.objects.filter(pk__in=Membership.objects.filter(user=user).values("team"))


def team_list(user: User | AnonymousUser) -> QuerySet[Team]:
    """The teams the user manages, with how many members and situations each has."""
    return (
        teams_managed_by(user)
        .annotate(
            member_count=Count("memberships", distinct=True),
            situation_count=Count("situations", distinct=True),
        )
        .order_by("name")
    )


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

"""Users, teams and access levels."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction
from django.utils.text import slugify

from .models import Membership, Team
from .roles import ANALYST, CURATOR, LEVELS, VIEWER


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    level: str


DEMO_TEAM = "Demo team"
DEMO_ACCOUNTS = (
    DemoAccount("analyst", "envoy-analyst", ANALYST),
    DemoAccount("curator", "envoy-curator", CURATOR),
    DemoAccount("viewer", "envoy-viewer", VIEWER),
)


def team_get_or_create(name: str) -> Team:
    team, _ = Team.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return team


@transaction.atomic
def user_set_level(user: AbstractUser, level: str) -> None:
    """Give the user exactly one access level (viewer, analyst or curator)."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")
    user.groups.remove(*Group.objects.filter(name__in=LEVELS))
    user.groups.add(Group.objects.get_or_create(name=level)[0])
    user.__dict__.pop("_envoy_level", None)


@transaction.atomic
def team_add_member(team: Team, user: AbstractUser) -> None:
    Membership.objects.get_or_create(team=team, user=user)


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """Create (or reset) the demo users, all in the demo team; curators may use the admin."""
    team = team_get_or_create(DEMO_TEAM)
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.is_staff = account.level == CURATOR
        user.save()
        user_set_level(user, account.level)
        team_add_member(team, user)
    return list(DEMO_ACCOUNTS)

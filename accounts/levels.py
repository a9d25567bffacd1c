"""The three access levels, kept as Django groups: viewers read, analysts assess, curators curate.

Each level includes the one below it: a curator may do all an analyst may.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

VIEWER = "viewer"
ANALYST = "analyst"
CURATOR = "curator"
LEVELS = (VIEWER, ANALYST, CURATOR)


def user_level(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The highest access level of a user, or None for the anonymous and the unassigned."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return CURATOR
    cached = getattr(user, "_envoy_level", False)
    if cached is not False:
        return cached
    names = {group.name for group in user.groups.all()}  # prefetched where listed
    user._envoy_level = next((level for level in reversed(LEVELS) if level in names), None)
    return user._envoy_level


def has_level(user: AbstractBaseUser | AnonymousUser, level: str) -> bool:
    current = user_level(user)
    return current is not None and LEVELS.index(current) >= LEVELS.index(level)

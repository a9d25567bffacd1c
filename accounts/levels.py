"""The three access levels, kept as Django groups: viewers read, analysts assess, curators curate.

Each level includes the one below it: a curator may do all an analyst may.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from contract.errors import NotAllowed

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


WHO = {
    VIEWER: "viewers, analysts and curators",
    ANALYST: "analysts and curators",
    CURATOR: "curators",
}


def require_level(user: AbstractBaseUser | AnonymousUser, level: str, action: str) -> None:
    """Refuse (NotAllowed) a user below `level`. Every service that writes checks its actor
    with this, whatever the view or the API permission checked before: "Only curators may
    activate a ruleset." """
    if not has_level(user, level):
        raise NotAllowed(f"Only {WHO[level]} may {action}.")

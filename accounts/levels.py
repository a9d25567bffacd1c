"""The three access levels, kept as Django groups: viewers read, analysts assess, curators curate.

Each level includes the one below it: a curator may do all an analyst may.
"""

from django.contrib.auth.models import AnonymousUser, User

from contract.errors import NotAllowed

VIEWER = "viewer"
ANALYST = "analyst"
CURATOR = "curator"
LEVELS = (VIEWER, ANALYST, CURATOR)


_CACHED_LEVEL = "_envoy_level"  # kept on the user object, so once per request


def user_level(user: User | AnonymousUser) -> str | None:
    """The highest access level of a user, or None for the anonymous and the unassigned."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return CURATOR
    if hasattr(user, _CACHED_LEVEL):
        cached: str | None = getattr(user, _CACHED_LEVEL)
        return cached
    names = {group.name for group in user.groups.all()}  # prefetched where listed
    level = next((name for name in reversed(LEVELS) if name in names), None)
    setattr(user, _CACHED_LEVEL, level)
    return level


def has_level(user: User | AnonymousUser, level: str) -> bool:
    current = user_level(user)
    return current is not None and LEVELS.index(current) >= LEVELS.index(level)


WHO = {
    VIEWER: "viewers, analysts and curators",
    ANALYST: "analysts and curators",
    CURATOR: "curators",
}


def require_level(user: User | AnonymousUser, level: str, action: str) -> None:
    """Refuse (NotAllowed) a user below `level`. Every service that writes checks its actor
    with this, whatever the view or the API permission checked before: "Only curators may
    activate a ruleset." """
    if not has_level(user, level):
        raise NotAllowed(f"Only {WHO[level]} may {action}.")


def signed_in(user: User | AnonymousUser) -> User:
    """The acting user of a request that `login_required`, `level_required` or an API
    permission has let through, for the services that record who acted. Refuses
    (NotAllowed) the anonymous, as `require_level` would."""
    if not user.is_authenticated:
        raise NotAllowed("Sign in first.")
    return user

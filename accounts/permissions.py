"""API permissions by access level: viewers read, analysts assess, curators curate."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.levels import ANALYST, CURATOR, VIEWER, has_level


class ReadOrCurate(BasePermission):
    """Any level may read; only curators may write (the case library, catalogues, rules)."""

    message = "Only curators may change this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return has_level(request.user, VIEWER)
        return has_level(request.user, CURATOR)


class ReadOrAssess(BasePermission):
    """Any level may read; analysts may create; only curators may change or delete."""

    message = "Your access level does not allow this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return has_level(request.user, VIEWER)
        if request.method == "POST":
            return has_level(request.user, ANALYST)
        return has_level(request.user, CURATOR)


class CuratorsOnly(BasePermission):
    """Curators only, reading included (the audit trail)."""

    message = "Only curators may read this."

    def has_permission(self, request, view) -> bool:
        return has_level(request.user, CURATOR)

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.levels import has_level


def level_required(level: str):
    """Signed in (else to the sign-in page) and at least `level` (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_level(request.user, level):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

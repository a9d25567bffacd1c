from django.utils.translation import gettext_lazy as _

from accounts.levels import ANALYST, CURATOR, VIEWER, has_level, user_level

LEVEL_LABELS = {VIEWER: _("viewer"), ANALYST: _("analyst"), CURATOR: _("curator")}


def access(request):
    """What the signed-in user may do, for the navigation."""
    user = request.user
    level = user_level(user)
    return {
        "access_level": level,
        "access_level_label": LEVEL_LABELS.get(level or ""),
        "can_assess": has_level(user, ANALYST),
        "can_curate": has_level(user, CURATOR),
    }

from accounts.levels import ANALYST, CURATOR, has_level, user_level


def access(request):
    """What the signed-in user may do, for the navigation."""
    user = request.user
    return {
        "access_level": user_level(user),
        "can_assess": has_level(user, ANALYST),
        "can_curate": has_level(user, CURATOR),
    }

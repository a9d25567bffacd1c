"""Who made a change: the signed-in user of the request, including API token users."""

from auditlog.middleware import AuditlogMiddleware
from django.utils.functional import SimpleLazyObject


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware reads the user when the request comes in, before Django
    REST framework has authenticated a token; this one reads it when a change is logged."""

    @staticmethod
    def _get_actor(request):
        def actor():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        return SimpleLazyObject(actor)

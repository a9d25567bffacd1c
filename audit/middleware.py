"""Who made a change, and from where: the signed-in user of the request (API token users
too) and the client's address as Envoy trusts it (`core.client`)."""

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core.client import client_address, client_port


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware reads the user when the request comes in, before Django
    REST framework has authenticated a token; this one reads it when a change is logged.
    It takes the address from the connection, or from trusted proxies only, never one a
    client wrote itself, and leaves it empty rather than store what is not an address."""

    @staticmethod
    def _get_actor(request):
        def actor():
            user = getattr(request, "user", None)
            return user if user is not None and user.is_authenticated else None

        return SimpleLazyObject(actor)

    @staticmethod
    def _get_remote_addr(request):
        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_address(request)

    @staticmethod
    def _get_remote_port(request):
        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_port(request)

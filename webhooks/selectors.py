"""Reads of webhooks: the endpoints a curator manages, and an endpoint's deliveries."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet

from accounts.levels import CURATOR, has_level
from accounts.models import Team
from webhooks.models import Delivery, Endpoint


def webhook_teams(user: User | AnonymousUser) -> QuerySet[Team]:
    """The teams whose endpoints the user manages: theirs, if they are a curator."""
    if not user.is_authenticated or not has_level(user, CURATOR):
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user).order_by("name")


def endpoints_visible_to(user: User | AnonymousUser) -> QuerySet[Endpoint]:
    """The endpoints of the user's teams, for curators (nobody else sees any), each with
    how many of its deliveries are pending and failed."""
    return (
        Endpoint.objects.filter(team__in=webhook_teams(user))
        .select_related("team", "created_by")
        .annotate(
            pending_count=Count("deliveries", filter=Q(deliveries__status="pending")),
            failed_count=Count("deliveries", filter=Q(deliveries__status="failed")),
        )
        .order_by("team__name", "url", "pk")
    )


def endpoint_deliveries(endpoint: Endpoint, status: str | None = None) -> QuerySet[Delivery]:
    """The endpoint's deliveries, newest first, of one status if given."""
    deliveries = endpoint.deliveries.all()
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries.order_by("-created", "-pk")

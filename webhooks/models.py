"""Webhook endpoints of a team, and the deliveries of events to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Team


class Endpoint(models.Model):
    """A URL of another tool that receives the team's events, signed with its own secret."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    # Standard Webhooks form, `whsec_` and the base64 of the key: shown once, kept to sign.
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    secret_rotated = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["team__name", "url", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(previous_secret="", previous_secret_expires__isnull=True)
                | (~Q(previous_secret="") & Q(previous_secret_expires__isnull=False)),
                name="endpoint_previous_secret_expires",
            )
        ]

    def __str__(self) -> str:
        return self.url

    def get_additional_data(self) -> dict:
        """The team, so that the audit trail shows this endpoint's changes to its team only."""
        return {"team": self.team_id}


class Delivery(models.Model):
    """One event on its way to one endpoint: its message, and what became of each attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=60)
    msg_id = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    test = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt = models.DateTimeField(null=True, blank=True)
    last_attempt = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_answer = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt"], name="delivery_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "delivered", "failed"]),
                name="delivery_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(next_attempt__isnull=False),
                name="delivery_pending_has_next_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.msg_id}"

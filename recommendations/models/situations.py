"""Situations a team tracks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from contract.choices import REGION_CHOICES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class SituationQuerySet(models.QuerySet["Situation"]):
    def visible_to(self, user: User | AnonymousUser) -> SituationQuerySet:
        """The situations of the user's teams: the one place team scoping is applied."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(team__memberships__user=user)


class Situation(models.Model):
    """A country or crisis a team tracks over time through successive assessments."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="situations")
    country = models.CharField(max_length=100)
    region = models.CharField(max_length=20, choices=REGION_CHOICES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    review_due = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Set when the situation has not been reassessed for a while."),
    )

    objects = SituationQuerySet.as_manager()

    class Meta:
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(
                "team", Lower("country"), name="situation_unique_country_per_team"
            )
        ]

    def __str__(self) -> str:
        return self.country

    def get_additional_data(self) -> dict:
        """The team, so that the audit trail shows this situation's changes to its team only."""
        return {"team": self.team_id}

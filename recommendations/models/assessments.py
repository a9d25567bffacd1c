"""Assessments of a situation: the analyst's input and what Envoy said of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contract.choices import TRACK_CHOICES
from recommendations.models.fields import DocumentField, FastJSONEncoder
from recommendations.models.rulesets import RuleSet
from recommendations.models.situations import Situation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: User | AnonymousUser) -> AssessmentQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(situation__in=Situation.objects.visible_to(user))


class Assessment(models.Model):
    """One assessment of a situation at a moment: the analyst's v1 input and what Envoy said.

    `recommendation` is the engine's result as stored JSON (items, rules, rationales,
    citations, trace) and `analogous_cases` the closest case snapshots; `ruleset` is the
    version that produced them, so every recommendation can be reproduced.
    """

    # Indexed by the (situation, -created) index below, which also serves this key.
    situation = models.ForeignKey(
        Situation, on_delete=models.CASCADE, related_name="assessments", db_index=False
    )
    input = models.JSONField(
        help_text=_("The v1 assessment input, as validated."), encoder=FastJSONEncoder
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    ruleset = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="assessments")
    phase = models.ForeignKey("phases.Phase", on_delete=models.PROTECT, related_name="+")
    track = models.CharField(max_length=12, choices=TRACK_CHOICES, blank=True)
    recommendation = DocumentField(default=dict)
    analogous_cases = DocumentField(default=list)
    import_key = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The row's idempotency key when the assessment came from a bulk import."),
    )
    reevaluation_of = models.ForeignKey(  # indexed by the unique (reevaluation_of, ruleset)
        "self",
        on_delete=models.CASCADE,
        db_index=False,
        null=True,
        blank=True,
        related_name="reevaluations",
        help_text=_("The assessment whose input was re-assessed under a newer ruleset."),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["situation", "-created"], name="assessment_situation_latest")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "import_key"],
                condition=~Q(import_key=""),
                name="assessment_unique_import_key",
            ),
            models.UniqueConstraint(
                fields=["reevaluation_of", "ruleset"],
                condition=Q(reevaluation_of__isnull=False),
                name="assessment_one_reevaluation_per_ruleset",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.situation} — {self.created:%Y-%m-%d %H:%M}"

    def get_additional_data(self) -> dict:
        return {"team": self.situation.team_id}

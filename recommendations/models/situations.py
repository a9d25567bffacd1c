"""Situations a team tracks, and their assessments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contract.choices import REGION_CHOICES, TRACK_CHOICES
from recommendations.models.fields import DocumentField, FastJSONEncoder
from recommendations.models.rulesets import RuleSet


class SituationQuerySet(models.QuerySet):
    def visible_to(self, user):
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


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
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

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cases.models import REGION_CHOICES, CitedModel
from missions.models import CatalogueItem


class CouncilTool(CatalogueItem):
    """A Security Council tool for prevention (inquiry, sanctions, dialogue, statements...)."""

    class Meta(CatalogueItem.Meta):
        pass


class Caveat(CitedModel):
    """Something that can go wrong for a mission, shown to the analyst when its rule fires."""

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(max_length=200)
    text = models.TextField(help_text=_("The warning an analyst reads."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


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


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(situation__in=Situation.objects.visible_to(user))


class Assessment(models.Model):
    """One assessment of a situation at a moment: the analyst's v1 input, who and when."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="assessments")
    input = models.JSONField(help_text=_("The v1 assessment input, as validated."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.situation} — {self.created:%Y-%m-%d %H:%M}"

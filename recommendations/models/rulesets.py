"""Versioned rulesets and their rules."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contract.choices import TRACK_CHOICES
from core.models import CitedModel
from recommendations.engine.facts import STAGES


class RuleSet(models.Model):
    """A numbered version of the rules. Exactly one version is active; only drafts change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    version = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("For reference rulesets: hash of their file in fixtures/rulesets/."),
    )
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activated = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="active"), name="ruleset_one_active"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "active", "retired"]), name="ruleset_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.name}"


class Rule(CitedModel):
    """One rule of a ruleset: when its condition holds, it recommends its target."""

    class Kind(models.TextChoices):
        PHASE = "phase", _("Phase")
        ROLE = "role", _("Role")
        MISSION_MODEL = "mission_model", _("Mission model")
        ORGANIZATION = "organization", _("Lead organization")
        PARTNER_ORGANIZATION = "partner_organization", _("Partner organization")
        COUNCIL_TOOL = "council_tool", _("Security Council tool")
        CAVEAT = "caveat", _("Caveat")
        RULED_OUT_ROLE = "ruled_out_role", _("Ruled out: role")
        RULED_OUT_MISSION_MODEL = "ruled_out_mission_model", _("Ruled out: mission model")
        RULED_OUT_ORGANIZATION = "ruled_out_organization", _("Ruled out: lead organization")
        RULED_OUT_COUNCIL_TOOL = "ruled_out_council_tool", _("Ruled out: Security Council tool")
        KEY_ROLE = "key_role", _("Key: role")
        KEY_MISSION_MODEL = "key_mission_model", _("Key: mission model")
        KEY_COUNCIL_TOOL = "key_council_tool", _("Key: Security Council tool")
        KEY_CAVEAT = "key_caveat", _("Key: caveat")

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    slug = models.CharField(max_length=100)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    target = models.SlugField(max_length=60)
    track = models.CharField(max_length=12, choices=TRACK_CHOICES, blank=True)
    condition = models.JSONField(help_text=_("JsonLogic subset; see the engine's conditions."))
    priority = models.IntegerField(default=100)
    rationale = models.TextField()

    class Meta:
        ordering = ["ruleset", "priority", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["ruleset", "slug"], name="rule_unique_slug"),
            models.CheckConstraint(condition=Q(kind__in=STAGES), name="rule_kind_valid"),
            models.CheckConstraint(
                condition=Q(track__in=["", "war", "settlement"]), name="rule_track_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.slug

import json
import uuid
from typing import Any

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import REGION_CHOICES, TRACK_CHOICES, CitedModel
from missions.models import CatalogueItem
from recommendations.engine.facts import STAGES


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

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    slug = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
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

    def clean(self) -> None:
        from recommendations.rulesets import rule_errors

        errors = rule_errors(self)
        if errors:
            raise ValidationError(errors)


class FastJSONEncoder(json.JSONEncoder):
    """Encodes with orjson: several times faster than the standard library on the ~12 KB
    recommendation documents, which matters when a task stores them by the hundred thousand.
    The JSON is the same apart from spacing and non-ASCII characters written as such."""

    def encode(self, o: Any) -> str:
        return orjson.dumps(o).decode()


class DocumentField(models.JSONField):
    """A JSON document written once and read whole (a recommendation, the analogous cases).

    Encoded with orjson. On PostgreSQL the column is `json`, not `jsonb` (migration 0006),
    and the driver hands such values back already decoded: they are taken as they come.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("encoder", FastJSONEncoder)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, str | bytes | bytearray):
            return value
        return super().from_db_value(value, expression, connection)


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


class TaskRun(models.Model):
    """A piece of work done outside the request (a dry-run, a re-evaluation, an import).

    Its id is the Celery task id; the task reports progress here (`done` of `total`) and
    leaves its report in `result`.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        DRY_RUN = "dry_run", _("Ruleset impact dry-run")
        REEVALUATE = "reevaluate", _("Re-evaluation of situations")
        IMPORT = "import", _("Import of assessments")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    params = models.JSONField(default=dict)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    upload = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="taskrun_done_le_total")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.id} ({self.state})"


class ImportRow(models.Model):
    """What became of one row of an imported file: stored, rejected (with field errors), or
    a duplicate of an assessment already stored under the same idempotency key."""

    class Status(models.TextChoices):
        STORED = "stored", _("Stored")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Already imported")

    run = models.ForeignKey(TaskRun, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(help_text=_("Row number in the file, from 1."))
    key = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    errors = models.JSONField(default=dict, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["run", "line"]
        constraints = [
            models.UniqueConstraint(fields=["run", "line"], name="importrow_unique_line"),
            models.CheckConstraint(
                condition=Q(status__in=["stored", "rejected", "duplicate"]),
                name="importrow_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run_id} line {self.line}: {self.status}"

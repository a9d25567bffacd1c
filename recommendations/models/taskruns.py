"""Work done outside the request: task runs and the row reports of imports."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recommendations.models.assessments import Assessment


class TaskRun(models.Model):
    """A piece of work done outside the request (a dry-run, a re-evaluation, an import).

    Its id is the Celery task id; the task reports progress here (`done` of `total`), with
    the time of its last sign of life in `heartbeat`, and leaves its report in `result`.
    A waiting or running task silent for TASK_STALE_AFTER seconds is shown as interrupted.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted")  # shown, never stored

    class Kind(models.TextChoices):
        DRY_RUN = "dry_run", _("Ruleset impact dry-run")
        REEVALUATE = "reevaluate", _("Re-evaluation of situations")
        IMPORT = "import", _("Import of assessments")
        EVENT_IMPORT = "event_import", _("Import of event data")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
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
    heartbeat = models.DateTimeField(
        null=True, blank=True, help_text=_("When the task last showed a sign of life.")
    )

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="taskrun_done_le_total")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.id} ({self.state})"

    @property
    def interrupted(self) -> bool:
        """Whether the task waits or runs but has shown no sign of life for too long."""
        if self.state not in (self.State.PENDING, self.State.RUNNING):
            return False
        if self.state == self.State.PENDING and not settings.CELERY_TASK_ALWAYS_EAGER:
            return False  # queued for a worker, which may be busy: the queue keeps it
        last = self.heartbeat or self.created
        return last < timezone.now() - timedelta(seconds=settings.TASK_STALE_AFTER)

    @property
    def shown_state(self) -> str:
        """The state to show: the stored one, or interrupted."""
        return self.State.INTERRUPTED if self.interrupted else self.state

    @property
    def running(self) -> bool:
        """Whether the task still waits or runs: its page keeps polling."""
        return self.shown_state in (self.State.PENDING, self.State.RUNNING)

    def get_shown_state_display(self) -> str:
        return str(self.State(self.shown_state).label)


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

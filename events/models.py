"""Event data: the datasets curators upload (UCDP GED releases), their events, the names
UCDP gives countries matched to the names of situations, and the suggestion an assessment
was offered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from recommendations.models import Assessment, TaskRun


class EventDataset(models.Model):
    """One release of event data as uploaded (e.g. "UCDP GED 25.1"): who stored it last,
    when, how many events its file held and the days they cover."""

    name = models.CharField(
        max_length=100, unique=True, help_text=_("The release, as UCDP names it: UCDP GED 25.1.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded = models.DateTimeField()
    row_count = models.PositiveIntegerField(default=0)
    covers_from = models.DateField(null=True, blank=True)
    covers_to = models.DateField(null=True, blank=True)
    run = models.ForeignKey(
        TaskRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """One event of UCDP's Georeferenced Event Dataset, known by UCDP's own `id`; the
    dataset is the release that stored it last."""

    class Violence(models.IntegerChoices):
        STATE_BASED = 1, _("State-based conflict")
        NON_STATE = 2, _("Non-state conflict")
        ONE_SIDED = 3, _("One-sided violence")

    ucdp_id = models.BigIntegerField(unique=True)
    dataset = models.ForeignKey(EventDataset, on_delete=models.PROTECT, related_name="events")
    relid = models.CharField(max_length=50, blank=True)
    year = models.PositiveSmallIntegerField()
    active_year = models.BooleanField(default=False)
    code_status = models.CharField(max_length=50, blank=True)
    type_of_violence = models.PositiveSmallIntegerField(choices=Violence.choices)
    conflict_new_id = models.IntegerField(null=True, blank=True)
    conflict_name = models.CharField(max_length=300, blank=True)
    dyad_new_id = models.IntegerField(null=True, blank=True)
    dyad_name = models.CharField(max_length=300, blank=True)
    side_a = models.CharField(max_length=300, blank=True)
    side_b = models.CharField(max_length=300, blank=True)
    number_of_sources = models.IntegerField(null=True, blank=True)
    source_article = models.TextField(blank=True)
    where_prec = models.PositiveSmallIntegerField(null=True, blank=True)
    where_description = models.TextField(blank=True)
    adm_1 = models.CharField(max_length=200, blank=True)
    adm_2 = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    country = models.CharField(max_length=100)
    country_id = models.IntegerField(null=True, blank=True)
    region = models.CharField(max_length=100, blank=True)
    event_clarity = models.PositiveSmallIntegerField(null=True, blank=True)
    date_prec = models.PositiveSmallIntegerField(null=True, blank=True)
    date_start = models.DateField()
    date_end = models.DateField()
    deaths_a = models.PositiveIntegerField(default=0)
    deaths_b = models.PositiveIntegerField(default=0)
    deaths_civilians = models.PositiveIntegerField(default=0)
    deaths_unknown = models.PositiveIntegerField(default=0)
    best = models.PositiveIntegerField()
    low = models.PositiveIntegerField()
    high = models.PositiveIntegerField()
    # A digest of the row as stored, so a re-import leaves unchanged events alone.
    digest = models.CharField(max_length=32)

    class Meta:
        ordering = ["-date_start", "ucdp_id"]
        indexes = [models.Index(fields=["country", "date_start"], name="event_country_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=F("best"), best__lte=F("high")), name="event_low_best_high"
            ),
            models.CheckConstraint(
                condition=Q(date_start__lte=F("date_end")), name="event_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(type_of_violence__in=[1, 2, 3]), name="event_type_of_violence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"UCDP {self.ucdp_id} ({self.country}, {self.date_start})"


class CountryMapping(models.Model):
    """The situation country a UCDP country name stands for ("DR Congo (Zaire)" is the
    "Democratic Republic of the Congo"): one row per name UCDP uses, which curators correct."""

    ucdp_name = models.CharField(max_length=100, unique=True)
    envoy_name = models.CharField(max_length=200, help_text=_("The country as situations name it."))
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ucdp_name"]
        indexes = [models.Index(Lower("envoy_name"), name="mapping_envoy_lower")]

    def __str__(self) -> str:
        return f"{self.ucdp_name} → {self.envoy_name}"


class EventSuggestion(models.Model):
    """What the event data suggested for an assessment's deaths and violence level, from
    which datasets and window, and whether the analyst used each suggestion."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="event_suggestion"
    )
    datasets = models.JSONField(default=list, help_text=_("The names of the datasets read."))
    countries = models.JSONField(default=list, help_text=_("The UCDP country names read."))
    window_start = models.DateField()
    window_end = models.DateField()
    event_count = models.PositiveIntegerField()
    fatalities = models.PositiveIntegerField()
    fatalities_low = models.PositiveIntegerField()
    fatalities_high = models.PositiveIntegerField()
    violence_level = models.CharField(max_length=20)
    used_fatalities = models.BooleanField()
    used_violence_level = models.BooleanField()

    def __str__(self) -> str:
        return f"Event suggestion for assessment {self.assessment_id}"

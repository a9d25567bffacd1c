from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from contract.choices import REGION_CHOICES, TRACK_CHOICES
from contract.fields import REGIONS, TRACKS
from core.models import ProvenancedModel


class Source(models.Model):
    """One of the documents Envoy's knowledge is written from, cited by its key."""

    key = models.SlugField(unique=True, max_length=50)
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=300)
    published = models.CharField(max_length=20, help_text=_("Year and month, e.g. 2011-12."))
    file = models.CharField(max_length=200, help_text=_("File name of the text in the seeds."))
    summary = models.TextField(blank=True)
    sections = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "The section headings a citation may name, in document order: a list of "
            "{heading, level} (level 2 is a subsection), with citable: false on a heading that "
            "only ends the section before it."
        ),
    )

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    def outline(self) -> list[dict]:
        """The headings a citation may name, as [{heading, subsections: [heading, ...]}]."""
        outline: list[dict] = []
        for section in self.sections:
            if not section.get("citable", True):
                continue
            if section["level"] == 1 or not outline:
                outline.append({"heading": section["heading"], "subsections": []})
            else:
                outline[-1]["subsections"].append(section["heading"])
        return outline


class Citation(models.Model):
    """A passage of a source that supports an item: source, section heading, optional quote."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=200, help_text=_("Section heading in the source."))
    quote = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["content_type", "object_id", "position"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=~Q(locator=""), name="citation_locator_not_blank"),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "position"], name="citation_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id and self.source.key}, {self.locator}"

    def as_dict(self) -> dict:
        data = {"source": self.source.key, "locator": self.locator}
        if self.quote:
            data["quote"] = self.quote
        return data


class CaseQuerySet(models.QuerySet["Case"]):
    def with_details(self) -> CaseQuerySet:
        return self.prefetch_related(
            "organizations", "missions", "roles", "citations__source", "snapshots__phase"
        )


_CaseManagerBase = models.Manager.from_queryset(CaseQuerySet)


class CaseManager(_CaseManagerBase["Case"]):
    def get_queryset(self) -> models.QuerySet[Case]:
        return super().get_queryset().defer("search_document")


class Case(ProvenancedModel):
    """A historical case from the sources: what happened, who acted, how it ended."""

    # Slugs the library's own pages use (/library/new/, /library/export/): no case takes one.
    RESERVED_SLUGS = ("new", "export")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        MIXED = "mixed", _("Mixed")
        FAILURE = "failure", _("Failure")

    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(max_length=200)
    country = models.CharField(max_length=100)
    region = models.CharField(max_length=20, choices=REGION_CHOICES)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    organizations = models.ManyToManyField(
        "missions.Organization", blank=True, related_name="cases"
    )
    missions = models.ManyToManyField("missions.Mission", blank=True, related_name="cases")
    roles = models.ManyToManyField("missions.Role", blank=True, related_name="cases")
    summary = models.TextField()
    lessons = models.TextField(blank=True)
    unreproduced = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "What the case did that Envoy's rules do not recommend at any of its snapshots, "
            "each with why: a list of {kind, slug, why}."
        ),
    )
    updated = models.DateTimeField(auto_now=True)
    # Kept by a PostgreSQL trigger (migration 0002); empty elsewhere.
    search_document = SearchVectorField(null=True, editable=False)

    objects = CaseManager()

    class Meta:
        ordering = ["start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="case_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["success", "mixed", "failure"]), name="case_outcome_valid"
            ),
            models.CheckConstraint(condition=Q(region__in=REGIONS), name="case_region_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> str:
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year)


class CaseSnapshot(ProvenancedModel):
    """A case at a key moment: the situation as an assessment input, and its phase."""

    class Provenance(models.TextChoices):
        SOURCES = "sources", _("The sources")
        EXTERNAL = "external", _("Outside the sources")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="snapshots")
    date = models.DateField()
    label = models.CharField(max_length=200)
    phase = models.ForeignKey("phases.Phase", on_delete=models.PROTECT, related_name="snapshots")
    track = models.CharField(max_length=12, choices=TRACK_CHOICES, blank=True)
    input = models.JSONField(help_text=_("A complete assessment input."))
    provenance = models.CharField(
        max_length=10,
        choices=Provenance.choices,
        default=Provenance.SOURCES,
        help_text=_("Outside the sources: the moment as a whole rests on outside knowledge."),
    )

    class Meta:
        ordering = ["case", "date"]
        constraints = [
            models.UniqueConstraint(fields=["case", "date"], name="snapshot_unique_date"),
            models.CheckConstraint(
                condition=Q(track__in=["", *TRACKS]), name="snapshot_track_valid"
            ),
            models.CheckConstraint(
                condition=Q(provenance__in=["sources", "external"]),
                name="snapshot_provenance_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.title} ({self.date:%Y-%m-%d})"

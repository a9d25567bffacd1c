from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from contract.choices import REGION_CHOICES
from contract.fields import REGIONS
from core.models import CitedModel, ProvenancedModel


class Organization(CitedModel):
    """An organization that deploys missions; `lead_regions` are where it can lead one."""

    class Kind(models.TextChoices):
        GLOBAL = "global", _("Global")
        REGIONAL = "regional", _("Regional")
        SUBREGIONAL = "subregional", _("Subregional")
        NGO = "ngo", _("Non-governmental")

    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    lead_regions = models.JSONField(default=list, blank=True)
    description = models.TextField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["global", "regional", "subregional", "ngo"]),
                name="organization_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def clean(self) -> None:
        unknown = [r for r in self.lead_regions or [] if r not in REGIONS]
        if not isinstance(self.lead_regions, list) or unknown:
            raise ValidationError({"lead_regions": _("Unknown region(s): %s") % unknown})


class CatalogueItem(CitedModel):
    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField()
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order of importance."))

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class MissionModel(CatalogueItem):
    """A way to organize a mission: good offices, envoy, monitoring, training, regional office..."""

    class Meta(CatalogueItem.Meta):
        pass


class Role(CatalogueItem):
    """Something a mission does; core in the phases it is tied to."""

    phases = models.ManyToManyField("phases.Phase", related_name="roles")

    class Meta(CatalogueItem.Meta):
        pass


class Mission(ProvenancedModel):
    """A historical mission the sources discuss."""

    class Basing(models.TextChoices):
        IN_COUNTRY = "in_country", _("In the country")
        REGIONAL = "regional", _("Regionally")

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="missions"
    )
    country = models.CharField(max_length=100)
    region = models.CharField(max_length=20, choices=REGION_CHOICES)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    size = models.CharField(max_length=200, blank=True)
    personnel = models.PositiveIntegerField(null=True, blank=True)
    mission_model = models.ForeignKey(
        MissionModel, on_delete=models.PROTECT, null=True, blank=True, related_name="missions"
    )
    basing = models.CharField(max_length=12, choices=Basing.choices)
    summary = models.TextField()

    class Meta:
        ordering = ["start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="mission_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(basing__in=["in_country", "regional"]), name="mission_basing_valid"
            ),
            models.CheckConstraint(condition=Q(region__in=REGIONS), name="mission_region_valid"),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

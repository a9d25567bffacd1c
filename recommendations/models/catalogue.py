"""Catalogue items defined by this app: Security Council tools and caveats."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CitedModel
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

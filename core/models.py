"""Abstract bases of the reference items. No concrete model lives here, so no table."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitedModel(models.Model):
    """Base for reference items: each carries its citations."""

    citations = GenericRelation("cases.Citation")

    class Meta:
        abstract = True


class ProvenancedModel(CitedModel):
    """A reference item some of whose facts come from outside the sources (dates, names,
    counts): it names them, so a reader can tell what its citations support."""

    external_facts = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Names of the facts that come from outside the sources."),
    )
    provenance_note = models.TextField(
        blank=True, help_text=_("What comes from outside the sources, and from where.")
    )

    class Meta:
        abstract = True

    def is_external(self, name: str) -> bool:
        return name in self.external_facts

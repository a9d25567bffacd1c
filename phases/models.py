from django.db import models
from django.db.models import Q

from core.models import CitedModel


class Phase(CitedModel):
    """A phase on the curve of conflict: latent, rising, at the Rubicon, post-Rubicon."""

    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(unique=True)
    description = models.TextField()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(condition=Q(order__gte=1), name="phase_order_positive")
        ]

    def __str__(self) -> str:
        return self.name

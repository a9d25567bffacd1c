"""Serializers of the catalogue items defined by the recommendations app."""

from __future__ import annotations

from cases.serializers import CitedSerializer
from recommendations.models import (
    Caveat,
    CouncilTool,
)


class CouncilToolSerializer(CitedSerializer):
    class Meta:
        model = CouncilTool
        fields = ["slug", "name", "description", "citations"]


class CaveatSerializer(CitedSerializer):
    class Meta:
        model = Caveat
        fields = ["slug", "name", "text", "citations"]

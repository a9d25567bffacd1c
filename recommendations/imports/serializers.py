"""An upload to import through the API."""

from __future__ import annotations

from rest_framework import serializers

from core.api import SlugField


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (a header row of contract fields) or JSON (an array, or one object per "
        "line); optional `key` (idempotency key) and `assessed_on` (YYYY-MM-DD) per row."
    )
    team = SlugField(
        required=False,
        allow_blank=True,
        help_text="One of your teams (default, or blank: your first team).",
    )
    format = serializers.ChoiceField(
        choices=["csv", "json"],
        required=False,
        allow_blank=True,
        help_text="Default (or blank): from the file name.",
    )

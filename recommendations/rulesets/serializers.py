"""Rulesets and rules through the API."""

from __future__ import annotations

from rest_framework import serializers

from cases.serializers import CitationSerializer
from contract.choices import labelled
from contract.fields import TRACKS
from core.api import ModelSerializer, TextField
from recommendations.models import (
    Rule,
    RuleSet,
)


class RuleSerializer(ModelSerializer):
    ruleset: serializers.SlugRelatedField[RuleSet] = serializers.SlugRelatedField(
        slug_field="version", read_only=True
    )
    track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True, required=False)
    citations = CitationSerializer(many=True)
    condition = serializers.JSONField(
        help_text="A JsonLogic-subset condition: see the engine's condition language."
    )

    class Meta:
        model = Rule
        fields = [
            "id",
            "ruleset",
            "slug",
            "kind",
            "target",
            "track",
            "condition",
            "priority",
            "rationale",
            "citations",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["track"] = instance.track or None
        return data

    def validate_citations(self, value):
        if not value:
            raise serializers.ValidationError("A rule needs at least one citation.")
        return [
            {"source": c["source"].key, "locator": c["locator"], "quote": c.get("quote", "")}
            for c in value
        ]


class RuleCreateSerializer(RuleSerializer):
    ruleset: serializers.SlugRelatedField[RuleSet] = serializers.SlugRelatedField(
        slug_field="version",
        queryset=RuleSet.objects.all(),
        help_text="The version of a draft ruleset.",
    )


class RuleSetSerializer(ModelSerializer):
    rules = serializers.IntegerField(source="rule_count", read_only=True)
    reference = serializers.SerializerMethodField()

    class Meta:
        model = RuleSet
        fields = [
            "version",
            "name",
            "description",
            "status",
            "reference",
            "created",
            "activated",
            "rules",
        ]
        read_only_fields = ["version", "status", "created", "activated"]

    def get_reference(self, obj) -> bool:
        return bool(obj.source_hash)


class RuleSetCreateSerializer(serializers.Serializer):
    name = TextField(max_length=200)
    description = TextField(required=False, allow_blank=True, default="")
    copy_from = serializers.SlugRelatedField(
        slug_field="version",
        queryset=RuleSet.objects.all(),
        required=False,
        help_text="Version to copy the rules from (default: the active ruleset).",
    )

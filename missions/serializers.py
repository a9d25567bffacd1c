from rest_framework import serializers

from cases.models import Case
from cases.serializers import CitedSerializer
from core.api import TextField
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase


class PhaseSerializer(CitedSerializer):
    roles: serializers.SlugRelatedField[Role] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Phase
        fields = ["slug", "name", "order", "description", "roles", "citations"]


class RoleSerializer(CitedSerializer):
    phases: serializers.SlugRelatedField[Phase] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    cases: serializers.SlugRelatedField[Case] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Role
        fields = ["slug", "name", "description", "phases", "cases", "citations"]


class MissionModelSerializer(CitedSerializer):
    missions: serializers.SlugRelatedField[Mission] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = MissionModel
        fields = ["slug", "name", "description", "missions", "citations"]


class OrganizationSerializer(CitedSerializer):
    lead_regions = serializers.ListField(child=TextField(), read_only=True)

    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym", "kind", "lead_regions", "description", "citations"]


class MissionSerializer(CitedSerializer):
    organization: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    mission_model: serializers.SlugRelatedField[MissionModel] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Mission
        fields = [
            "slug",
            "name",
            "acronym",
            "organization",
            "country",
            "region",
            "start_year",
            "end_year",
            "size",
            "personnel",
            "mission_model",
            "basing",
            "summary",
            "citations",
        ]

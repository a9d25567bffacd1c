from rest_framework import serializers

from cases.models import Case, CaseSnapshot, Citation, Source
from cases.services import case_save
from contract.choices import labelled
from contract.errors import ContractError
from contract.fields import TRACKS, validate_input
from core.api import ModelSerializer, TextField
from missions.models import Mission, Organization, Role
from phases.models import Phase


class CitationSerializer(ModelSerializer):
    # A declared field, not Field.source: DRF's metaclass takes it out of the class.
    source = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="key", queryset=Source.objects.all()
    )
    quote = TextField(max_length=300, required=False, allow_blank=True)

    class Meta:
        model = Citation
        fields = ["source", "locator", "quote"]


class SourceSerializer(ModelSerializer):
    class Meta:
        model = Source
        fields = ["key", "title", "author", "publisher", "published", "summary"]


class CitedSerializer(ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)


class SnapshotSerializer(ModelSerializer):
    phase: serializers.SlugRelatedField[Phase] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    track = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = CaseSnapshot
        fields = ["date", "label", "phase", "track", "input", "citations"]

    def get_track(self, obj) -> str | None:
        return obj.track or None


class CaseListSerializer(ModelSerializer):
    """A case as a list shows it. A page of the API's list reads its cases' organizations and
    phases as plain values in two queries (`cases.selectors.case_list_relations`); a case
    read alone, from its relations."""

    organizations = serializers.SerializerMethodField()
    phases = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "slug",
            "title",
            "country",
            "region",
            "start_year",
            "end_year",
            "outcome",
            "organizations",
            "phases",
            "summary",
        ]

    def get_organizations(self, obj) -> list[str]:
        listed = getattr(obj, "listed_organizations", None)
        return listed if listed is not None else [o.slug for o in obj.organizations.all()]

    def get_phases(self, obj) -> list[str]:
        listed = getattr(obj, "listed_phases", None)
        if listed is not None:
            return listed
        return sorted({s.phase.slug for s in obj.snapshots.all()})


class CaseDetailSerializer(CaseListSerializer):
    missions: serializers.SlugRelatedField[Mission] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    roles: serializers.SlugRelatedField[Role] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    snapshots = SnapshotSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "lessons",
            "missions",
            "roles",
            "snapshots",
            "citations",
        ]


class CitationWriteSerializer(serializers.Serializer):
    # A declared field, not Field.source: DRF's metaclass takes it out of the class.
    source = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="key", queryset=Source.objects.all()
    )
    locator = TextField(max_length=200)
    quote = TextField(max_length=300, required=False, allow_blank=True, default="")


class SnapshotWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    # A declared field, not Field.label: DRF's metaclass takes it out of the class.
    label = TextField(max_length=200)  # type: ignore[assignment]
    phase = serializers.SlugRelatedField(slug_field="slug", queryset=Phase.objects.all())
    track = serializers.ChoiceField(
        choices=labelled(TRACKS), allow_null=True, required=False, default=None
    )
    input = serializers.JSONField(help_text="A complete v1 assessment input, without situation.")
    citations = CitationWriteSerializer(many=True, allow_empty=False)

    def validate_input(self, value):
        try:
            clean = validate_input(value)
        except ContractError as exc:
            raise serializers.ValidationError(exc.errors) from None
        if "situation" in clean:
            raise serializers.ValidationError({"situation": ["A snapshot names no situation."]})
        return clean

    def validate(self, attrs):
        past_rubicon = attrs["phase"].slug == "post_rubicon"
        if past_rubicon != (attrs.get("track") is not None):
            raise serializers.ValidationError(
                {"track": ["post_rubicon takes track war or settlement; other phases none."]}
            )
        return attrs


# `cases.services.case_save` stores what this serializer reads (a comment: the docstring is
# the schema's description, for the API's users).
class CaseWriteSerializer(ModelSerializer):
    """What a curator sends to create or update a case: its facts, its relations by slug,
    its citations and its snapshots, checked whole."""

    organizations: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Organization.objects.all(), required=False
    )
    missions: serializers.SlugRelatedField[Mission] = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Mission.objects.all(), required=False
    )
    roles: serializers.SlugRelatedField[Role] = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Role.objects.all(), required=False
    )
    citations = CitationWriteSerializer(many=True, allow_empty=False)
    snapshots = SnapshotWriteSerializer(many=True, required=False)

    class Meta:
        model = Case
        fields = [
            "slug",
            "title",
            "country",
            "region",
            "start_year",
            "end_year",
            "outcome",
            "organizations",
            "missions",
            "roles",
            "summary",
            "lessons",
            "citations",
            "snapshots",
        ]

    def validate(self, attrs):
        start = attrs.get("start_year", getattr(self.instance, "start_year", None))
        end = attrs.get("end_year", getattr(self.instance, "end_year", None))
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError({"end_year": ["Ends before it starts."]})
        dates = [s["date"] for s in attrs.get("snapshots", [])]
        if len(dates) != len(set(dates)):
            raise serializers.ValidationError({"snapshots": ["Two snapshots share a date."]})
        return attrs

    def create(self, validated_data):
        return case_save(user=self.context["user"], data=validated_data)

    def update(self, instance, validated_data):
        return case_save(user=self.context["user"], data=validated_data, case=instance)

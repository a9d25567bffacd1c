from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contract.choices import ITEM_KIND_CHOICES, labelled
from contract.fields import COUNTRY_MAX_LENGTH, FIELDS, PHASES, REGIONS, TRACKS, Field
from contract.text import MAX_WHOLE_NUMBER
from core.api import ModelSerializer, NameField, SlugField, TextField
from recommendations.assessments.selectors import latest_point
from recommendations.engine.decision import SIGNPOST_NAMES
from recommendations.engine.trend import PHASE, TRENDS, WATCHED
from recommendations.models import (
    Assessment,
    Situation,
)

# Named in the schema by config/settings.py's ENUM_NAME_OVERRIDES (both fields are `field`).
TREND_FIELD_CHOICES = [(name, name) for name in (PHASE, *(name for name, _ in WATCHED))]
SIGNPOST_FIELD_CHOICES = [(name, name) for name in SIGNPOST_NAMES]


def _contract_field(field: Field) -> serializers.Field:
    """A DRF field describing one contract field (for the schema: the service validates)."""
    common: dict[str, Any] = {"required": field.required, "help_text": field.help or None}
    if not field.required and field.default is not None:
        common["default"] = field.default_value()
    if field.kind == "enum":
        return serializers.ChoiceField(choices=labelled(field.choices), **common)
    if field.kind == "bool":
        return serializers.BooleanField(**common)
    if field.kind == "int":
        return serializers.IntegerField(
            min_value=0, max_value=MAX_WHOLE_NUMBER, allow_null=True, **common
        )
    if field.kind == "id":
        return serializers.IntegerField(
            min_value=1, max_value=MAX_WHOLE_NUMBER, allow_null=True, **common
        )
    if field.kind == "list":
        return serializers.ListField(
            child=serializers.ChoiceField(choices=labelled(field.choices)),
            max_length=field.max_items,
            **common,
        )
    return (NameField if field.is_name else TextField)(
        # None (no limit) is DRF's own default, but the stub wants an int.
        max_length=field.max_length,  # type: ignore[arg-type]
        allow_null=not field.required,
        allow_blank=not field.required,
        **common,
    )


AssessmentInputSerializer = type(
    "AssessmentInput",
    (serializers.Serializer,),
    {"closed": True, **{f.name: _contract_field(f) for f in FIELDS}},
)
AssessmentInputSerializer.__doc__ = (
    "The situation assessment input (spec section 1, contract v2). Unknown fields are refused; "
    "optional fields left out take their defaults."
)
StoredInputSerializer = type(
    "StoredAssessmentInput",
    (serializers.Serializer,),
    {f.name: _contract_field(f) for f in FIELDS if f.name != "situation"},
)


class CitationRefSerializer(serializers.Serializer):
    # A declared field, not Field.source: DRF's metaclass takes it out of the class.
    source = TextField()  # type: ignore[assignment]
    locator = TextField()
    quote = TextField(required=False)


class ItemSerializer(serializers.Serializer):
    slug = TextField()
    name = TextField()
    rationale = TextField()
    rules = serializers.ListField(child=TextField())
    citations = CitationRefSerializer(many=True)
    robust = serializers.BooleanField(
        help_text="Recommended whatever the uncertain answers turn out to be (spec section 8.1)."
    )


class RecommendedSerializer(ItemSerializer):
    priority = serializers.ChoiceField(
        choices=[("key", "key"), ("supporting", "supporting")],
        help_text="Key items are the few that matter first (spec section 8.1).",
    )


class LeadOrganizationSerializer(ItemSerializer):
    reason = TextField()


class PartnerOrganizationSerializer(LeadOrganizationSerializer):
    """An organization to work with rather than to lead; `reason` says why (spec section 5)."""


class CaveatOutSerializer(RecommendedSerializer):
    text = TextField()


class ItemRefSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ITEM_KIND_CHOICES)
    slug = TextField()
    name = TextField()


class RuledOutSerializer(ItemRefSerializer):
    """What a reader would expect but the situation rules out, and why (spec section 8.1)."""

    reason = TextField()
    rules = serializers.ListField(child=TextField())
    citations = CitationRefSerializer(many=True)


class PhaseMoveSerializer(serializers.Serializer):
    # Declared under other names: `from` is a Python keyword.
    from_ = serializers.ChoiceField(choices=labelled(PHASES))
    to = serializers.ChoiceField(choices=labelled(PHASES))
    from_track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)
    to_track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class SignpostSerializer(serializers.Serializer):
    """One answer changed, and what it would change (spec section 8.1)."""

    field = serializers.ChoiceField(choices=SIGNPOST_FIELD_CHOICES)
    value = serializers.JSONField(
        help_text="The changed answer; for grievances, the grievance added or removed."
    )
    change = serializers.ChoiceField(
        choices=[("add", "add"), ("remove", "remove")],
        required=False,
        help_text="For grievances only: whether the grievance is added or removed.",
    )
    phase = PhaseMoveSerializer(allow_null=True, help_text="Null when the phase stays.")
    escalation = serializers.BooleanField(
        allow_null=True, help_text="Whether the move is further along the curve of conflict."
    )
    adds = ItemRefSerializer(many=True, help_text="Key actions that would appear.")
    removes = ItemRefSerializer(many=True, help_text="Key actions that would go.")


class RobustPhaseSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=labelled(PHASES))
    track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)
    combinations = serializers.IntegerField(min_value=1)


class RobustnessSerializer(serializers.Serializer):
    uncertain = serializers.ListField(child=TextField())
    combinations = serializers.IntegerField(min_value=1)
    phases = RobustPhaseSerializer(many=True)


class PhaseOutSerializer(serializers.Serializer):
    slug = serializers.ChoiceField(choices=labelled(PHASES))
    name = TextField()
    track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)


class SituationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    country = TextField()


class RulesetRefSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class AnalogySnapshotSerializer(serializers.Serializer):
    date = serializers.DateField()
    # A declared field, not Field.label: DRF's metaclass takes it out of the class.
    label = TextField()  # type: ignore[assignment]


class AnalogySerializer(serializers.Serializer):
    slug = TextField()
    title = TextField()
    similarity = serializers.FloatField(min_value=0, max_value=1)
    shared = serializers.ListField(child=TextField())
    snapshot = AnalogySnapshotSerializer()


class TraceSerializer(serializers.Serializer):
    rule = TextField()
    fired = serializers.BooleanField()
    because = TextField(allow_blank=True)
    facts = serializers.DictField()


class TrendDriverSerializer(serializers.Serializer):
    """One answer (or the phase) that changed since the previous assessment."""

    field = serializers.ChoiceField(choices=TREND_FIELD_CHOICES)
    from_ = serializers.JSONField(help_text="The earlier answer; for the phase, phase and track.")
    to = serializers.JSONField(help_text="The later answer; for the phase, phase and track.")
    direction = serializers.ChoiceField(choices=[("worse", "worse"), ("better", "better")])

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class TrendPreviousSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created = serializers.DateTimeField()
    ruleset = RulesetRefSerializer()


class TrendDetailsSerializer(serializers.Serializer):
    previous = TrendPreviousSerializer(help_text="The assessment this one is compared with.")
    against = TrendDriverSerializer(
        many=True, help_text="Watched answers that changed the other way."
    )
    same_answers = serializers.BooleanField(
        help_text="The answers are those of the previous assessment: the trend is unchanged, "
        "whatever other rules made of them."
    )
    rules_changed = serializers.BooleanField(help_text="The two were made under other rules.")
    conflict_risk_alert = serializers.BooleanField(
        help_text="The phase moved towards the Rubicon or into war."
    )
    key_actions_added = ItemRefSerializer(
        many=True, allow_null=True, help_text="Null when the previous one named no key actions."
    )
    key_actions_removed = ItemRefSerializer(many=True, allow_null=True)


class AssessmentSerializer(serializers.Serializer):
    """An assessment and its recommendation (spec section 8)."""

    id = serializers.IntegerField()
    situation = SituationRefSerializer()
    created = serializers.DateTimeField()
    ruleset = RulesetRefSerializer()
    input = StoredInputSerializer()
    phase = PhaseOutSerializer()
    roles = RecommendedSerializer(many=True)
    mission_models = RecommendedSerializer(many=True)
    lead_organizations = LeadOrganizationSerializer(many=True)
    partner_organizations = PartnerOrganizationSerializer(many=True)
    council_tools = RecommendedSerializer(many=True)
    caveats = CaveatOutSerializer(many=True)
    key_actions = ItemRefSerializer(many=True, help_text="At most 5, most important first.")
    ruled_out = RuledOutSerializer(many=True)
    signposts = SignpostSerializer(many=True)
    robustness = RobustnessSerializer()
    trend = serializers.ChoiceField(
        choices=[(t, t) for t in TRENDS],
        allow_null=True,
        help_text="Against the situation's previous assessment; null for its first.",
    )
    trend_drivers = TrendDriverSerializer(
        many=True, help_text="What drove the trend, the phase first, then the gravest answer."
    )
    trend_details = TrendDetailsSerializer(allow_null=True)
    analogous_cases = AnalogySerializer(many=True)
    trace = TraceSerializer(many=True)


class AssessmentSummarySerializer(ModelSerializer):
    situation = serializers.SerializerMethodField()
    ruleset = serializers.SerializerMethodField()
    phase = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "situation", "created", "ruleset", "phase"]

    @extend_schema_field(SituationRefSerializer)
    def get_situation(self, obj):
        return {"id": obj.situation_id, "country": obj.situation.country}

    @extend_schema_field(RulesetRefSerializer)
    def get_ruleset(self, obj):
        return {"version": obj.ruleset.version}

    @extend_schema_field(PhaseOutSerializer)
    def get_phase(self, obj):
        return {"slug": obj.phase.slug, "name": obj.phase.name, "track": obj.track or None}


class HistoryPointSerializer(serializers.Serializer):
    assessment = serializers.IntegerField()
    date = serializers.DateTimeField()
    phase = serializers.ChoiceField(choices=labelled(PHASES))
    track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)
    trend = serializers.ChoiceField(
        choices=[(t, t) for t in TRENDS],
        allow_null=True,
        help_text="Against the assessment before; null for the first.",
    )


class SituationSerializer(ModelSerializer):
    team = SlugField(source="team.slug", read_only=True)
    latest = serializers.SerializerMethodField()
    assessments = serializers.IntegerField(source="assessment_count", read_only=True)

    class Meta:
        model = Situation
        fields = ["id", "country", "region", "team", "created", "updated", "assessments", "latest"]
        read_only_fields = ["created", "updated"]

    @extend_schema_field(HistoryPointSerializer(allow_null=True))
    def get_latest(self, obj):
        return latest_point(obj)


class SituationDetailSerializer(SituationSerializer):
    history = HistoryPointSerializer(many=True, read_only=True)

    class Meta(SituationSerializer.Meta):
        fields = [*SituationSerializer.Meta.fields, "history"]


class SituationCreateSerializer(serializers.Serializer):
    country = NameField(max_length=COUNTRY_MAX_LENGTH)
    region = serializers.ChoiceField(choices=labelled(REGIONS))
    team = SlugField(required=False, help_text="One of your teams (default: your first).")

    def validate_country(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("This field may not be blank.")
        return value


class SituationUpdateSerializer(SituationCreateSerializer):
    country = NameField(max_length=COUNTRY_MAX_LENGTH, required=False)
    region = serializers.ChoiceField(choices=labelled(REGIONS), required=False)
    team = None  # type: ignore[assignment]  # DRF: None drops the inherited field


class WatchLatestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created = serializers.DateTimeField()
    created_by = TextField(allow_null=True, help_text="The author's user name.")
    phase = serializers.ChoiceField(choices=labelled(PHASES))
    track = serializers.ChoiceField(choices=labelled(TRACKS), allow_null=True)


class WatchSignpostSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=SIGNPOST_FIELD_CHOICES)
    value = serializers.JSONField()
    change = serializers.ChoiceField(choices=[("add", "add"), ("remove", "remove")], required=False)
    phase = PhaseMoveSerializer()
    escalation = serializers.BooleanField()


class WatchRowSerializer(serializers.Serializer):
    """One situation on the watchlist."""

    situation = SituationRefSerializer()
    team = SlugField()
    region = serializers.ChoiceField(choices=labelled(REGIONS))
    latest = WatchLatestSerializer(allow_null=True, help_text="Null before a first assessment.")
    trend = serializers.ChoiceField(choices=[(t, t) for t in TRENDS], allow_null=True)
    trend_drivers = TrendDriverSerializer(many=True)
    conflict_risk_alert = serializers.BooleanField(
        help_text="The latest assessment moved towards the Rubicon or into war."
    )
    due_for_reassessment = serializers.BooleanField()
    signposts = WatchSignpostSerializer(
        many=True, help_text="At most 3: what would move the phase, escalations first."
    )

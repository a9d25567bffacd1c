"""Event data through the API."""

from __future__ import annotations

from rest_framework import serializers

from core.api import ModelSerializer, QueryParameters, TextField
from events.models import CountryMapping, Event, EventDataset


class EventDatasetSerializer(ModelSerializer):
    uploaded_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = EventDataset
        fields = [
            "id",
            "name",
            "uploaded_by",
            "uploaded",
            "row_count",
            "covers_from",
            "covers_to",
            "run",
        ]


class EventUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="A UCDP GED CSV as UCDP releases it: a header row of GED's 49 columns, in "
        "any order."
    )
    name = TextField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The release, such as `UCDP GED 25.1`; blank or absent: from UCDP's file "
        "name (GEDEvent_v25_1.csv).",
    )


class EventSerializer(ModelSerializer):
    id = serializers.IntegerField(source="ucdp_id", help_text="UCDP's id of the event.")
    dataset: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="name", read_only=True
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "dataset",
            "year",
            "type_of_violence",
            "conflict_name",
            "dyad_name",
            "side_a",
            "side_b",
            "country",
            "country_id",
            "region",
            "adm_1",
            "adm_2",
            "where_description",
            "latitude",
            "longitude",
            "date_start",
            "date_end",
            "date_prec",
            "deaths_a",
            "deaths_b",
            "deaths_civilians",
            "deaths_unknown",
            "best",
            "low",
            "high",
            "number_of_sources",
            "source_article",
        ]


class EventFilterSerializer(QueryParameters):
    country = TextField(
        required=False, help_text="A situation's country: the events of its UCDP names."
    )
    ucdp_country = TextField(required=False, help_text="A UCDP country name.")
    start = serializers.DateField(required=False, help_text="Began on or after this day.")
    end = serializers.DateField(
        required=False,
        help_text="Began on or before this day. Given before `start`, the two are read the "
        "other way round.",
    )
    dataset = serializers.IntegerField(required=False, min_value=1, help_text="A dataset's id.")

    def validate(self, attrs):
        # Given the wrong way round, the days are read the right way round, as the library's
        # years are: a 400 would refuse a request the schema calls valid.
        if attrs.get("start") and attrs.get("end") and attrs["start"] > attrs["end"]:
            attrs["start"], attrs["end"] = attrs["end"], attrs["start"]
        return attrs


class SuggestionQuerySerializer(QueryParameters):
    country = TextField(help_text="A situation's country, as situations name it.")
    on = serializers.DateField(
        required=False, help_text="The assessment's day (default: today): the window ends on it."
    )


class SuggestionSerializer(serializers.Serializer):
    country = TextField()
    ucdp_names = serializers.ListField(
        child=TextField(), help_text="The UCDP country names mapped to it."
    )
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    event_count = serializers.IntegerField()
    best = serializers.IntegerField(help_text="`recent_fatalities` suggested: deaths (best).")
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    previous_best = serializers.IntegerField(help_text="Deaths in the window before.")
    violence_level = TextField(help_text="`violence_level` suggested.")
    datasets = serializers.ListField(child=TextField())
    covered_to = serializers.DateField(help_text="The last day the event data cover.")
    partly_covered = serializers.BooleanField(
        source="partial", help_text="The data end before the window does."
    )
    events_url = TextField(help_text="The page listing the events counted.")


class CountryMappingSerializer(ModelSerializer):
    class Meta:
        model = CountryMapping
        fields = ["id", "ucdp_name", "envoy_name", "updated"]
        read_only_fields = ["id", "ucdp_name", "updated"]


class SuggestionAnswerSerializer(serializers.Serializer):
    suggestion = SuggestionSerializer(
        allow_null=True, help_text="Null before any dataset covers the window."
    )

"""Webhook endpoints and their deliveries through the API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from rest_framework import serializers

from accounts.models import Team
from core.api import ModelSerializer, SlugField, TextField
from webhooks.events import EVENT_CHOICES
from webhooks.models import Delivery, Endpoint


class EndpointSerializer(ModelSerializer):
    team: serializers.SlugRelatedField[Team] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_CHOICES), read_only=True
    )
    created_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    deliveries_url = serializers.SerializerMethodField(help_text="The endpoint's deliveries.")
    page_url = serializers.SerializerMethodField(help_text="The endpoint's page in the web app.")

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "team",
            "url",
            "description",
            "events",
            "active",
            "created",
            "created_by",
            "secret_rotated",
            "previous_secret_expires",
            "deliveries_url",
            "page_url",
        ]
        extra_kwargs = {
            "previous_secret_expires": {
                "help_text": "Until then the previous secret also signs each delivery."
            }
        }

    def get_deliveries_url(self, endpoint: Endpoint) -> str:
        return f"/api/v1/webhooks/{endpoint.pk}/deliveries/"

    def get_page_url(self, endpoint: Endpoint) -> str:
        return f"/webhooks/{endpoint.pk}/"


class EndpointWithSecretSerializer(EndpointSerializer):
    secret = TextField(
        read_only=True,
        help_text="The signing secret (`whsec_...`), given only in this answer: keep it now.",
    )

    class Meta(EndpointSerializer.Meta):
        fields = [*EndpointSerializer.Meta.fields, "secret"]


class EndpointWriteSerializer(serializers.Serializer):
    url = TextField(
        max_length=2000,
        help_text="An http(s) URL that resolves to public addresses only.",
    )
    events = serializers.MultipleChoiceField(
        choices=EVENT_CHOICES, help_text="The events to send to this URL (at least one)."
    )
    description = TextField(max_length=200, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False, help_text="Off: no event is sent.")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        values = super().to_internal_value(data)
        if "events" in values:
            values["events"] = sorted(values["events"])
        return values


class EndpointCreateSerializer(EndpointWriteSerializer):
    team = SlugField(
        required=False,
        help_text="The slug of one of your teams; without it, your first team.",
    )


class DeliverySerializer(ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "event_type",
            "msg_id",
            "test",
            "status",
            "attempts",
            "next_attempt",
            "last_attempt",
            "last_status_code",
            "last_answer",
            "last_error",
            "created",
            "finished",
            "payload",
        ]
        extra_kwargs = {
            "msg_id": {"help_text": "The `webhook-id` header: the same on every attempt."},
            "last_answer": {"help_text": "The start of the receiver's last answer."},
            "next_attempt": {"help_text": "When a pending delivery is tried next."},
        }

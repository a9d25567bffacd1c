"""REST endpoints for webhooks: thin views over the services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.levels import signed_in
from accounts.permissions import CuratorsOnly
from contract.errors import InvalidInput
from core.api import QueryParameters, ThrottleFirst
from webhooks.models import Delivery, Endpoint
from webhooks.selectors import endpoint_deliveries, endpoints_visible_to, webhook_teams
from webhooks.serializers import (
    DeliverySerializer,
    EndpointCreateSerializer,
    EndpointSerializer,
    EndpointWithSecretSerializer,
    EndpointWriteSerializer,
)
from webhooks.services import (
    delivery_retry,
    endpoint_create,
    endpoint_delete,
    endpoint_secret_rotate,
    endpoint_send_test,
    endpoint_update,
)


class DeliveryFilterSerializer(QueryParameters):
    status = serializers.ChoiceField(choices=Delivery.Status.values, required=False)


@extend_schema_view(
    list=extend_schema(
        summary="List your teams' webhook endpoints",
        description="Curators: the endpoints registered for your teams.",
    ),
    retrieve=extend_schema(
        summary="One webhook endpoint",
        description="Curators of its team: its URL, events and state; never its secret.",
    ),
    create=extend_schema(
        summary="Register a webhook endpoint",
        description="Curators: a URL of another tool that receives your team's events, signed "
        "with a new secret that this answer alone gives. The URL must be http(s) and resolve "
        "to public addresses only.",
        request=EndpointCreateSerializer,
        responses={201: EndpointWithSecretSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a webhook endpoint",
        description="Curators of its team: the URL, events, description or state given "
        "change; the secret stays.",
        request=EndpointWriteSerializer,
        responses={200: EndpointSerializer},
    ),
    destroy=extend_schema(
        summary="Delete a webhook endpoint",
        description="Curators of its team: the endpoint and its deliveries.",
    ),
)
class WebhookEndpointViewSet(ThrottleFirst, viewsets.ModelViewSet):
    permission_classes = [CuratorsOnly]
    serializer_class = EndpointSerializer
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        return endpoints_visible_to(self.request.user)

    def _team(self, slug: str | None) -> Any:
        teams = webhook_teams(self.request.user)
        team = teams.filter(slug=slug).first() if slug else teams.first()
        if team is None:
            message = f"You are not a member of a team {slug!r}." if slug else "You have no team."
            raise InvalidInput({"team": [message]})
        return team

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = EndpointCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        endpoint = endpoint_create(
            user=signed_in(request.user), team=self._team(values.pop("team", None)), **values
        )
        return Response(EndpointWithSecretSerializer(endpoint).data, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = EndpointWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        endpoint = endpoint_update(
            user=signed_in(request.user), endpoint=self.get_object(), **data.validated_data
        )
        return Response(EndpointSerializer(self.get_queryset().get(pk=endpoint.pk)).data)

    def perform_destroy(self, instance: Endpoint) -> None:
        endpoint_delete(user=signed_in(self.request.user), endpoint=instance)

    @extend_schema(
        summary="Give a webhook endpoint a new secret",
        request=None,
        responses={200: EndpointWithSecretSerializer},
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        """A new signing secret, given only in this answer. The previous one still signs
        each delivery beside it until `previous_secret_expires`, so the receiver can switch
        to the new one without losing an event."""
        endpoint = endpoint_secret_rotate(user=signed_in(request.user), endpoint=self.get_object())
        return Response(EndpointWithSecretSerializer(endpoint).data)

    @extend_schema(summary="Send a test event", request=None, responses={202: DeliverySerializer})
    @action(detail=True, methods=["post"])
    def test(self, request: Request, pk: str | None = None) -> Response:
        """Queue a `webhook.test` event (its data marked `"test": true`) to this endpoint,
        whatever events it subscribes to; its delivery says how it went."""
        delivery = endpoint_send_test(user=signed_in(request.user), endpoint=self.get_object())
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="A webhook endpoint's deliveries",
        parameters=[DeliveryFilterSerializer],
        responses={200: DeliverySerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """Every event sent or to be sent to this endpoint, newest first: its status,
        attempts, next attempt and the receiver's last answer."""
        params = DeliveryFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = endpoint_deliveries(self.get_object(), params.validated_data.get("status"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)

    @extend_schema(
        summary="Send a failed delivery again",
        request=None,
        responses={202: DeliverySerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_id>[0-9]+)/retry",
        url_name="delivery-retry",
    )
    def retry(self, request: Request, pk: str | None = None, delivery_id: str = "") -> Response:
        """Try a failed delivery again, from now, with the whole retry schedule ahead."""
        delivery = endpoint_deliveries(self.get_object()).filter(pk=delivery_id).first()
        if delivery is None:
            raise NotFound("No such delivery of this endpoint.")
        delivery = delivery_retry(user=signed_in(request.user), delivery=delivery)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

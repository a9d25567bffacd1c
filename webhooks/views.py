"""Curators' webhook pages: their teams' endpoints, each with its deliveries.

Each change is a POST that calls one service of `webhooks.services`. A new secret (on
registration and on rotation) is shown in the answer to that POST, and never again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import level_required
from accounts.levels import CURATOR, signed_in
from contract.errors import InvalidInput
from core.errors import form_errors, returns_to
from webhooks.forms import EndpointForm, endpoint_initial
from webhooks.models import Delivery, Endpoint
from webhooks.selectors import endpoint_deliveries, endpoints_visible_to, webhook_teams
from webhooks.services import (
    delivery_retry,
    endpoint_create,
    endpoint_delete,
    endpoint_secret_rotate,
    endpoint_send_test,
    endpoint_update,
)

DELIVERIES_PER_PAGE = 25


def _endpoint_or_404(request: HttpRequest, pk: int) -> Endpoint:
    return get_object_or_404(endpoints_visible_to(request.user), pk=pk)


@level_required(CURATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_list(request: HttpRequest) -> HttpResponse:
    """The endpoints of the curator's teams; a POST registers one and shows its secret."""
    teams = webhook_teams(request.user)
    form = EndpointForm(teams=teams, initial=endpoint_initial(teams.first()))
    if request.method == "POST":
        form = EndpointForm(request.POST, teams=teams)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                endpoint = endpoint_create(user=signed_in(request.user), **values)
            except InvalidInput as exc:
                form_errors(form, exc)
            else:
                return _detail_page(
                    request, _endpoint_or_404(request, endpoint.pk), endpoint.secret
                )
    return render(
        request,
        "webhooks/endpoint_list.html",
        {"endpoints": endpoints_visible_to(request.user), "form": form, "teams": teams},
    )


def _detail_page(
    request: HttpRequest,
    endpoint: Endpoint,
    new_secret: str = "",
    form: EndpointForm | None = None,
) -> HttpResponse:
    status = request.GET.get("status")
    status = status if status in Delivery.Status.values else ""
    deliveries = Paginator(endpoint_deliveries(endpoint, status), DELIVERIES_PER_PAGE)
    initial = {
        "url": endpoint.url,
        "events": endpoint.events,
        "description": endpoint.description,
        "active": endpoint.active,
    }
    return render(
        request,
        "webhooks/endpoint_detail.html",
        {
            "endpoint": endpoint,
            "new_secret": new_secret,
            "form": form or EndpointForm(initial=initial),
            "page": deliveries.get_page(request.GET.get("page")),
            "status": status,
            "statuses": Delivery.Status.choices,
            "grace_hours": settings.WEBHOOKS_SECRET_GRACE_HOURS,
        },
    )


@level_required(CURATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An endpoint and its deliveries; a POST changes its settings."""
    endpoint = _endpoint_or_404(request, pk)
    if request.method != "POST":
        return _detail_page(request, endpoint)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            endpoint_update(user=signed_in(request.user), endpoint=endpoint, **form.cleaned_data)
        except InvalidInput as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The endpoint is saved."))
            return redirect("webhook-detail", pk=endpoint.pk)
    return _detail_page(request, _endpoint_or_404(request, pk), form=form)


@returns_to("webhook-detail", "pk")
@level_required(CURATOR)
@require_POST
def endpoint_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = endpoint_secret_rotate(
        user=signed_in(request.user), endpoint=_endpoint_or_404(request, pk)
    )
    return _detail_page(request, _endpoint_or_404(request, pk), endpoint.secret)


@returns_to("webhook-detail", "pk")
@level_required(CURATOR)
@require_POST
def endpoint_test(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint_send_test(user=signed_in(request.user), endpoint=_endpoint_or_404(request, pk))
    messages.success(
        request, _("A test event is on its way: its delivery is listed below. Reload to follow it.")
    )
    return redirect("webhook-detail", pk=pk)


@returns_to("webhook-detail", "pk")
@level_required(CURATOR)
@require_POST
def delivery_retry_view(request: HttpRequest, pk: int, delivery_id: int) -> HttpResponse:
    endpoint = _endpoint_or_404(request, pk)
    delivery = get_object_or_404(endpoint_deliveries(endpoint), pk=delivery_id)
    delivery_retry(user=signed_in(request.user), delivery=delivery)
    messages.success(request, _("The delivery will be sent again."))
    return redirect("webhook-detail", pk=pk)


@returns_to("webhook-detail", "pk")
@level_required(CURATOR)
@require_POST
def endpoint_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint_or_404(request, pk)
    endpoint_delete(user=signed_in(request.user), endpoint=endpoint)
    messages.success(request, _("The endpoint %(url)s is deleted.") % {"url": endpoint.url})
    return redirect("webhook-list")

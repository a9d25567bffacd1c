"""Event data pages: the datasets and their upload, the events (filtered by country and
days), and the mapping of UCDP's country names to situations' countries."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import CURATOR, VIEWER, signed_in
from contract.errors import InvalidInput
from core.errors import form_errors
from core.http import require_safe_or_post
from core.limits import accepts_upload
from events.forms import EventFilterForm, MappingForm, UploadForm
from events.ged import COLUMNS
from events.models import CountryMapping
from events.selectors import dataset_list, event_list, event_totals, mapping_list
from events.services import country_mapping_update, event_import_start

EVENTS_PER_PAGE = 50


@require_safe
@level_required(VIEWER)
def dataset_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "events/dataset_list.html", {"datasets": dataset_list()})


@accepts_upload(limit="EVENT_IMPORT_MAX_BYTES")
@require_safe_or_post
@level_required(CURATOR)
def event_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = event_import_start(
                user=signed_in(request.user),
                upload=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
            )
        except InvalidInput as exc:
            form_errors(form, exc)
        else:
            return redirect("task-detail", pk=run.pk)
    return render(request, "events/upload.html", {"form": form, "columns": COLUMNS})


@require_safe
@level_required(VIEWER)
def event_list_view(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    events = event_list()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        events = event_list(
            country=data["country"],
            ucdp_country=data["ucdp_country"],
            start=data["start"],
            end=data["end"],
            dataset=data["dataset"].pk if data["dataset"] else None,
        )
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {"form": form, "page": page, "totals": event_totals(events), "query": query.urlencode()},
    )


@require_safe
@level_required(VIEWER)
def mapping_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "events/mapping_list.html", {"mappings": mapping_list()})


@require_safe_or_post
@level_required(CURATOR)
def mapping_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = CountryMapping.objects.filter(pk=pk).first()
    if mapping is None:
        raise Http404(_("No such country name."))
    form = MappingForm(request.POST or None, initial={"envoy_name": mapping.envoy_name})
    if request.method == "POST" and form.is_valid():
        try:
            country_mapping_update(
                user=signed_in(request.user), mapping=mapping, name=form.cleaned_data["envoy_name"]
            )
        except InvalidInput as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(ucdp)s now stands for %(envoy)s.")
                % {"ucdp": mapping.ucdp_name, "envoy": mapping.envoy_name},
            )
            return redirect("country-mapping-list")
    return render(request, "events/mapping_form.html", {"form": form, "mapping": mapping})

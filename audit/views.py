"""The audit trail page: who changed what and when, for curators."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import CURATOR
from audit.selectors import audit_entries, audited_kinds, entries_with_changes, entry_pages

ENTRIES_PER_PAGE = 50


def _kind_choices():
    kinds = sorted(audited_kinds().items(), key=lambda item: str(item[1]._meta.verbose_name))
    return [("", _("Everything"))] + [
        (name, str(model._meta.verbose_name).capitalize()) for name, model in kinds
    ]


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False)
    object = forms.IntegerField(label=_("Item number"), required=False, min_value=1)
    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    action = forms.TypedChoiceField(
        label=_("Change"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(value, label) for value, label in LogEntry.Action.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # self.fields holds a copy of the ChoiceField declared above; Django types it as Field.
        self.fields["kind"].choices = _kind_choices()  # type: ignore[attr-defined]


@level_required(CURATOR)
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "kind": data["kind"] or None,
            "object_id": data["object"],
            "actor": data["actor"].strip() or None,
            "action": data["action"],
        }
    entries = audit_entries(request.user, **filters) if not form.errors else LogEntry.objects.none()
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    pages = entry_pages(page)
    rows = [(entry, changes, pages.get(entry.pk)) for entry, changes in entries_with_changes(page)]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )

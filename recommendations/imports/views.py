"""The import page: upload a file of assessments, or take the CSV template."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import ANALYST, signed_in
from accounts.models import Team
from accounts.selectors import teams_of
from contract.errors import InvalidInput
from contract.fields import FIELDS
from core.errors import form_errors, returns_to
from core.http import require_safe_or_post
from core.limits import accepts_upload
from core.spreadsheets import csv_writer
from recommendations.imports.services import EXTRA_COLUMNS, template_rows
from recommendations.imports.services import import_start as import_service


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or JSON, at most the size the site allows."),
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), to_field_name="slug", label=gettext_lazy("Team")
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[
            ("", gettext_lazy("From the file name")),
            ("csv", "CSV"),
            ("json", "JSON"),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams_of(user)
        # self.fields holds a copy of the ModelChoiceField declared above, typed as Field.
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        first = teams.first()
        if first is not None:
            self.fields["team"].initial = first.slug


@accepts_upload
@returns_to("import-new")
@level_required(ANALYST)
@require_safe_or_post
def import_new(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            run = import_service(
                user=signed_in(request.user),
                upload=form.cleaned_data["file"],
                team=form.cleaned_data["team"].slug,
                fmt=form.cleaned_data["format"] or None,
            )
        except InvalidInput as exc:
            form_errors(form, exc)
        else:
            return redirect("task-detail", pk=run.pk)
    columns = [f.name for f in FIELDS] + list(EXTRA_COLUMNS)
    return render(
        request,
        "recommendations/imports/import_form.html",
        {"form": form, "fields": FIELDS, "columns": columns},
    )


@level_required(ANALYST)
@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the header row and one example row, to fill in."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="envoy-import-template.csv"'
    csv_writer(response).writerows(template_rows())
    return response

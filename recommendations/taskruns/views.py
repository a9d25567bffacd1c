"""Pages for background work: importing a file, re-evaluating situations, and each task's
progress (updated in place by static/progress.js) and report."""

from __future__ import annotations

import csv
import json

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import level_required
from accounts.levels import ANALYST, CURATOR, VIEWER
from accounts.models import Team
from accounts.selectors import teams_of
from contract.errors import NotAllowed
from contract.fields import FIELDS
from recommendations.assessments.reevaluation import reevaluation_start
from recommendations.assessments.selectors import import_rows, task_get, task_list
from recommendations.engine import ContractError
from recommendations.imports.services import EXTRA_COLUMNS, template_rows
from recommendations.imports.services import import_start as import_service
from recommendations.models import ImportRow, TaskRun
from recommendations.taskruns.services import TaskQueueUnavailable

ROWS_PER_PAGE = 50


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
        self.fields["team"].queryset = teams
        first = teams.first()
        if first is not None:
            self.fields["team"].initial = first.slug


@level_required(ANALYST)
def import_new(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            run = import_service(
                user=request.user,
                upload=form.cleaned_data["file"],
                team=form.cleaned_data["team"].slug,
                fmt=form.cleaned_data["format"] or None,
            )
        except ContractError as exc:
            for field, errors in exc.errors.items():
                form.add_error(field if field in form.fields else None, errors)
        except (NotAllowed, TaskQueueUnavailable) as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("task-detail", pk=run.pk)
    columns = [f.name for f in FIELDS] + list(EXTRA_COLUMNS)
    return render(
        request,
        "tasks/import_form.html",
        {"form": form, "fields": FIELDS, "columns": columns},
    )


@level_required(ANALYST)
def import_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the header row and one example row, to fill in."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="envoy-import-template.csv"'
    csv.writer(response).writerows(template_rows())
    return response


@require_POST
@level_required(CURATOR)
def reevaluate(request: HttpRequest) -> HttpResponse:
    try:
        run = reevaluation_start(user=request.user)
    except (NotAllowed, TaskQueueUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect("situation-list")
    return redirect("task-detail", pk=run.pk)


@level_required(VIEWER)
def task_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(task_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "tasks/task_list.html", {"page": page})


def _task_or_404(request: HttpRequest, pk) -> TaskRun:
    run = task_get(request.user, pk)
    if run is None:
        raise Http404(_("No such task."))
    return run


@level_required(VIEWER)
def task_detail(request: HttpRequest, pk) -> HttpResponse:
    run = _task_or_404(request, pk)
    context = {
        "run": run,
        "finished": run.state in ("succeeded", "failed"),
        "states": TaskRun.State.choices,
    }
    if run.kind == TaskRun.Kind.IMPORT:
        status = request.GET.get("status") or ImportRow.Status.REJECTED
        if status not in ImportRow.Status.values:
            status = ImportRow.Status.REJECTED
        rows = import_rows(run, status)
        context["status"] = status
        context["statuses"] = ImportRow.Status.choices
        context["rows"] = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "tasks/task_detail.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@level_required(VIEWER)
def task_rows_csv(request: HttpRequest, pk) -> StreamingHttpResponse:
    """An import's whole report as CSV, streamed row by row."""
    run = _task_or_404(request, pk)
    if run.kind != TaskRun.Kind.IMPORT:
        raise Http404(_("Only imports have a row report."))
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(["row", "key", "status", "assessment", "errors"])
        for row in import_rows(run).iterator(chunk_size=2000):
            errors = json.dumps(row.errors, ensure_ascii=False) if row.errors else ""
            yield writer.writerow([row.line, row.key, row.status, row.assessment_id or "", errors])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-report.csv"'
    return response

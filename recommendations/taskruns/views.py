"""Pages for background work: importing a file, re-evaluating situations, and each task's
progress (updated in place by static/progress.js) and report."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import level_required
from accounts.levels import ANALYST, VIEWER, signed_in
from core.spreadsheets import csv_writer
from recommendations.imports.services import import_resume
from recommendations.models import ImportRow, TaskRun
from recommendations.taskruns.selectors import import_rows, task_get, task_list
from recommendations.taskruns.services import NotResumable, TaskQueueUnavailable

ROWS_PER_PAGE = 50
# The kinds of task that report on each row of a file.
REPORTED = (TaskRun.Kind.IMPORT, TaskRun.Kind.EVENT_IMPORT)


@level_required(VIEWER)
@require_safe
def task_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(task_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "recommendations/taskruns/task_list.html", {"page": page})


def _task_or_404(request: HttpRequest, pk) -> TaskRun:
    run = task_get(request.user, pk)
    if run is None:
        raise Http404(_("No such task."))
    return run


@level_required(VIEWER)
@require_safe
def task_detail(request: HttpRequest, pk) -> HttpResponse:
    run = _task_or_404(request, pk)
    context = {
        "run": run,
        "finished": not run.running,
        "states": TaskRun.State.choices,
    }
    if run.kind in REPORTED:
        status = request.GET.get("status") or ImportRow.Status.REJECTED
        if status not in ImportRow.Status.values:
            status = ImportRow.Status.REJECTED
        rows = import_rows(run, status)
        context["status"] = status
        context["statuses"] = ImportRow.Status.choices
        context["rows"] = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "recommendations/taskruns/task_detail.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@level_required(VIEWER)
@require_safe
def task_rows_csv(request: HttpRequest, pk) -> StreamingHttpResponse:
    """An import's whole report as CSV, streamed row by row."""
    run = _task_or_404(request, pk)
    if run.kind not in REPORTED:
        raise Http404(_("Only imports have a row report."))
    writer = csv_writer(_Echo())

    def lines():
        yield writer.writerow(["row", "key", "status", "assessment", "errors"])
        for row in import_rows(run).iterator(chunk_size=2000):
            errors = json.dumps(row.errors, ensure_ascii=False) if row.errors else ""
            yield writer.writerow([row.line, row.key, row.status, row.assessment_id or "", errors])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-report.csv"'
    return response


@require_POST
@level_required(ANALYST)
def task_resume(request: HttpRequest, pk) -> HttpResponse:
    """Carry on an interrupted import where it stopped."""
    run = _task_or_404(request, pk)
    if run.kind != TaskRun.Kind.IMPORT:
        raise Http404(_("Only imports can be resumed."))
    try:
        import_resume(user=signed_in(request.user), run=run)
    except NotResumable:
        messages.info(request, _("This import is not interrupted: there is nothing to resume."))
    except TaskQueueUnavailable as exc:
        messages.error(request, str(exc))
    return redirect("task-detail", pk=run.pk)

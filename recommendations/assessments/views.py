"""Analyst pages: situations, the situation form, explained results, trajectories."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import level_required
from accounts.levels import ANALYST, CURATOR, VIEWER, signed_in
from contract.text import whole_number
from core.errors import form_errors, returns_to
from core.forms import ConfirmForm
from core.http import require_safe_or_post
from core.labels import CHOICES
from recommendations.assessments.briefings import as_docx, as_markdown, briefing_of
from recommendations.assessments.forms import SituationForm, WatchlistForm
from recommendations.assessments.prefill import assessment_create_with_prefill, prefill_for
from recommendations.assessments.presenters import trajectory
from recommendations.assessments.reevaluation import reevaluation_pending, reevaluation_start
from recommendations.assessments.result_view import (
    byline,
    decision_view,
    trend_summary,
    watch_for,
)
from recommendations.assessments.selectors import (
    assessment_body,
    assessment_get,
    assessments_compare,
    catalogue_labels,
    result_references,
    situation_get,
    situation_list,
)
from recommendations.assessments.trends import history_trends
from recommendations.assessments.watchlist import watchlist, watchlist_csv
from recommendations.engine import ContractError
from recommendations.models import Assessment

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@level_required(VIEWER)
@require_safe
def situation_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recommendations/assessments/situation_list.html",
        {"situations": situation_list(request.user)},
    )


def _watch_rows(request: HttpRequest) -> tuple[WatchlistForm, list[dict[str, Any]]]:
    form = WatchlistForm(request.GET)
    rows = [
        {
            "row": row,
            "trend": trend_summary(row.trend),
            "watch_for": watch_for(row.signposts),
        }
        for row in watchlist(request.user, form.filters())
    ]
    return form, rows


@require_safe
@level_required(VIEWER)
def watchlist_view(request: HttpRequest) -> HttpResponse:
    """The team's portfolio: phase, trend and its drivers, last assessment, due, what to
    watch for; filtered and sorted by the query string."""
    form, rows = _watch_rows(request)
    return render(
        request,
        "recommendations/assessments/watchlist.html",
        {
            "form": form,
            "rows": rows,
            "alerts": sum(1 for r in rows if r["row"].alert),
            "query": request.GET.urlencode(),
        },
    )


@require_safe
@level_required(VIEWER)
def watchlist_csv_view(request: HttpRequest) -> HttpResponse:
    """The watchlist as the page filters it, as CSV."""
    _, rows = _watch_rows(request)
    by_row = {id(r["row"]): r for r in rows}
    text = watchlist_csv(
        [r["row"] for r in rows],
        describe=lambda row: {
            "drivers": (by_row[id(row)]["trend"] or {}).get("drivers", []),
            "watch_for": by_row[id(row)]["watch_for"],
        },
        url_of=lambda a: request.build_absolute_uri(reverse("assessment-detail", args=[a.pk])),
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="envoy-watchlist.csv"'
    return response


def _situation_or_404(request, pk):
    situation = situation_get(request.user, pk)
    if situation is None:
        raise Http404(_("No such situation."))
    return situation


@level_required(VIEWER)
@require_safe
def situation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    situation = _situation_or_404(request, pk)
    assessments = list(situation.assessments.select_related("phase").order_by("created", "id"))
    for assessment, trend in zip(assessments, history_trends(assessments), strict=True):
        assessment.trend = trend_summary(trend)
    return render(
        request,
        "recommendations/assessments/situation_detail.html",
        {"situation": situation, "assessments": assessments, "chart": trajectory(assessments)},
    )


@level_required(VIEWER)
@require_safe
def situation_compare(request: HttpRequest, pk: int) -> HttpResponse:
    situation = _situation_or_404(request, pk)
    assessments = situation.assessments.select_related("phase")
    before_id = whole_number(request.GET.get("before", ""), minimum=1)
    after_id = whole_number(request.GET.get("after", ""), minimum=1)
    try:
        before = assessments.get(pk=before_id)
        after = assessments.get(pk=after_id)
    except Assessment.DoesNotExist:
        messages.error(request, _("Choose two assessments of this situation to compare."))
        return redirect("situation-detail", pk=pk)
    return render(
        request,
        "recommendations/assessments/situation_compare.html",
        {
            "situation": situation,
            "before": before,
            "after": after,
            "diff": assessments_compare(before, after),
        },
    )


@level_required(ANALYST)
@require_safe_or_post
def assessment_new(request: HttpRequest) -> HttpResponse:
    """The situation form; `?from=<assessment>` starts from that assessment's input,
    `?country=` with that country.

    Valid answers that contradict each other are not saved until the analyst confirms those
    very contradictions (the form shows them as warnings); nor before the analyst has seen
    what event data suggest for the country (`prefill`)."""
    start_id = whole_number(request.GET.get("from", ""), minimum=1)
    start = assessment_get(request.user, start_id) if start_id else None
    situation_id: int | str | None = start.situation_id if start else None
    if request.method == "POST":
        prefill = prefill_for(request.POST.get("country", ""), request.POST)
        form = SituationForm(prefill.answers(request.POST))
        situation_id = request.POST.get("situation") or None
        if form.is_valid() and not form.awaiting_confirmation and not prefill.awaiting:
            data = form.contract_data()
            if situation_id:  # an id, or the text the contract refuses as one
                data["situation"] = whole_number(str(situation_id), minimum=1) or situation_id
            try:
                assessment = assessment_create_with_prefill(
                    user=signed_in(request.user), data=data, prefill=prefill
                )
            except ContractError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect("assessment-detail", pk=assessment.pk)
    else:
        initial = SituationForm.initial_from(start.input) if start else {}
        if not start and request.GET.get("country"):
            initial["country"] = request.GET["country"][:200]
        form = SituationForm(initial=initial or None)
        prefill = prefill_for(initial.get("country", ""))
    return render(
        request,
        "recommendations/assessments/assessment_form.html",
        {
            "form": form,
            "start": start,
            "situation_id": situation_id,
            "prefill": prefill,
            "suggestion": prefill.suggestion,
            "suggested_level": CHOICES.get(prefill.suggestion.violence_level, "")
            if prefill.suggestion
            else "",
        },
    )


def _body_or_404(request, pk):
    """The assessment and its result as the pages show it (`result_view.decision_view`)."""
    assessment = assessment_get(request.user, pk)
    if assessment is None:
        raise Http404(_("No such assessment."))
    labels = catalogue_labels()
    body = assessment_body(assessment, labels)
    refs = result_references(assessment, body)
    return assessment, decision_view(body, labels, refs, byline(assessment))


@level_required(VIEWER)
@require_safe
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, view = _body_or_404(request, pk)
    return render(
        request,
        "recommendations/assessments/assessment_detail.html",
        {"assessment": assessment, "view": view},
    )


@level_required(VIEWER)
@require_safe
def assessment_briefing(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, view = _body_or_404(request, pk)
    return render(
        request,
        "recommendations/assessments/briefing.html",
        {"assessment": assessment, "view": view, "briefing": briefing_of(view)},
    )


def _briefing_file(assessment: Assessment, extension: str) -> str:
    return f"envoy-briefing-{slugify(assessment.situation.country)}-{assessment.pk}.{extension}"


@level_required(VIEWER)
@require_safe
def assessment_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, view = _body_or_404(request, pk)
    text = as_markdown(briefing_of(view))
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_briefing_file(assessment, "md")}"'
    return response


@level_required(VIEWER)
@require_safe
def assessment_docx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, view = _body_or_404(request, pk)
    response = HttpResponse(as_docx(briefing_of(view)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_briefing_file(assessment, "docx")}"'
    return response


@returns_to("situation-list")
@require_safe_or_post
@level_required(CURATOR)
def reevaluate(request: HttpRequest) -> HttpResponse:
    """Re-assess every situation of the user's teams under the active rules (a task): the
    page says how many situations that is, and the curator confirms it with a tick box."""
    user = signed_in(request.user)
    ruleset, pending = reevaluation_pending(user)
    nothing = _(
        "Nothing to re-evaluate: the latest assessment of every situation of your teams was "
        "already made under the active rules, version %(version)s."
    ) % {"version": ruleset.version}
    form = ConfirmForm(
        request.POST or None,
        label=_("Yes, re-assess these situations under version %(version)s.")
        % {"version": ruleset.version},
    )
    if request.method == "POST":
        if not pending:
            messages.info(request, nothing)
            return redirect("situation-list")
        if form.is_valid():
            run = reevaluation_start(user=user)
            return redirect("task-detail", pk=run.pk)
        messages.error(
            request, _("Tick the box to confirm the re-evaluation; nothing was started.")
        )
    return render(
        request,
        "recommendations/assessments/reevaluate_confirm.html",
        {
            "ruleset": ruleset,
            "pending": pending,
            "form": form,
            "nothing": nothing,
        },
    )

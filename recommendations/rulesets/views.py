"""Curators' ruleset pages: versions, their rules, drafts, impact dry-runs and activation.

Everyone signed in may read the versions and their rules; only curators change them, and
only drafts change. Each change is a POST that calls one service; what a service refuses
comes back to the version's page with its reason (`core.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import level_required
from accounts.levels import CURATOR, VIEWER, has_level, signed_in
from core.errors import returns_to
from core.http import require_safe_or_post
from recommendations.engine.facts import CATALOGUE_OF
from recommendations.models import Rule, RuleSet, TaskRun
from recommendations.rulesets.forms import (
    ActivateForm,
    DeleteDraftForm,
    DraftForm,
    RuleForm,
    RulesetForm,
    pretty_json,
)
from recommendations.rulesets.impact import dry_run_start
from recommendations.rulesets.selectors import ruleset_list
from recommendations.rulesets.services import (
    rule_delete,
    rule_save,
    ruleset_activate,
    ruleset_delete,
    ruleset_draft,
    ruleset_update,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    condition: str  # indented JSON
    target_url: str


def task_url(run: TaskRun) -> str:
    return reverse("task-detail", args=[run.pk])


def _ruleset_or_404(version: int) -> RuleSet:
    return get_object_or_404(
        ruleset_list().select_related("created_by", "activated_by"), version=version
    )


def _detail(ruleset: RuleSet, anchor: str = "") -> HttpResponse:
    url = reverse("ruleset-detail", args=[ruleset.version])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _locked(request: HttpRequest, ruleset: RuleSet) -> HttpResponse | None:
    """A way back to the version, with the reason, when it is not a draft."""
    if ruleset.status == RuleSet.Status.DRAFT:
        return None
    messages.error(
        request,
        _(
            "Version %(version)s is %(status)s: only drafts change. "
            "Draft a new version to edit its rules."
        )
        % {"version": ruleset.version, "status": ruleset.get_status_display().lower()},
    )
    return _detail(ruleset)


def _rule_rows(ruleset: RuleSet) -> list[tuple[str, StrOrPromise, list[RuleRow]]]:
    """The rules of a version grouped by kind, in the order the engine runs them."""
    by_kind: dict[str, list[RuleRow]] = {kind: [] for kind in Rule.Kind.values}
    for rule in ruleset.rules.prefetch_related("citations__source").order_by("priority", "slug"):
        by_kind[rule.kind].append(
            RuleRow(
                rule=rule,
                condition=pretty_json(rule.condition),
                target_url=reverse(
                    f"catalogue-{CATALOGUE_OF.get(rule.kind, rule.kind).replace('_', '-')}",
                    args=[rule.target],
                ),
            )
        )
    return [(kind, label, by_kind[kind]) for kind, label in Rule.Kind.choices]


def _list_page(request: HttpRequest, form: DraftForm | None) -> HttpResponse:
    rulesets = ruleset_list().select_related("created_by", "activated_by")
    return render(
        request, "recommendations/rulesets/ruleset_list.html", {"rulesets": rulesets, "form": form}
    )


@level_required(VIEWER)
@require_safe
def ruleset_list_view(request: HttpRequest) -> HttpResponse:
    return _list_page(request, DraftForm() if has_level(request.user, CURATOR) else None)


@level_required(CURATOR)
@require_POST
def ruleset_draft_new(request: HttpRequest) -> HttpResponse:
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    draft = ruleset_draft(user=signed_in(request.user), **form.cleaned_data)
    messages.success(
        request,
        _("Draft version %(version)s is ready: change its rules, run a dry-run, activate it.")
        % {"version": draft.version},
    )
    return _detail(draft)


@level_required(VIEWER)
@require_safe
def ruleset_detail(request: HttpRequest, version: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    runs = TaskRun.objects.filter(
        kind=TaskRun.Kind.DRY_RUN,
        created_by=signed_in(request.user),
        params__candidate=ruleset.version,
    )
    return render(
        request,
        "recommendations/rulesets/ruleset_detail.html",
        {
            "ruleset": ruleset,
            "is_draft": ruleset.status == RuleSet.Status.DRAFT,
            "kinds": _rule_rows(ruleset),
            "dry_runs": [(run, task_url(run)) for run in runs],
            "activate_form": ActivateForm(auto_id="activate-%s"),
            "delete_form": DeleteDraftForm(auto_id="delete-%s"),
        },
    )


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_safe_or_post
def ruleset_edit(request: HttpRequest, version: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    if locked := _locked(request, ruleset):
        return locked
    if request.method == "POST":
        form = RulesetForm(request.POST)
        if form.is_valid():
            ruleset_update(user=signed_in(request.user), ruleset=ruleset, **form.cleaned_data)
            messages.success(request, _("Name and description saved."))
            return _detail(ruleset)
    else:
        form = RulesetForm(initial={"name": ruleset.name, "description": ruleset.description})
    return render(
        request, "recommendations/rulesets/ruleset_form.html", {"ruleset": ruleset, "form": form}
    )


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_POST
def ruleset_delete_view(request: HttpRequest, version: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    if not DeleteDraftForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that the draft should be deleted."))
        return _detail(ruleset, "delete")
    ruleset_delete(user=signed_in(request.user), ruleset=ruleset)
    messages.success(request, _("Draft version %(version)s deleted.") % {"version": version})
    return redirect("ruleset-list")


@returns_to("ruleset-detail", "version", anchor="dry-runs")
@level_required(CURATOR)
@require_POST
def ruleset_dry_run(request: HttpRequest, version: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    run = dry_run_start(user=signed_in(request.user), candidate=ruleset)
    messages.success(
        request,
        _("Dry-run of version %(version)s started against the active rules.")
        % {"version": version},
    )
    return redirect(task_url(run))


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_POST
def ruleset_activate_view(request: HttpRequest, version: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    if not ActivateForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm the activation."))
        return _detail(ruleset, "activate")
    ruleset_activate(user=signed_in(request.user), ruleset=ruleset)
    messages.success(
        request,
        _("Version %(version)s is now the active ruleset: new assessments use it.")
        % {"version": version},
    )
    return _detail(ruleset)


def _rule_form(request: HttpRequest, ruleset: RuleSet, rule: Rule | None) -> HttpResponse:
    if locked := _locked(request, ruleset):
        return locked
    if request.method == "POST":
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                saved = rule_save(
                    user=signed_in(request.user), ruleset=ruleset, data=form.rule_data(), rule=rule
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Rule “%(slug)s” saved.") % {"slug": saved.slug})
                return _detail(ruleset, f"rule-{saved.pk}")
    elif rule:
        form = RuleForm(initial=RuleForm.initial_from(rule))
    else:
        kind = request.GET.get("kind")
        form = RuleForm(initial={"kind": kind} if kind in Rule.Kind.values else None)
    return render(
        request,
        "recommendations/rulesets/rule_form.html",
        {"ruleset": ruleset, "rule": rule, "form": form},
    )


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_safe_or_post
def rule_new(request: HttpRequest, version: int) -> HttpResponse:
    return _rule_form(request, _ruleset_or_404(version), None)


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_safe_or_post
def rule_edit(request: HttpRequest, version: int, pk: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    return _rule_form(request, ruleset, get_object_or_404(Rule, pk=pk, ruleset=ruleset))


@returns_to("ruleset-detail", "version")
@level_required(CURATOR)
@require_POST
def rule_delete_view(request: HttpRequest, version: int, pk: int) -> HttpResponse:
    ruleset = _ruleset_or_404(version)
    rule = get_object_or_404(Rule, pk=pk, ruleset=ruleset)
    if locked := _locked(request, ruleset):
        return locked
    rule_delete(user=signed_in(request.user), rule=rule)
    messages.success(request, _("Rule “%(slug)s” deleted.") % {"slug": rule.slug})
    return _detail(ruleset, f"kind-{rule.kind}")

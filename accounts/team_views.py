"""Curators' team pages: create, rename and delete teams, add and remove their members.

A curator sees and manages the teams they are a member of (a superuser every team); another
team's pages are a 404, as another team's situations are.

Each change is a POST that calls one service of `accounts.services`, then redirects back
with a message; a form with errors is shown again with a message at each field.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import level_required
from accounts.levels import CURATOR, signed_in
from accounts.models import Team
from accounts.selectors import team_list, team_members
from accounts.services import (
    team_create,
    team_delete,
    team_member_add,
    team_member_remove,
    team_rename,
)
from accounts.team_forms import MemberForm, RenameForm, TeamForm, add_service_errors


def _team_or_404(request: HttpRequest, slug: str) -> Team:
    return get_object_or_404(team_list(request.user), slug=slug)


def _list_page(request: HttpRequest, form: TeamForm) -> HttpResponse:
    return render(
        request, "accounts/team_list.html", {"teams": team_list(request.user), "form": form}
    )


def _detail_page(
    request: HttpRequest,
    team: Team,
    member_form: MemberForm | None = None,
    rename_form: RenameForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "accounts/team_detail.html",
        {
            "team": team,
            "members": team_members(team),
            "member_form": member_form or MemberForm(auto_id="member-%s"),
            "rename_form": rename_form
            or RenameForm(initial={"name": team.name}, auto_id="rename-%s"),
        },
    )


@level_required(CURATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def team_list_view(request: HttpRequest) -> HttpResponse:
    """The teams the curator manages; a POST creates one (posted here, so that no slug is a
    reserved word)."""
    if request.method != "POST":
        return _list_page(request, TeamForm())
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = team_create(user=signed_in(request.user), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Team “%(team)s” created: add its members.") % {"team": team.name},
            )
            return redirect("team-detail", slug=team.slug)
    return _list_page(request, form)


@level_required(CURATOR)
@require_safe
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail_page(request, _team_or_404(request, slug))


@level_required(CURATOR)
@require_POST
def team_rename_view(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team_or_404(request, slug)
    form = RenameForm(request.POST, auto_id="rename-%s")
    if form.is_valid():
        try:
            team_rename(user=signed_in(request.user), team=team, name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team is now called “%(team)s”.") % {"team": team})
            return redirect("team-detail", slug=team.slug)
    return _detail_page(request, team, rename_form=form)


@level_required(CURATOR)
@require_POST
def team_delete_view(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team_or_404(request, slug)
    try:
        team_delete(user=signed_in(request.user), team=team)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("team-detail", slug=team.slug)
    messages.success(request, _("Team “%(team)s” deleted.") % {"team": team.name})
    return redirect("team-list")


@level_required(CURATOR)
@require_POST
def team_member_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    team = _team_or_404(request, slug)
    form = MemberForm(request.POST, auto_id="member-%s")
    if form.is_valid():
        try:
            membership = team_member_add(
                user=signed_in(request.user), team=team, username=form.cleaned_data["username"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(username)s is now a member of %(team)s.")
                % {"username": membership.user.get_username(), "team": team.name},
            )
            return redirect("team-detail", slug=team.slug)
    return _detail_page(request, team, member_form=form)


@level_required(CURATOR)
@require_POST
def team_member_remove_view(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    team = _team_or_404(request, slug)
    member = get_object_or_404(get_user_model(), pk=user_id)
    try:
        team_member_remove(user=signed_in(request.user), team=team, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(username)s is no longer a member of %(team)s.")
            % {"username": member.get_username(), "team": team.name},
        )
    return redirect("team-detail", slug=team.slug)

"""Users, teams and access levels."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.admin_access import curator_permissions_grant
from accounts.levels import ANALYST, CURATOR, LEVELS, VIEWER, require_level
from accounts.models import Membership, Team
from accounts.selectors import teams_managed_by
from contract.errors import NotAllowed


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    level: str


DEMO_TEAM = "Demo team"
DEMO_ACCOUNTS = (
    DemoAccount("analyst", "envoy-analyst", ANALYST),
    DemoAccount("curator", "envoy-curator", CURATOR),
    DemoAccount("viewer", "envoy-viewer", VIEWER),
)


def team_get_or_create(name: str) -> Team:
    team, _ = Team.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return team


@transaction.atomic
def user_set_level(user: User, level: str) -> None:
    """Give the user exactly one access level (viewer, analyst or curator)."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")
    user.groups.remove(*Group.objects.filter(name__in=LEVELS))
    group, created = Group.objects.get_or_create(name=level)
    if created and level == CURATOR:
        curator_permissions_grant()
    user.groups.add(group)
    user.__dict__.pop("_envoy_level", None)


@transaction.atomic
def team_add_member(team: Team, user: User) -> None:
    Membership.objects.get_or_create(team=team, user=user)


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """Create (or reset) the demo users, all in the demo team; curators may use the admin."""
    team = team_get_or_create(DEMO_TEAM)
    UserModel = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = UserModel.objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.is_staff = account.level == CURATOR
        user.save()
        user_set_level(user, account.level)
        team_add_member(team, user)
    return list(DEMO_ACCOUNTS)


# Managing teams. A curator manages the teams they are a member of, a superuser every team
# (`teams_managed_by`); no one else, and no curator enrols themselves in another team. Each
# call is one transaction; bad input raises a ValidationError with messages per field and
# stores nothing. Every write is an instance save() or delete(), so that the audit trail,
# which follows model signals, records it and who made it.

SLUG_MAX_LENGTH = Team._meta.get_field("slug").max_length


def _require_team_manager(user: User, team: Team) -> None:
    """Refuse (NotAllowed) anyone who may not manage this team."""
    require_level(user, CURATOR, "manage teams")
    if not teams_managed_by(user).filter(pk=team.pk).exists():
        raise NotAllowed(
            _(
                "Only the curators of %(team)s, or a site administrator, may manage it. "
                "To join it, ask one of them to add you."
            )
            % {"team": team.name}
        )


def _team_errors(team: Team) -> dict[str, list[str]]:
    """What is wrong with a new or renamed team: the model's checks, then uniqueness (of
    names regardless of case) in words a curator understands."""
    try:
        team.full_clean(validate_unique=False)
        errors: dict[str, list[str]] = {}
    except ValidationError as exc:
        errors = exc.message_dict
    others = Team.objects.exclude(pk=team.pk)
    if "name" not in errors and others.filter(name__iexact=team.name).exists():
        errors["name"] = [_("A team with this name already exists.")]
    if "slug" not in errors and others.filter(slug=team.slug).exists():
        errors["slug"] = [_("A team with this slug already exists.")]
    return errors


def _team_save(team: Team, errors: dict[str, list[str]]) -> Team:
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError:  # a concurrent request took the name or slug since the check
        raise ValidationError(
            _team_errors(team) or {"name": [_("A team with this name already exists.")]}
        ) from None
    return team


@transaction.atomic
def team_create(*, user: User, name: str, slug: str = "") -> Team:
    """A new team; its slug is made from its name unless given. The curator who creates it
    is its first member, so that they manage it; a superuser, who manages every team, is
    not made one."""
    require_level(user, CURATOR, "manage teams")
    name, slug = name.strip(), slug.strip()
    team = Team(name=name, slug=slug or slugify(name)[:SLUG_MAX_LENGTH].strip("-"))
    errors = _team_errors(team)
    if not slug and "name" in errors:
        errors.pop("slug", None)  # made from a wrong name: the name's error says it all
    elif not team.slug:
        errors["slug"] = [_("The name has no letters or digits to make a slug from: give one.")]
    _team_save(team, errors)
    if not user.is_superuser:
        Membership(team=team, user=user).save()
    return team


@transaction.atomic
def team_rename(*, user: User, team: Team, name: str) -> Team:
    """A new name; the slug stays, so that API clients naming the team keep working."""
    _require_team_manager(user, team)
    previous, team.name = team.name, name.strip()
    try:
        return _team_save(team, _team_errors(team))
    except ValidationError:
        team.name = previous  # the caller's team stays as stored
        raise


def _user_named(username: str) -> User | None:
    """The user with exactly this username, else the only one with it in another case."""
    UserModel = get_user_model()
    field = UserModel.USERNAME_FIELD
    user = UserModel.objects.filter(**{field: username}).first()
    if user is None:
        alike = list(UserModel.objects.filter(**{f"{field}__iexact": username})[:2])
        user = alike[0] if len(alike) == 1 else None
    return user


@transaction.atomic
def team_member_add(*, user: User, team: Team, username: str) -> Membership:
    """Make an existing user a member: they see the team's situations from now on. Only the
    team's curators (or a superuser) do it, so no curator enrols themselves elsewhere."""
    _require_team_manager(user, team)
    username = username.strip()
    if not username:
        raise ValidationError({"username": [_("Enter a username.")]})
    member = _user_named(username)
    if member is None:
        raise ValidationError({"username": [_("No user has this username.")]})
    already = ValidationError(
        {
            "username": [
                _("%(username)s is already a member of this team.")
                % {"username": member.get_username()}
            ]
        }
    )
    if Membership.objects.filter(team=team, user=member).exists():
        raise already
    membership = Membership(team=team, user=member)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # added by a concurrent request
        raise already from None
    return membership


@transaction.atomic
def team_member_remove(*, user: User, team: Team, member: User) -> None:
    """End a membership: the user no longer sees the team's situations."""
    _require_team_manager(user, team)
    membership = Membership.objects.filter(team=team, user=member).first()
    if membership is None:
        raise ValidationError(
            {
                "member": [
                    _("%(username)s is not a member of this team.")
                    % {"username": member.get_username()}
                ]
            }
        )
    membership.delete()


def _has_situations(team: Team) -> ValidationError:
    count = team.situations.count()
    return ValidationError(
        ngettext(
            "%(team)s was not deleted: it still has %(count)d situation, and a team can be "
            "deleted only once it has none.",
            "%(team)s was not deleted: it still has %(count)d situations, and a team can be "
            "deleted only once it has none.",
            count,
        )
        % {"team": team.name, "count": count},
        code="protected",
    )


@transaction.atomic
def team_delete(*, user: User, team: Team) -> None:
    """Delete a team and its memberships; refused while the team has situations."""
    _require_team_manager(user, team)
    if team.situations.exists():
        raise _has_situations(team)
    for membership in team.memberships.all():
        membership.delete()
    try:
        with transaction.atomic():
            team.delete()
    except ProtectedError:  # a situation was added since the check
        raise _has_situations(team) from None

"""Services of the recommendations app: the one way assessments are created."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.levels import ANALYST, CURATOR, require_level
from accounts.models import Team
from contract.fields import facts_of
from contract.text import name_error
from core.reference_cache import cached
from phases.models import Phase
from recommendations.assessments.analogies import analogous_cases
from recommendations.assessments.documents import compact, remember_full, trace_json
from recommendations.assessments.events import assessments_announce
from recommendations.engine import (
    CompiledRuleset,
    ContractError,
    Result,
    evaluate,
    validate_input,
)
from recommendations.engine.decision import Robustness, Signpost, robustness, signposts
from recommendations.engine.facts import OUTPUT_LISTS
from recommendations.models import Assessment, Situation
from recommendations.rulesets.compiler import ruleset_active, ruleset_compile


def phases_by_slug() -> dict[str, Phase]:
    return cached("phases", lambda: {p.slug: p for p in Phase.objects.all()})


# The lists whose items are key or supporting (contract section 8.1), by their item kind.
PRIORITIZED = {
    "roles": "role",
    "mission_models": "mission_model",
    "council_tools": "council_tool",
    "caveats": "caveat",
}


def result_as_json(
    result: Result,
    signposts: Iterable[Signpost] = (),
    robustness: Robustness | None = None,
) -> dict[str, Any]:
    """The engine's result as stored JSON (names and texts are added when presented): each
    list's items, what is key and what is ruled out, the signposts and the robustness."""
    key = set(result.key_actions) | {("caveat", slug) for slug in result.key_caveat_slugs}
    robust = robustness.robust if robustness else None

    def items(list_name: str) -> list[dict[str, Any]]:
        out = []
        for i in getattr(result, list_name):
            entry = {
                "slug": i.slug,
                "rules": list(i.rules),
                "rationale": i.rationale,
                "citations": [dict(c) for c in i.citations],
            }
            if list_name in PRIORITIZED:
                kind = PRIORITIZED[list_name]
                entry["priority"] = "key" if (kind, i.slug) in key else "supporting"
            entry["robust"] = robust is None or (list_name, i.slug) in robust
            out.append(entry)
        return out

    return {
        **{name: items(name) for name in OUTPUT_LISTS},
        "key_actions": [{"kind": kind, "slug": slug} for kind, slug in result.key_actions],
        "ruled_out": [
            {
                "kind": kind,
                "slug": item.slug,
                "reason": item.rationale,
                "rules": list(item.rules),
                "citations": [dict(c) for c in item.citations],
            }
            for kind, item in result.ruled_out
        ],
        "signposts": [_signpost_json(s) for s in signposts],
        "robustness": _robustness_json(robustness),
        "trace": trace_json(result),
    }


def _signpost_json(signpost: Signpost) -> dict[str, Any]:
    (phase_from, track_from), (phase_to, track_to) = signpost.phase_from, signpost.phase_to
    moves = signpost.moves_phase
    return {
        "field": signpost.field,
        "value": signpost.value,
        **({"change": signpost.change} if signpost.field == "grievances" else {}),
        "phase": (
            {"from": phase_from, "to": phase_to, "from_track": track_from, "to_track": track_to}
            if moves
            else None
        ),
        "escalation": signpost.escalates if moves else None,
        "adds": [{"kind": kind, "slug": slug} for kind, slug in signpost.adds],
        "removes": [{"kind": kind, "slug": slug} for kind, slug in signpost.removes],
    }


def _robustness_json(robustness: Robustness | None) -> dict[str, Any]:
    if robustness is None:
        return {"uncertain": [], "combinations": 1, "phases": []}
    return {
        "uncertain": list(robustness.uncertain),
        "combinations": robustness.combinations,
        "phases": [
            {"phase": phase, "track": track, "combinations": count}
            for (phase, track), count in robustness.phases
        ],
    }


def _teams_first_joined(user: User) -> QuerySet[Team]:
    return Team.objects.filter(memberships__user=user).order_by("memberships__joined")


def primary_team(user: User) -> Team:
    team = _teams_first_joined(user).first()
    if team is None:
        raise ContractError(
            {
                "situation": [
                    "You are not a member of any team, so you cannot "
                    "track a situation. Ask a curator to add you to one."
                ]
            }
        )
    return team


def situation_for(user: User, clean: dict[str, Any]) -> Situation:
    """The situation named by id (one of the user's teams'), or found/created by country."""
    if "situation" in clean:
        situation = Situation.objects.visible_to(user).filter(pk=clean["situation"]).first()
        if situation is None:
            raise ContractError({"situation": [f"No situation with id {clean['situation']}."]})
        return situation
    # The situation of the user's primary team for the country, in one query when it exists
    # (a reassessment); otherwise the team is read and the situation created.
    primary = _teams_first_joined(user).values("pk")[:1]
    known = Situation.objects.filter(
        team=Subquery(primary), country__iexact=clean["country"]
    ).first()
    if known is not None:
        return known
    return situation_of_country(primary_team(user), clean, user)[0]


def situation_of_country(
    team: Team, clean: dict[str, Any], user: User | None
) -> tuple[Situation, bool]:
    """The team's situation for the input's country, created when there is none yet; and
    whether it was created."""
    same_country = Situation.objects.filter(team=team, country__iexact=clean["country"])
    situation = same_country.first()
    if situation is not None:
        return situation, False
    try:
        with transaction.atomic():
            situation = Situation.objects.create(
                team=team, country=clean["country"], region=clean["region"], created_by=user
            )
            return situation, True
    except IntegrityError:  # a concurrent request created it first: join that one
        return same_country.get(), False


def situations_of_countries(
    team: Team, inputs: dict[str, dict[str, Any]], user: User | None
) -> tuple[dict[str, int], int]:
    """The team's situations for many countries at once (lower-cased country -> id, from
    inputs keyed so), creating the missing ones; and how many this call created.

    The existing ones are found in one query. Each missing one is created on its own, as
    `situation_of_country` does: a situation a concurrent import created first is joined,
    not counted, and the audit trail logs only the situations this call created."""
    named = Situation.objects.filter(team=team).annotate(name=Lower("country"))
    found = dict(named.filter(name__in=list(inputs)).values_list("name", "pk"))
    created = 0
    for name, clean in inputs.items():
        if name not in found:
            situation, new = situation_of_country(team, clean, user)
            found[name] = situation.pk
            created += new
    return found, created


def assessment_create(
    *, user: User, data: Any, before_commit: Callable[[Assessment], None] | None = None
) -> Assessment:
    """Validate a v1 input, evaluate it with the active ruleset and store it, all or nothing.

    `before_commit` is called with the stored assessment inside its transaction: what must
    be done with it or not at all (the API's answer, the form's suggestion record). The
    evaluation runs before the transaction, where the reference data are read from the
    process's cache. Raises ContractError (a message per field) for input the contract
    refuses, NotAllowed for users below the analyst level; nothing is stored in either case.
    """
    require_level(user, ANALYST, "create assessments")
    clean = validate_input(data)
    ruleset = ruleset_active()
    evaluated, full = assessment_outcome_full(ruleset_compile(ruleset), clean)
    with transaction.atomic():
        situation = situation_for(user, clean)
        if situation.review_due is not None:
            Situation.objects.filter(pk=situation.pk).update(review_due=None)
        assessment = Assessment.objects.create(
            situation=situation,
            input=stored_input(clean),
            created_by=user,
            ruleset=ruleset,
            **evaluated,
        )
        remember_full(assessment, full)  # its body needs no expanding
        assessments_announce([assessment])  # webhook events, sent once this commits
        if before_commit is not None:
            before_commit(assessment)
        return assessment


def stored_input(clean: dict[str, Any]) -> dict[str, Any]:
    """The input as an assessment keeps it (the situation is its own column)."""
    return {k: v for k, v in clean.items() if k != "situation"}


def assessment_outcome(compiled: CompiledRuleset, clean: dict[str, Any]) -> dict[str, Any]:
    """What the rules and the library say of a validated input, as Assessment fields: the
    result, what would change it (signposts) and what holds whatever the uncertain answers
    turn out to be (robustness)."""
    return assessment_outcome_full(compiled, clean)[0]


def assessment_outcome_full(
    compiled: CompiledRuleset, clean: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`assessment_outcome`, and the full recommendation document it stores compact."""
    facts = facts_of(clean)
    result = evaluate(compiled, facts)
    uncertain = tuple(clean.get("uncertain") or ())
    full = result_as_json(
        result,
        signposts(compiled, facts, result),
        robustness(compiled, facts, result, uncertain),
    )
    fields = {
        "phase": phases_by_slug()[result.phase],
        "track": result.track or "",
        "recommendation": compact(full, compiled, facts, result),
        "analogous_cases": [
            a.as_dict() for a in analogous_cases(facts, result.phase, result.track)
        ],
    }
    return fields, full


def user_team(user: User, slug: str | None) -> Team:
    """The named team of the user's, or their primary team."""
    if not slug:
        return primary_team(user)
    team = Team.objects.filter(memberships__user=user, slug=slug).first()
    if team is None:
        raise ContractError({"team": [f"You are not a member of a team {slug!r}."]})
    return team


def _country_name(country: str) -> str:
    """A situation's country as stored: trimmed, and refused if it cannot be a name."""
    problem = name_error(country)
    if problem:
        raise ContractError({"country": [problem]})
    return country.strip()


@transaction.atomic
def situation_create(
    *, user: User, country: str, region: str, team: str | None = None
) -> Situation:
    require_level(user, ANALYST, "create situations")
    owner = user_team(user, team)
    country = _country_name(country)
    taken = ContractError({"country": [f"Your team already tracks {country.strip()}."]})
    if Situation.objects.filter(team=owner, country__iexact=country.strip()).exists():
        raise taken
    try:
        with transaction.atomic():
            return Situation.objects.create(
                team=owner, country=country.strip(), region=region, created_by=user
            )
    except IntegrityError:  # created meanwhile by a concurrent request
        raise taken from None


@transaction.atomic
def situation_update(
    *,
    user: User,
    situation: Situation,
    country: str | None = None,
    region: str | None = None,
) -> Situation:
    require_level(user, CURATOR, "change situations")
    if country is not None:
        country = _country_name(country)
        clash = Situation.objects.filter(team=situation.team, country__iexact=country.strip())
        if clash.exclude(pk=situation.pk).exists():
            raise ContractError({"country": [f"Your team already tracks {country.strip()}."]})
        situation.country = country.strip()
    if region is not None:
        situation.region = region
    situation.save()
    return situation


def situation_delete(*, user: User, situation: Situation) -> None:
    require_level(user, CURATOR, "delete situations")
    situation.delete()


STALE_AFTER_DAYS = 90


def situations_flag_stale(now: datetime | None = None, days: int = STALE_AFTER_DAYS) -> int:
    """Mark situations whose latest assessment is older than `days` as due for review, and
    clear the mark on the others; running it twice changes nothing. Returns how many are due."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    # A re-evaluation under new rules is not a fresh look at the facts: it does not count.
    latest = Assessment.objects.filter(
        situation=OuterRef("pk"), reevaluation_of__isnull=True
    ).order_by("-created")
    situations = Situation.objects.annotate(last=Subquery(latest.values("created")[:1]))
    stale = situations.filter(last__lt=cutoff)
    stale.filter(review_due__isnull=True).update(review_due=now)
    situations.exclude(pk__in=stale.values("pk")).exclude(review_due=None).update(review_due=None)
    return stale.count()

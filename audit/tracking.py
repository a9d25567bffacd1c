"""Which models the audit trail follows, and how changes written in bulk are logged.

django-auditlog records every save and delete of a registered model (who, when, which fields
changed, from what to what) through model signals. Imports and re-evaluations insert
assessments in bulk, which sends no signals, so they log their rows here themselves.
Situations and assessments carry their team in the entry's `additional_data`, so that the
trail can be scoped to the teams a curator belongs to; the other models are shared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

# An assessment is never edited: its input and results stay in its own row. The trail
# records who made it, for which situation, under which ruleset and with what outcome.
ASSESSMENT_FIELDS = [
    "situation",
    "created_by",
    "ruleset",
    "phase",
    "track",
    "import_key",
    "reevaluation_of",
]


def audited_models() -> list[type[Model]]:
    from accounts.models import Membership, Team
    from cases.models import Case, CaseSnapshot, Citation
    from recommendations.models import Assessment, Rule, RuleSet, Situation

    return [Situation, Assessment, Case, CaseSnapshot, Citation, RuleSet, Rule, Team, Membership]


def _fields(model: type[Model], *left_out: str) -> list[str]:
    """The model's own columns: not reverse relations, generic relations or many-to-many."""
    return [f.name for f in model._meta.concrete_fields if f.name not in left_out]


def register_models() -> None:
    Situation, Assessment, Case, CaseSnapshot, Citation, RuleSet, Rule, Team, Membership = (
        audited_models()
    )
    auditlog.register(Situation, include_fields=_fields(Situation, "updated", "review_due"))
    auditlog.register(Assessment, include_fields=ASSESSMENT_FIELDS)
    auditlog.register(
        Case,
        include_fields=_fields(Case, "updated", "search_document"),
        m2m_fields={"organizations", "missions", "roles"},
    )
    # Citations are logged as items of their own: a generic relation is not a column.
    for model in (CaseSnapshot, Citation, Rule, Team, Membership):
        auditlog.register(model, include_fields=_fields(model))
    auditlog.register(RuleSet, include_fields=_fields(RuleSet, "updated"))


def current_actor_id() -> int | None:
    """The user the request (or `auditlog.context.set_actor`) is acting for, if any."""
    try:
        actor = auditlog_value.get().get("actor")
    except LookupError:
        return None
    return getattr(actor, "pk", None) if actor else None


def log_created(
    objects: Sequence[Model],
    *,
    actor_id: int | None,
    describe: Callable[[Model], str] = str,
    team_of: Callable[[Model], int | None] | None = None,
    cid: str | None = None,
) -> None:
    """Log the creation of objects inserted with bulk_create (their primary keys set), in one
    more insert, with the fields and format the signals use; `describe` names each object
    without a query per object."""
    if not objects or auditlog_disabled.get():
        return
    content_type = ContentType.objects.get_for_model(objects[0])
    now = timezone.now()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=describe(obj),
                action=LogEntry.Action.CREATE,
                changes=model_instance_diff(None, obj, use_json_for_changes=True),
                actor_id=actor_id,
                timestamp=now,
                cid=cid,
                additional_data={"team": team_of(obj)} if team_of else None,
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def log_assessments_created(
    assessments: Sequence[Model], *, actor_id: int | None, cid: str
) -> None:
    """Log assessments stored in bulk by a task (`cid` is the task's id)."""
    from recommendations.models import Situation

    situations = {a.situation_id for a in assessments}
    teams = dict(Situation.objects.filter(pk__in=situations).values_list("pk", "team_id"))
    log_created(
        assessments,
        actor_id=actor_id,
        describe=lambda a: f"{a.input.get('country', '')} — {a.created:%Y-%m-%d %H:%M}",
        team_of=lambda a: teams.get(a.situation_id),
        cid=cid,
    )


def log_situations_created(situations: Sequence[Model], *, actor_id: int | None) -> None:
    log_created(situations, actor_id=actor_id, team_of=lambda s: s.team_id)


def log_citations_created(citations: Sequence[Model]) -> None:
    log_created(citations, actor_id=current_actor_id())

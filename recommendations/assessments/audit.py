"""Situations and assessments in the audit trail: what is recorded of an assessment, and how
rows stored in bulk are logged with their team."""

from __future__ import annotations

from collections.abc import Sequence

from core.audit import log_created
from recommendations.models import Assessment, Situation

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


def log_assessments_created(
    assessments: Sequence[Assessment], *, actor_id: int | None, cid: str
) -> None:
    """Log assessments stored in bulk by a task (`cid` is the task's id)."""
    situations = {a.situation_id for a in assessments}
    teams = dict(Situation.objects.filter(pk__in=situations).values_list("pk", "team_id"))
    log_created(
        assessments,
        actor_id=actor_id,
        describe=lambda a: f"{a.input.get('country', '')} — {a.created:%Y-%m-%d %H:%M}",
        team_of=lambda a: teams.get(a.situation_id),
        cid=cid,
    )

"""The models of the recommendations app, one module per feature, all importable from here
(the app label and tables are those of the single models module they came from)."""

from recommendations.models.catalogue import Caveat, CouncilTool
from recommendations.models.fields import DocumentField, FastJSONEncoder
from recommendations.models.rulesets import Rule, RuleSet
from recommendations.models.situations import (
    Assessment,
    AssessmentQuerySet,
    Situation,
    SituationQuerySet,
)
from recommendations.models.taskruns import ImportRow, TaskRun

__all__ = [
    "Assessment",
    "AssessmentQuerySet",
    "Caveat",
    "CouncilTool",
    "DocumentField",
    "FastJSONEncoder",
    "ImportRow",
    "Rule",
    "RuleSet",
    "Situation",
    "SituationQuerySet",
    "TaskRun",
]

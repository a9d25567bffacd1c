"""The models of the recommendations app, one module per feature, all importable from here
(the app label and tables are those of the single models module they came from)."""

# Imported in the order the models were first defined, which is the order of backups.
from recommendations.models.catalogue import Caveat, CouncilTool  # isort: skip
from recommendations.models.situations import Situation, SituationQuerySet  # isort: skip
from recommendations.models.rulesets import Rule, RuleSet  # isort: skip
from recommendations.models.assessments import Assessment, AssessmentQuerySet  # isort: skip
from recommendations.models.taskruns import ImportRow, TaskRun  # isort: skip
from recommendations.models.fields import DocumentField, FastJSONEncoder  # isort: skip

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

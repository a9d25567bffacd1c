"""Reads of rulesets."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from recommendations.models import (
    RuleSet,
)


def ruleset_list() -> QuerySet[RuleSet]:
    return RuleSet.objects.annotate(rule_count=Count("rules")).order_by("-version")

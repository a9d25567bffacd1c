"""Reads of assessments and situations, always scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from missions.models import MissionModel, Organization, Role

from .models import Assessment, Caveat, CouncilTool

LIST_MODELS = {
    "roles": Role,
    "mission_models": MissionModel,
    "lead_organizations": Organization,
    "council_tools": CouncilTool,
    "caveats": Caveat,
}


def assessment_get(user: AbstractBaseUser, pk: int) -> Assessment | None:
    return (
        Assessment.objects.visible_to(user)
        .select_related("situation", "ruleset", "phase")
        .filter(pk=pk)
        .first()
    )


def catalogue_labels() -> dict[str, dict[str, dict[str, str]]]:
    """Names (and caveat texts) of every catalogue item, by list and slug."""
    labels: dict[str, dict[str, dict[str, str]]] = {}
    for key, model in LIST_MODELS.items():
        fields = ["slug", "name", "text"] if model is Caveat else ["slug", "name"]
        labels[key] = {row["slug"]: row for row in model.objects.values(*fields)}
    return labels


def assessment_body(assessment: Assessment, labels: dict | None = None) -> dict[str, Any]:
    """An assessment and its recommendation in the contract's shape (spec section 8)."""
    labels = labels or catalogue_labels()
    stored = assessment.recommendation

    def items(key: str) -> list[dict[str, Any]]:
        out = []
        for item in stored.get(key, []):
            label = labels[key].get(item["slug"], {})
            entry = {"slug": item["slug"], "name": label.get("name", item["slug"])}
            if key == "caveats":
                entry["text"] = label.get("text", "")
            if key == "lead_organizations":
                entry["reason"] = item["rationale"]
            entry.update(
                rationale=item["rationale"], rules=item["rules"], citations=item["citations"]
            )
            out.append(entry)
        return out

    return {
        "id": assessment.pk,
        "situation": {"id": assessment.situation_id, "country": assessment.situation.country},
        "created": assessment.created,
        "ruleset": {"version": assessment.ruleset.version},
        "input": assessment.input,
        "phase": {
            "slug": assessment.phase.slug,
            "name": assessment.phase.name,
            "track": assessment.track or None,
        },
        **{key: items(key) for key in LIST_MODELS},
        "analogous_cases": assessment.analogous_cases,
        "trace": stored.get("trace", []),
    }

"""The facts a rule's condition may read: the v1 input fields and the derived facts.

Derived facts are added by the engine as it goes, stage by stage, so a later stage's rules can
read what an earlier stage decided:

    after the phase rules          phase (latent, rising, rubicon, post_rubicon), track
    after the role rules           roles (list of recommended role slugs), role_count
    after the mission model rules  mission_models (list of slugs)
    after the organization rules   lead_organizations (list of slugs)
    after the Council tool rules   council_tools (list of slugs)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .contract import FIELDS, PHASES, TRACKS

# Effect kinds, in the order the engine runs them (each a stage).
STAGES = ("phase", "role", "mission_model", "organization", "council_tool", "caveat")
# The list each stage's recommendations are gathered in (the phase stage sets phase/track).
LISTS = {
    "role": "roles",
    "mission_model": "mission_models",
    "organization": "lead_organizations",
    "council_tool": "council_tools",
    "caveat": "caveats",
}


@dataclass(frozen=True)
class FactSpec:
    """A fact rules may read: its kind (enum, bool, int, list), allowed values, and stage.

    `stage` is the index in STAGES after which the fact is known (-1: an input fact).
    """

    name: str
    kind: str
    values: tuple[str, ...] = ()
    stage: int = -1

    def check_value(self, value: Any, path: str) -> None:
        from .conditions import ConditionError

        if self.kind in ("enum", "list"):
            if value is None and self.name == "track":
                return
            if value not in self.values:
                raise ConditionError(
                    path,
                    f"{value!r} is not a value of {self.name!r} "
                    f"(allowed: {', '.join(self.values)})",
                )
        elif self.kind == "bool":
            if not isinstance(value, bool):
                raise ConditionError(path, f"{self.name!r} is true or false, got {value!r}")
        elif self.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConditionError(path, f"{self.name!r} is a whole number, got {value!r}")


def fact_catalogue(slugs: Mapping[str, tuple[str, ...]]) -> dict[str, FactSpec]:
    """All facts, given the known slugs per effect kind (role, mission_model, ...)."""
    facts: dict[str, FactSpec] = {}
    for field in FIELDS:
        if field.name in ("situation", "country", "notes"):
            continue
        kind = "enum" if field.kind == "enum" else field.kind
        facts[field.name] = FactSpec(field.name, kind, field.choices)
    facts["phase"] = FactSpec("phase", "enum", PHASES, stage=0)
    facts["track"] = FactSpec("track", "enum", TRACKS, stage=0)
    for stage, kind in enumerate(STAGES):
        if kind in LISTS and kind != "caveat":
            facts[LISTS[kind]] = FactSpec(LISTS[kind], "list", tuple(slugs.get(kind, ())), stage)
    facts["role_count"] = FactSpec("role_count", "int", stage=STAGES.index("role"))
    return facts

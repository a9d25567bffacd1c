"""The facts a rule's condition may read: the input fields and the derived facts.

Derived facts are added by the engine as it goes, stage by stage, so a later stage's rules can
read what an earlier stage decided:

    after the phase rules          phase (latent, rising, rubicon, post_rubicon), track
    after the mission model rules  mission_models (list of slugs)
    after the role rules           roles (list of recommended role slugs), role_count
    after the lead rules           lead_organizations (list of slugs)
    after the partner rules        partner_organizations (list of slugs)
    after the Council tool rules   council_tools (list of slugs)

A rule may also read its own stage's list (a role recommended whenever some other role is):
it is a follow-up rule, run once the stage's other rules have run, and it sees what they
recommended (see `rules.evaluate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contract.fields import FIELDS, NOT_FACTS, PHASES, TRACKS
from recommendations.engine.errors import ConditionError

# Effect kinds, in the order the engine runs them (each a stage). Mission models come before
# roles so that a role can follow from the vehicle (mediation support for a special envoy).
STAGES = (
    "phase",
    "mission_model",
    "role",
    "organization",
    "partner_organization",
    "council_tool",
    "caveat",
)
# The list each stage's recommendations are gathered in (the phase stage sets phase/track).
LISTS = {
    "mission_model": "mission_models",
    "role": "roles",
    "organization": "lead_organizations",
    "partner_organization": "partner_organizations",
    "council_tool": "council_tools",
    "caveat": "caveats",
}
# The lists of a result, in the order a reader meets them.
OUTPUT_LISTS = (
    "roles",
    "mission_models",
    "lead_organizations",
    "partner_organizations",
    "council_tools",
    "caveats",
)
# Kinds whose targets are slugs of another kind's catalogue: partners are organizations.
CATALOGUE_OF = {"partner_organization": "organization"}


def targets(slugs: Mapping[str, tuple[str, ...]], kind: str) -> tuple[str, ...]:
    """The slugs a rule of `kind` may recommend, from the catalogue slugs per kind."""
    return tuple(slugs.get(CATALOGUE_OF.get(kind, kind), ()))


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
        if field.name in NOT_FACTS:
            continue
        kind = "enum" if field.kind == "enum" else field.kind
        facts[field.name] = FactSpec(field.name, kind, field.choices)
    facts["phase"] = FactSpec("phase", "enum", PHASES, stage=0)
    facts["track"] = FactSpec("track", "enum", TRACKS, stage=0)
    for stage, kind in enumerate(STAGES):
        if kind in LISTS and kind != "caveat":
            facts[LISTS[kind]] = FactSpec(LISTS[kind], "list", targets(slugs, kind), stage)
    facts["role_count"] = FactSpec("role_count", "int", stage=STAGES.index("role"))
    return facts

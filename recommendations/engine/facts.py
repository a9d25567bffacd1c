"""The facts a rule's condition may read: the input fields and the derived facts.

Derived facts are added by the engine as it goes, stage by stage, so a later stage's rules can
read what an earlier stage decided:

    after the phase rules          phase (latent, rising, rubicon, post_rubicon), track
    after the mission model rules  mission_models (list of slugs)
    after the role rules           roles (list of recommended role slugs), role_count
    after the lead rules           lead_organizations (list of slugs)
    after the partner rules        partner_organizations (list of slugs)
    after the Council tool rules   council_tools (list of slugs)
    after the caveat rules         caveats (list of slugs)

Before them all but the phase, the ruled-out stages (`ruled_out_role`...) say what the
situation rules out, and after them the key stages (`key_role`...) what matters first; each
makes its list a fact too (`ruled_out_roles`, `key_roles`...).

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

# What the situation rules out, by the kind of item: run right after the phase, these veto
# their targets, which no later rule can then recommend (contract section 8.1).
VETOES = {
    "ruled_out_mission_model": "mission_model",
    "ruled_out_role": "role",
    "ruled_out_organization": "organization",
    "ruled_out_council_tool": "council_tool",
}
# What matters first: run last, these mark recommended items as key, in their own priority.
KEYS = {
    "key_mission_model": "mission_model",
    "key_role": "role",
    "key_council_tool": "council_tool",
    "key_caveat": "caveat",
}
# Effect kinds, in the order the engine runs them (each a stage). Mission models come before
# roles so that a role can follow from the vehicle (mediation support for a special envoy).
STAGES = (
    "phase",
    *VETOES,
    "mission_model",
    "role",
    "organization",
    "partner_organization",
    "council_tool",
    "caveat",
    *KEYS,
)
# The list each stage's recommendations are gathered in (the phase stage sets phase/track).
LISTS = {
    "ruled_out_mission_model": "ruled_out_mission_models",
    "ruled_out_role": "ruled_out_roles",
    "ruled_out_organization": "ruled_out_organizations",
    "ruled_out_council_tool": "ruled_out_council_tools",
    "mission_model": "mission_models",
    "role": "roles",
    "organization": "lead_organizations",
    "partner_organization": "partner_organizations",
    "council_tool": "council_tools",
    "caveat": "caveats",
    "key_mission_model": "key_mission_models",
    "key_role": "key_roles",
    "key_council_tool": "key_council_tools",
    "key_caveat": "key_caveats",
}
# At most this many key actions (roles, mission models, Council tools) and key caveats.
MAX_KEY_ACTIONS = 5
MAX_KEY_CAVEATS = 3
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
CATALOGUE_OF = {"partner_organization": "organization", **VETOES, **KEYS}


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
        if kind in LISTS:
            facts[LISTS[kind]] = FactSpec(LISTS[kind], "list", targets(slugs, kind), stage)
    facts["role_count"] = FactSpec("role_count", "int", stage=STAGES.index("role"))
    return facts

"""Answers that contradict each other: a validated input checked for blatant inconsistencies.

The contract accepts every combination of valid values (the API stores them as they come);
the situation form warns the analyst of these before saving and lets them confirm. Each check
is a pair of answers that cannot both be true as the contract defines them; combinations the
sources call possible are not flagged (a war decision under a fragile agreement is the Rubicon,
spec section 2; full-scale war under a fragile agreement means the agreement has failed).

The thresholds on deaths (conflict deaths in the last 3 months):
- violence "none" with any death: a conflict death is violence, "sporadic" at the least;
- violence "sporadic" with 1,000 or more: gowan-2011 puts Kenya's post-election violence,
  "claiming some one thousand lives" in about two months, at the Rubicon ("At the Rubicon"),
  and Guinea (160 civilians killed) and Kyrgyzstan (400 dead) under rising tension
  ("Confronting Rising Tension"): a thousand deaths in three months is not sporadic violence;
- full-scale war with 0 deaths (a blank count means not known, and is not checked).

The messages are in English, marked for translation (`core.labels.contradiction_text`
translates them). Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEATHS_BEYOND_SPORADIC = 1000


def _(message: str) -> str:
    """Mark a message for translation (as `gettext_noop` does); it is translated where shown."""
    return message


@dataclass(frozen=True)
class Contradiction:
    """Answers that contradict each other: a stable code, the fields involved (in form order)
    and what is inconsistent, in words an analyst reads."""

    code: str
    fields: tuple[str, ...]
    message: str


def contradictions(clean: Mapping[str, Any]) -> list[Contradiction]:
    """The contradictions of a validated input (`contract.fields.validate_input`), in a stable
    order; none for a consistent one."""
    violence = clean.get("violence_level")
    deaths = clean.get("recent_fatalities")
    settlement = clean.get("settlement_status")
    found = []
    if violence == "none" and deaths is not None and deaths > 0:
        found.append(
            Contradiction(
                "deaths_without_violence",
                ("violence_level", "recent_fatalities"),
                _(
                    "The level of violence is “None”, yet conflict deaths are counted for the "
                    "last 3 months: deaths mean there is violence. Check the level of violence "
                    "or the number of deaths."
                ),
            )
        )
    if violence == "sporadic" and deaths is not None and deaths >= DEATHS_BEYOND_SPORADIC:
        found.append(
            Contradiction(
                "deaths_beyond_sporadic",
                ("violence_level", "recent_fatalities"),
                _(
                    "The level of violence is “Sporadic”, yet 1,000 or more conflict deaths are "
                    "counted for the last 3 months, as many as in Kenya at the Rubicon in 2008. "
                    "Check the level of violence or the number of deaths."
                ),
            )
        )
    if violence == "full_scale_war" and deaths == 0:
        found.append(
            Contradiction(
                "war_without_deaths",
                ("violence_level", "recent_fatalities"),
                _(
                    "The level of violence is “Full-scale war”, yet no conflict deaths are "
                    "counted for the last 3 months. Check the level of violence, or leave the "
                    "number of deaths blank if it is not known."
                ),
            )
        )
    if clean.get("war_decision_imminent") is True and settlement == "consolidating":
        found.append(
            Contradiction(
                "war_decision_under_consolidation",
                ("war_decision_imminent", "settlement_status"),
                _(
                    "The parties are said to be about to decide for or against war, yet their "
                    "settlement is being consolidated. If an agreement holds but war looms, "
                    "choose “Fragile agreement”."
                ),
            )
        )
    if violence == "full_scale_war" and settlement == "consolidating":
        found.append(
            Contradiction(
                "consolidation_during_war",
                ("violence_level", "settlement_status"),
                _(
                    "A settlement being consolidated and a full-scale war do not go together: "
                    "if war has resumed, the agreement has failed. Choose “Fragile agreement” "
                    "or “None” for the settlement, or check the level of violence."
                ),
            )
        )
    if clean.get("atrocity_risk") in ("imminent", "ongoing") and (
        clean.get("main_perpetrator") == "none"
    ):
        found.append(
            Contradiction(
                "atrocities_without_perpetrator",
                ("atrocity_risk", "main_perpetrator"),
                _(
                    "Atrocities are said to be imminent or ongoing, yet no one is said to commit "
                    "or threaten them. If it is unclear who does, choose the likeliest answer "
                    "and tick “Not sure”."
                ),
            )
        )
    if clean.get("displacement") == "cross_border" and clean.get("cross_border") is False:
        found.append(
            Contradiction(
                "refugees_without_cross_border",
                ("displacement", "cross_border"),
                _(
                    "People are said to have fled across a border, yet the tension is said not "
                    "to cross borders, although refugees are one of the ways it does."
                ),
            )
        )
    return found


def fingerprint(found: list[Contradiction]) -> str:
    """The codes of these contradictions, sorted: what an analyst confirmed, so that a
    confirmation holds only for the same contradictions."""
    return " ".join(sorted(c.code for c in found))

"""The contract's enumerations as (value, label) pairs, and the key of a phase on its track.

The labels here are plain English for model choices and the API schema; the pages show the
translated words of `contract.labels`. Pure Python.
"""

from __future__ import annotations

from contract.fields import PHASES, REGIONS, TRACKS


def labelled(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """Django-style (value, label) choices: `west_africa` is labelled "West Africa"."""
    return [(value, value.replace("_", " ").title()) for value in values]


REGION_CHOICES = labelled(REGIONS)
TRACK_CHOICES = labelled(TRACKS)
PHASE_CHOICES = labelled(PHASES)
# The kinds of catalogue item an output refers to (key actions, ruled out, signposts).
ITEM_KINDS = ("role", "mission_model", "organization", "council_tool", "caveat")
ITEM_KIND_CHOICES = labelled(ITEM_KINDS)


def phase_key(phase: str, track: str | None) -> str:
    """One string for a phase and its track: "rising", "post_rubicon/war"."""
    return f"{phase}/{track}" if track else phase

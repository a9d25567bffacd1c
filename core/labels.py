"""The contract's words, translated for the page being rendered (see `contract.labels`).

The mappings hold lazy translations, so they may be read at import time (form fields, module
constants) and still speak the language of each request.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from contract import labels as words
from contract.consistency import Contradiction

SECTIONS: list[tuple[Promise, list[str]]] = [
    (gettext_lazy(title), names) for title, names in words.SECTIONS
]
LABELS: dict[str, Promise] = {name: gettext_lazy(text) for name, text in words.LABELS.items()}
HELP: dict[str, Promise] = {name: gettext_lazy(text) for name, text in words.HELP.items()}
CHOICES: dict[str, Promise] = {value: gettext_lazy(text) for value, text in words.CHOICES.items()}


def choice_label(value: Any) -> str:
    """An answer as a reader reads it: "Yes", "Spreading", "Governance, Resources", "—"."""
    if isinstance(value, bool):
        return gettext(words.YES if value else words.NO)
    if isinstance(value, list):
        return ", ".join(choice_label(v) for v in value) or words.NOTHING
    if value is None or value == "":
        return words.NOTHING
    return str(CHOICES.get(value, value))


def phase_label(phase: str, track: str | None) -> str:
    """The name of a phase on its track: "Rising tension", "Post-Rubicon: war"."""
    if track in words.TRACK_NAMES:
        return gettext(words.TRACK_NAMES[track])
    return gettext(words.PHASE_NAMES[phase]) if phase in words.PHASE_NAMES else phase


def contradiction_text(contradiction: Contradiction) -> str:
    """What a contradiction of the answers is, in the language of the page."""
    return gettext(contradiction.message)

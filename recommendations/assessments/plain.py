"""Why, in plain words: the engine's reasons ("violence_level = spreading") as a reader reads
them ("violence is spreading"), what a rule did ("Recommends the role Direct mediation"), and a
changed answer ("if the parties are about to decide for or against war").

The pages and briefings never show a rule slug or a field name as the explanation (contract
section 8.1); the JSON keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext

from contract import labels as words
from core.labels import CHOICES, LABELS, phase_label

Labels = Mapping[str, Mapping[str, Mapping[str, str]]]

# One clause of an engine reason: "name = value", "name = value (not x)", "name = 9 (≥ 6)",
# "name include value".
CLAUSE = re.compile(
    r"^(?P<name>\w+) (?:include (?P<item>\S+)|= (?P<value>.+?))"
    r"(?: \((?:not|[<>≤≥]) [^)]*\))?$"
)
FALLBACK = "no condition (fallback)"
# The catalogue list whose names label the items of a list fact ("roles include ...").
LIST_FACTS = {
    "roles": "roles",
    "mission_models": "mission_models",
    "council_tools": "council_tools",
    "caveats": "caveats",
    "lead_organizations": "lead_organizations",
    "partner_organizations": "partner_organizations",
}
KIND_LIST = {
    "phase": None,
    "role": "roles",
    "mission_model": "mission_models",
    "organization": "lead_organizations",
    "partner_organization": "partner_organizations",
    "council_tool": "council_tools",
    "caveat": "caveats",
}


def item_name(labels: Labels, list_name: str | None, slug: str) -> str:
    if list_name is None:
        return slug
    return labels.get(list_name, {}).get(slug, {}).get("name", slug)


def _parse(value: str) -> Any:
    if value in ("true", "false"):
        return value == "true"
    if value == "none":
        return None
    if value.startswith("[") and value.endswith("]"):
        return [v for v in value[1:-1].split(", ") if v]
    if value.isascii() and value.isdigit():
        return int(value)
    return value


def answer_phrase(name: str, value: Any) -> str:
    """An answer in plain words: ("violence_level", "spreading") → "violence is spreading"."""
    key = f"{name}={str(value).lower() if isinstance(value, bool) or value is None else value}"
    if key in words.FACT_PHRASES:
        return gettext(words.FACT_PHRASES[key])
    if name == "region":
        return gettext(words.VALUE_PHRASES["region"]).format(region=CHOICES.get(value, value))
    if name == "grievances":
        if not value:
            return gettext(words.VALUE_PHRASES["grievances_none"])
        named = join(str(CHOICES.get(v, v)) for v in value)
        return gettext(words.VALUE_PHRASES["grievances_are"]).format(grievances=named)
    if name == "recent_fatalities":
        if value is None:
            return gettext(words.VALUE_PHRASES["recent_fatalities_unknown"])
        return gettext(words.VALUE_PHRASES["recent_fatalities"]).format(
            count=number_format(value, force_grouping=True)
        )
    if name == "role_count":
        return gettext(words.VALUE_PHRASES["role_count"]).format(count=value)
    # A field without a phrase reads as its question and the answer.
    label = LABELS.get(name, name.replace("_", " "))
    return f"{label}: {CHOICES.get(str(value), value)}"


def clause_phrase(clause: str, labels: Labels) -> str:
    """One clause of an engine reason in plain words."""
    match = CLAUSE.match(clause.strip())
    if match is None:
        return clause
    name = match["name"]
    if match["item"] is not None:
        item = match["item"]
        if name == "grievances":
            return gettext(words.VALUE_PHRASES["grievances_include"]).format(
                grievance=CHOICES.get(item, item)
            )
        list_name = LIST_FACTS.get(name)
        key = f"{name}_include" if list_name else "list_include"
        return gettext(words.VALUE_PHRASES[key]).format(
            name=item_name(labels, list_name or _list_of(name), item)
        )
    return answer_phrase(name, _parse(match["value"]))


def _list_of(fact: str) -> str | None:
    """The catalogue list of a derived list fact (`key_roles`, `ruled_out_council_tools`)."""
    for prefix in ("key_", "ruled_out_"):
        if fact.startswith(prefix):
            rest = fact[len(prefix) :]
            return "lead_organizations" if rest == "organizations" else rest
    return None


def because(reason: str, labels: Labels) -> list[str]:
    """The plain phrases of an engine reason ("a = x; b = y"), the duplicates dropped."""
    if not reason or reason.strip() == FALLBACK:
        return [gettext(words.VALUE_PHRASES["always"])]
    phrases: list[str] = []
    for clause in reason.split("; "):
        phrase = clause_phrase(clause, labels)
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


def join(parts: Iterable[str]) -> str:
    """ "a, b and c" (in the page's language)."""
    parts = [str(p) for p in parts]
    if len(parts) < 2:
        return "".join(parts)
    return gettext("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def because_sentence(reason: str, labels: Labels) -> str:
    """An engine reason as one clause: "violence is spreading and the Council is divided"."""
    return join(because(reason, labels))


def rule_effect(rule: Mapping[str, Any], labels: Labels) -> str:
    """What a rule does, in plain words: "Recommends the role Direct mediation"."""
    kind = rule["kind"]
    if kind == "phase":
        name = phase_label(rule["target"], rule.get("track") or None)
    else:
        base = kind.removeprefix("ruled_out_").removeprefix("key_")
        name = item_name(labels, KIND_LIST.get(base), rule["target"])
    template = words.RULE_EFFECTS.get(kind)
    return gettext(template).format(name=name) if template else name


def change_phrase(field: str, value: Any, change: str | None = None) -> str:
    """A changed answer, as the condition of a signpost: "the Security Council is divided"."""
    if field == "grievances":
        key = "grievance_removed" if change == "remove" else "grievance_added"
        return gettext(words.VALUE_PHRASES[key]).format(grievance=CHOICES.get(value, value))
    return answer_phrase(field, value)

"""The result of an assessment as a practitioner reads it (contract section 8.1): the phase and
one plain sentence why, the key actions, what is ruled out and why, what would change the
assessment, how sure it is, then the supporting items, the analogous cases, the facts and the
rules that applied, every reason in plain words and every source named.

Built from the assessment body (`selectors.assessment_body`) and the references it points at
(`selectors.result_references`); the result page and the briefings share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from contract import labels as words
from contract.fields import FIELDS_BY_NAME
from core.labels import LABELS, choice_label, phase_label
from recommendations.assessments import plain
from recommendations.engine.trend import Trend
from recommendations.models import Assessment

Labels = plain.Labels

# The catalogue page of an item, by kind.
ITEM_URLS = {
    "role": "catalogue-role",
    "mission_model": "catalogue-mission-model",
    "organization": "catalogue-organization",
    "council_tool": "catalogue-council-tool",
    "caveat": "catalogue-caveat",
}
LIST_KINDS = {
    "roles": "role",
    "mission_models": "mission_model",
    "lead_organizations": "organization",
    "partner_organizations": "organization",
    "council_tools": "council_tool",
    "caveats": "caveat",
}
# Lists shown only when they hold something: partners are additions to the leads.
OPTIONAL_LISTS = {"partner_organizations"}
CURVE = [  # (phase, track, x, y) on the drawing of the curve of conflict
    ("latent", None, 60, 170),
    ("rising", None, 210, 128),
    ("rubicon", None, 330, 62),
    ("post_rubicon", "war", 470, 28),
    ("post_rubicon", "settlement", 470, 160),
]


@dataclass(frozen=True)
class References:
    """What a result points at beyond its body: the rules of its ruleset (slug → kind, target,
    track), the sources it cites (key → author, title, publisher, published) and the analogous
    cases (slug → outcome label, lessons)."""

    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sources: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    cases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def short_source(source: Mapping[str, str] | None, key: str) -> str:
    """How a citation names its source: "Gowan 2011", "Boutellis and Mikulaschek 2012",
    "USIP 2012"; the key when the source is unknown."""
    if not source:
        return key
    year = (source.get("published") or "")[:4]
    author = source.get("author") or source.get("publisher") or ""
    institutional = any(
        w in author for w in ("Institute", "Center", "Centre", "Office", "Nations", "Council")
    )
    if institutional:
        publisher = source.get("publisher") or author
        if "/" in publisher:
            name = "/".join(p.strip() for p in publisher.split("/")[:2])
        else:
            name = "".join(w[0] for w in author.split() if w[:1].isupper())
    else:
        name = plain.join(person.split()[-1] for person in author.split(" and "))
    return f"{name} {year}".strip()


def full_reference(source: Mapping[str, str] | None, key: str) -> str:
    """A source as a reference list gives it: author, title, publisher, date."""
    if not source:
        return key
    parts = [source.get("author"), source.get("title"), source.get("publisher")]
    text = ", ".join(p for p in parts if p)
    return f"{text}, {source.get('published', '')}.".replace(", .", ".")


def citations(refs: References, cited: Iterable[Mapping[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "key": c["source"],
            "label": short_source(refs.sources.get(c["source"]), c["source"]),
            "locator": c["locator"],
            "quote": c.get("quote", ""),
            "url": reverse("catalogue-source", args=[c["source"]]),
        }
        for c in cited
    ]


def _item_url(kind: str, slug: str) -> str:
    return reverse(ITEM_URLS[kind], args=[slug])


def curve_points(phase: str, track: str | None) -> list[dict[str, Any]]:
    """The phases on the curve drawing, the assessment's own marked as current."""
    return [
        {
            "x": x,
            "y": y,
            "label_y": y - 16 if y > 100 else y + 26,
            "label": phase_label(p, t),
            "current": (p, t) == (phase, track),
        }
        for p, t, x, y in CURVE
    ]


def byline(assessment: Assessment) -> str:
    """When, with which rules and by whom an assessment was made."""
    text = gettext("Assessed %(when)s UTC with ruleset version %(version)s") % {
        "when": assessment.created.strftime("%Y-%m-%d %H:%M"),
        "version": assessment.ruleset.version,
    }
    author = assessment.created_by
    if author is not None:
        text += " · " + gettext("by %(author)s (%(team)s)") % {
            "author": author.get_full_name() or author.username,
            "team": assessment.situation.team.name,
        }
    return text + "."


def decision_view(
    body: Mapping[str, Any], labels: Labels, refs: References, byline: str = ""
) -> dict[str, Any]:
    """Everything the result page and the briefings show, in plain words."""
    reasons = {e["rule"]: e["because"] for e in body["trace"] if e["fired"]}

    def why(rules: Iterable[str]) -> list[str]:
        phrases: list[str] = []
        for rule in rules:
            for phrase in plain.because(reasons.get(rule, ""), labels):
                if phrase not in phrases:
                    phrases.append(phrase)
        return phrases

    by_kind: dict[tuple[str, str], dict[str, Any]] = {}
    lists = []
    for key, title in words.LIST_TITLES.items():
        kind = LIST_KINDS[key]
        items = []
        for item in body[key]:
            entry = {
                **item,
                "kind": kind,
                "because": why(item["rules"]),
                "because_text": plain.join(why(item["rules"])),
                "sources": citations(refs, item["citations"]),
                "url": _item_url(kind, item["slug"]),
            }
            items.append(entry)
            by_kind.setdefault((kind, item["slug"]), entry)
        if items or key not in OPTIONAL_LISTS:
            lists.append({"key": key, "title": gettext(title), "items": items})

    key_actions = [
        {**by_kind[(k["kind"], k["slug"])], "kind_name": gettext(words.ITEM_KIND_NAMES[k["kind"]])}
        for k in body["key_actions"]
        if (k["kind"], k["slug"]) in by_kind
    ]
    key_caveats = [c for c in by_kind_list(lists, "caveats") if c.get("priority") == "key"]
    ruled_out = [
        {
            **entry,
            "kind_name": gettext(words.ITEM_KIND_NAMES[entry["kind"]]),
            "because": why(entry["rules"]),
            "because_text": plain.join(why(entry["rules"])),
            "sources": citations(refs, entry["citations"]),
            "url": _item_url(entry["kind"], entry["slug"]),
        }
        for entry in body["ruled_out"]
    ]
    phase, track = body["phase"]["slug"], body["phase"]["track"]
    phase_rule = next((r for r in reasons if r.startswith("phase.")), None)
    return {
        **body,
        "byline": byline,
        "phase_name": phase_label(phase, track),
        "phase_because": plain.join(why([phase_rule])) if phase_rule else "",
        "curve_points": curve_points(phase, track),
        "key_actions": key_actions,
        "key_caveats": key_caveats,
        "ruled_out": ruled_out,
        "signposts": signposts_view(body),
        "trend": trend_view(body),
        "sure": sure_view(body, lists),
        "lists": lists,
        "analogous_cases": analogies_view(body["analogous_cases"], refs),
        "facts": facts_view(body["input"]),
        "rules_applied": trace_view(body["trace"], labels, refs),
        "references": references_view(body, refs),
    }


def by_kind_list(lists: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return next((block["items"] for block in lists if block["key"] == key), [])


def _driver_value(field: str, value: Any) -> str:
    if field == "phase":
        return phase_label(value["phase"], value["track"])
    if field == "war_decision_imminent":
        return gettext(words.WAR_DECISION_WORDS[bool(value)])
    return choice_label(value).lower()


def driver_phrase(driver: Mapping[str, Any]) -> str:
    """One driver of a trend in plain words: "violence: sporadic → spreading"."""
    field = driver["field"]
    name = gettext(words.TREND_DRIVER_NAMES.get(field, field))
    change = f"{_driver_value(field, driver['from'])} → {_driver_value(field, driver['to'])}"
    return gettext("%(label)s: %(text)s") % {"label": name, "text": change}


def trend_view(body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The direction since the previous assessment, what drove it and what it changed in the
    key actions; None for a situation's first assessment."""
    if not body.get("trend"):
        return None
    details = body["trend_details"]
    previous = details["previous"]
    return {
        "direction": body["trend"],
        "name": gettext(words.TREND_NAMES[body["trend"]]),
        "drivers": [driver_phrase(d) for d in body["trend_drivers"]],
        "against": [driver_phrase(d) for d in details["against"]],
        "same_answers": details["same_answers"],
        "rules_changed": details["rules_changed"],
        "rules_from": previous["ruleset"]["version"],
        "rules_to": body["ruleset"]["version"],
        "alert": details["conflict_risk_alert"],
        "previous_created": previous["created"],
        "previous_url": reverse("assessment-detail", args=[previous["id"]]),
        "adds": [a["name"] for a in details["key_actions_added"] or []],
        "removes": [r["name"] for r in details["key_actions_removed"] or []],
        "keys_unknown": details["key_actions_added"] is None,
    }


def trend_summary(trend: Trend | None) -> dict[str, Any] | None:
    """A trend as a row of a table shows it: its direction, name and drivers in plain words."""
    if trend is None:
        return None
    return {
        "direction": trend.direction,
        "name": gettext(words.TREND_NAMES[trend.direction]),
        "drivers": [driver_phrase(d.as_json()) for d in trend.drivers],
        "same_answers": trend.same_answers,
        "alert": trend.escalated,
    }


def watch_for(signposts: Iterable[Mapping[str, Any]]) -> list[str]:
    """Signposts that move the phase, in plain words: "If violence is intensifying, the
    situation moves to At the Rubicon"."""
    return [
        gettext("If %(when)s, the situation moves to %(phase)s.")
        % {
            "when": plain.change_phrase(s["field"], s["value"], s.get("change")),
            "phase": phase_label(s["phase"]["to"], s["phase"]["to_track"]),
        }
        for s in signposts
        if s.get("phase")
    ]


def trend_sentences(trend: Mapping[str, Any] | None) -> list[str]:
    """The trend in plain sentences, for the briefings."""
    if not trend:
        return []
    since = gettext("%(trend)s since the assessment of %(date)s") % {
        "trend": trend["name"],
        "date": f"{trend['previous_created']:%Y-%m-%d}",
    }
    if trend["alert"]:
        since += " (" + gettext("conflict risk alert") + ")"
    out = [since + (": " + "; ".join(trend["drivers"]) if trend["drivers"] else "") + "."]
    if trend["against"]:
        out.append(
            gettext("Changed the other way: %(changes)s.")
            % {"changes": "; ".join(trend["against"])}
        )
    versions = {"before": trend["rules_from"], "after": trend["rules_to"]}
    if trend["same_answers"] and trend["rules_changed"]:
        out.append(
            gettext(
                "The answers are the same: only the rules changed (version %(before)s to "
                "%(after)s), so this is not a trend."
            )
            % versions
        )
    elif trend["same_answers"]:
        out.append(gettext("The answers are those of the previous assessment."))
    elif trend["rules_changed"]:
        out.append(gettext("The rules changed too (version %(before)s to %(after)s).") % versions)
    if trend["adds"]:
        out.append(gettext("New key actions:") + " " + ", ".join(trend["adds"]) + ".")
    if trend["removes"]:
        out.append(gettext("No longer key:") + " " + ", ".join(trend["removes"]) + ".")
    return out


def signposts_view(body: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The signposts as indicators to watch: those that move the phase (escalations first),
    then those that change only the key actions."""
    moves, keys = [], []
    for s in body["signposts"]:
        entry = {
            "when": plain.change_phrase(s["field"], s["value"], s.get("change")),
            "question": LABELS.get(s["field"], s["field"]),
            "adds": [a["name"] for a in s["adds"]],
            "removes": [r["name"] for r in s["removes"]],
        }
        if s["phase"]:
            entry["to"] = phase_label(s["phase"]["to"], s["phase"]["to_track"])
            entry["escalation"] = s["escalation"]
            moves.append(entry)
        else:
            keys.append(entry)
    return {"moves": moves, "keys": keys}


def sure_view(body: Mapping[str, Any], lists: list[dict[str, Any]]) -> dict[str, Any]:
    """How sure the assessment is, in plain words ("Rising tension in 6 of 9 readings")."""
    robustness = body["robustness"]
    total = robustness["combinations"]
    readings = [
        {
            "phase": phase_label(p["phase"], p["track"]),
            "count": p["combinations"],
            "current": (p["phase"], p["track"]) == (body["phase"]["slug"], body["phase"]["track"]),
        }
        for p in robustness["phases"]
    ]
    uncertain = [
        {"question": LABELS.get(name, name), "answer": choice_label(body["input"].get(name))}
        for name in robustness["uncertain"]
    ]
    fragile = [
        {"name": item["name"], "list": block["title"]}
        for block in lists
        for item in block["items"]
        if not item.get("robust", True)
    ]
    current = next((r for r in readings if r["current"]), None)
    here = current["count"] if current else 0
    phase = phase_label(body["phase"]["slug"], body["phase"]["track"])
    if not uncertain:
        summary = gettext("Every answer was given as sure: the assessment rests on one reading.")
    elif here == total:
        summary = ngettext(
            "%(phase)s in the %(total)d reading of the uncertain answers: the phase holds "
            "whatever they turn out to be.",
            "%(phase)s in all %(total)d readings of the uncertain answers: the phase holds "
            "whatever they turn out to be.",
            total,
        ) % {"phase": phase, "total": total}
    else:
        summary = gettext(
            "%(phase)s in %(count)d of %(total)d readings of the uncertain answers."
        ) % {"phase": phase, "count": here, "total": total}
    return {
        "uncertain": uncertain,
        "combinations": total,
        "readings": readings,
        "phase_holds": here == total,
        "summary": summary,
        "others": [r for r in readings if not r["current"]],
        "fragile": fragile,
    }


def analogies_view(
    analogous: Iterable[Mapping[str, Any]], refs: References
) -> list[dict[str, Any]]:
    """The analogous cases with how each ended and its first lesson."""
    out = []
    for case in analogous:
        known = refs.cases.get(case["slug"], {})
        lessons = known.get("lessons", "")
        lesson = lessons.split(". ")[0].rstrip(".") + "." if lessons else ""
        out.append(
            {
                **case,
                "outcome": known.get("outcome", ""),
                "outcome_code": known.get("outcome_code", ""),
                "lesson": lesson,
                "shared_labels": [str(LABELS.get(n, n)) for n in case.get("shared", [])],
                "url": reverse("case-detail", args=[case["slug"]]),
            }
        )
    return out


def facts_view(stored_input: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The answers given, in the form's order, those the analyst was not sure of marked."""
    unsure = set(stored_input.get("uncertain") or ())
    out = []
    for _title, names in words.SECTIONS:
        for name in names:
            if name in ("country", "notes", "uncertain") or name not in FIELDS_BY_NAME:
                continue
            if name not in stored_input:
                continue
            out.append(
                {
                    "label": LABELS.get(name, name),
                    "value": choice_label(stored_input[name]),
                    "unsure": name in unsure,
                }
            )
    return out


def trace_view(
    trace: Iterable[Mapping[str, Any]], labels: Labels, refs: References
) -> list[dict[str, str]]:
    """The rules that applied, in the order the engine ran them, in plain words."""
    out = []
    for entry in trace:
        if not entry["fired"]:
            continue
        rule = refs.rules.get(entry["rule"])
        effect = plain.rule_effect(rule, labels) if rule else gettext("A rule of this ruleset")
        out.append({"effect": effect, "because": plain.because_sentence(entry["because"], labels)})
    return out


def references_view(body: Mapping[str, Any], refs: References) -> list[dict[str, Any]]:
    """Every source the result cites, with the sections cited, in the order first cited."""
    cited: dict[str, list[str]] = {}
    groups = [body[key] for key in words.LIST_TITLES] + [body["ruled_out"]]
    for group in groups:
        for item in group:
            for c in item["citations"]:
                sections = cited.setdefault(c["source"], [])
                if c["locator"] not in sections:
                    sections.append(c["locator"])
    return [
        {
            "key": key,
            "label": short_source(refs.sources.get(key), key),
            "reference": full_reference(refs.sources.get(key), key),
            "sections": sections,
            "url": reverse("catalogue-source", args=[key]),
        }
        for key, sections in cited.items()
    ]

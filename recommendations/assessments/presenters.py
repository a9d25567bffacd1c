"""What the analyst pages show: an assessment explained, a trajectory drawn, a briefing."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from contract.labels import LIST_TITLES
from core.labels import LABELS, choice_label, phase_label
from recommendations.models import Assessment

# Lists shown only when they hold something: partners are additions to the leads (and
# assessments made under contract v1 have none).
OPTIONAL_LISTS = {"partner_organizations"}
# Rows of the trajectory chart, top to bottom: escalation upwards, settlement at the foot.
TRAJECTORY_ROWS = [
    ("post_rubicon", "war"),
    ("rubicon", None),
    ("rising", None),
    ("latent", None),
    ("post_rubicon", "settlement"),
]
CHART = {"width": 640, "height": 270, "left": 170, "right": 40, "top": 20, "bottom": 44}
MAX_DATE_LABELS = 6


def explained(body: dict[str, Any]) -> dict[str, Any]:
    """The assessment body with, for each item, the reasons of the rules that fired."""
    because = {entry["rule"]: entry["because"] for entry in body["trace"]}
    lists = []
    for key, title in LIST_TITLES.items():
        items = [
            {**item, "reasons": [(rule, because.get(rule, "")) for rule in item["rules"]]}
            for item in body[key]
        ]
        if items or key not in OPTIONAL_LISTS:
            lists.append({"key": key, "title": _(title), "items": items})
    facts = [
        (LABELS.get(name, name), choice_label(value))
        for name, value in body["input"].items()
        if name not in ("country", "notes")
    ]
    phase, track = body["phase"]["slug"], body["phase"]["track"]
    return {
        **body,
        "lists": lists,
        "facts": facts,
        "phase_name": phase_label(phase, track),
        "phase_rule": next((e for e in body["trace"] if e["rule"].startswith("phase.")), None),
        "curve_points": curve_points(phase, track),
    }


CURVE = [  # (phase, track, x, y) on the drawing of the curve of conflict
    ("latent", None, 60, 170),
    ("rising", None, 210, 128),
    ("rubicon", None, 330, 62),
    ("post_rubicon", "war", 470, 28),
    ("post_rubicon", "settlement", 470, 160),
]


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


def _svg_number(value: float) -> str:
    """A coordinate as SVG reads it, with a decimal point whatever the page's language: the
    template would write a float with the locale's separator ("20,0" in French)."""
    return f"{value:.1f}".removesuffix(".0")


def _labelled(count: int) -> set[int]:
    """Which points get a date under the axis: all of a few, else MAX_DATE_LABELS spread
    evenly, the first and the last among them (the table lists every date)."""
    if count <= MAX_DATE_LABELS:
        return set(range(count))
    step = (count - 1) / (MAX_DATE_LABELS - 1)
    return {round(i * step) for i in range(MAX_DATE_LABELS)}


def _time_label(moment: datetime, days: Counter[date], minutes: Counter[str]) -> str:
    """The time under a date the chart shows twice: to the minute, or to the second when two
    assessments share the minute too (a re-evaluation, an import); none for a day's only one."""
    if days[moment.date()] < 2:
        return ""
    return moment.strftime(
        "%H:%M:%S" if minutes[moment.strftime("%Y-%m-%d %H:%M")] > 1 else "%H:%M"
    )


def trajectory(assessments: list[Assessment]) -> dict[str, Any]:
    """Points of the phase trajectory chart, oldest first, every coordinate a string.

    Points are evenly spaced in the order of the assessments. Each is dated under the axis in
    ISO form, the year included; points that share their day with another also give their time.
    """
    c = CHART
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    row_y = {
        row: c["top"] + plot_h * i / (len(TRAJECTORY_ROWS) - 1)
        for i, row in enumerate(TRAJECTORY_ROWS)
    }
    count = len(assessments)
    moments = [timezone.localtime(a.created) for a in assessments]
    days = Counter(moment.date() for moment in moments)
    minutes = Counter(moment.strftime("%Y-%m-%d %H:%M") for moment in moments)
    labelled = _labelled(count)
    points = []
    for i, assessment in enumerate(assessments):
        x = c["left"] + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)
        y = row_y[(assessment.phase.slug, assessment.track or None)]
        points.append(
            {
                "x": _svg_number(x),
                "y": _svg_number(y),
                "assessment": assessment,
                "labelled": i in labelled,
                "date": moments[i].strftime("%Y-%m-%d"),
                "time": _time_label(moments[i], days, minutes),
            }
        )
    rows = [
        {"y": _svg_number(y), "label": phase_label(phase, track)}
        for (phase, track), y in row_y.items()
    ]
    # A settlement comes after the Rubicon, not below latent tension: a dashed line sets its
    # row apart from the escalation above it.
    settlement = row_y[("post_rubicon", "settlement")]
    latent = row_y[("latent", None)]
    return {
        **c,
        "points": points,
        "rows": rows,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "plot_right": c["width"] - c["right"],
        "divider_y": _svg_number((settlement + latent) / 2),
        "date_y": c["height"] - c["bottom"] + 20,
    }


def briefing_markdown(body: dict[str, Any]) -> str:
    """The briefing as Markdown: phase, every list with reasons and sources, analogous cases."""
    view = explained(body)
    phase = phase_label(body["phase"]["slug"], body["phase"]["track"])
    lines = [
        f"# {_('Briefing')}: {body['situation']['country']}",
        "",
        f"{_('Assessed')}: {body['created']:%Y-%m-%d %H:%M} UTC · "
        f"{_('ruleset')} v{body['ruleset']['version']}",
        "",
        f"## {_('Phase')}: {phase}",
        "",
    ]
    for block in view["lists"]:
        lines += [f"## {block['title']}", ""]
        if not block["items"]:
            lines += [f"- {_('None')}", ""]
        for item in block["items"]:
            text = item.get("text") or item.get("rationale", "")
            lines.append(f"- **{item['name']}**: {text}")
            for rule, reason in item["reasons"]:
                lines.append(f"  - {_('Rule')} `{rule}`: {reason}")
            sources = "; ".join(f"{c['source']}, “{c['locator']}”" for c in item["citations"])
            if sources:
                lines.append(f"  - {_('Sources')}: {sources}")
        lines.append("")
    lines += [f"## {_('Analogous cases')}", ""]
    for case in body["analogous_cases"]:
        lines.append(f"- {case['title']} ({_('similarity')} {case['similarity']:.2f})")
    lines += ["", f"## {_('Facts assessed')}", ""]
    lines += [f"- {label}: {value}" for label, value in view["facts"]]
    return "\n".join(lines) + "\n"

"""What the analyst pages show: an assessment explained, a trajectory drawn, a briefing."""

from __future__ import annotations

from typing import Any

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
CHART = {"width": 640, "height": 260, "left": 170, "right": 20, "top": 20, "bottom": 30}


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


def trajectory(assessments: list[Assessment]) -> dict[str, Any]:
    """Points of the phase trajectory chart (SVG coordinates), oldest first."""
    c = CHART
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    row_y = {
        row: c["top"] + plot_h * i / (len(TRAJECTORY_ROWS) - 1)
        for i, row in enumerate(TRAJECTORY_ROWS)
    }
    count = len(assessments)
    points = []
    for i, assessment in enumerate(assessments):
        x = c["left"] + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)
        y = row_y[(assessment.phase.slug, assessment.track or None)]
        points.append({"x": round(x, 1), "y": round(y, 1), "assessment": assessment})
    rows = [
        {"y": round(y, 1), "label": phase_label(phase, track)}
        for (phase, track), y in row_y.items()
    ]
    return {
        **c,
        "points": points,
        "rows": rows,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "plot_right": c["width"] - c["right"],
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

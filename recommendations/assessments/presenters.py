"""What the analyst pages show beside an assessment: its situation's trajectory, drawn."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from core.labels import phase_label
from recommendations.models import Assessment

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

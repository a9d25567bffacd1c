"""What the situation pages show: a trajectory drawn (a result is `result_view`'s)."""

from __future__ import annotations

from typing import Any

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
CHART = {"width": 640, "height": 260, "left": 170, "right": 20, "top": 20, "bottom": 30}


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

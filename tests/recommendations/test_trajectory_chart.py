"""The situation page's trajectory chart: drawn in any language, dated, explained, and no
link inside its image."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest

from recommendations.assessments.presenters import trajectory
from recommendations.models import Assessment
from tests.helpers import situation_form_data

pytestmark = pytest.mark.django_db

NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "dy", "width", "height"}
POINTS = re.compile(r"^\d+(\.\d+)?,\d+(\.\d+)?( \d+(\.\d+)?,\d+(\.\d+)?)*$")


class SvgReader(HTMLParser):
    """The page's first chart: its elements (tag, attributes), and the words under its axis."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, dict]] = []  # inside the chart, innermost last
        self.done = False
        self.elements: list[tuple[str, dict]] = []
        self.dates: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if self.open or (tag == "svg" and ("role", "img") in attrs):
            self.elements.append((tag, dict(attrs)))
            self.open.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        if self.open and not self.done:
            self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if self.open and not self.done:
            self.open.pop()
            self.done = not self.open

    def handle_data(self, data):
        if not self.open or self.done:
            return
        tag, attrs = self.open[-1]
        below_the_axis = tag == "tspan" or attrs.get("text-anchor") == "middle"
        if tag in ("text", "tspan") and below_the_axis and data.strip():
            self.dates.append(data.strip())


def chart_of(html: str) -> SvgReader:
    reader = SvgReader()
    reader.feed(html)
    assert reader.elements, "no chart on the page"
    return reader


def two_assessments(client) -> int:
    """Two assessments of one situation, made a moment apart; the situation's id."""
    quiet = situation_form_data(violence_level="none", recent_fatalities=0)
    war = situation_form_data(violence_level="full_scale_war", recent_fatalities=2000)
    for data in (quiet, war):
        assert client.post("/situations/new/", data).status_code == 302
    first, second = Assessment.objects.order_by("created")
    assert first.situation_id == second.situation_id
    return first.situation_id


def test_in_french_every_number_of_the_chart_is_written_with_a_point(signed_in):
    situation = two_assessments(signed_in)
    html = signed_in.get(f"/situations/{situation}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in html
    chart = chart_of(html)
    numbers = [
        (tag, name, value)
        for tag, attrs in chart.elements
        for name, value in attrs.items()
        if name in NUMERIC
    ]
    assert len(numbers) > 20
    assert [n for n in numbers if "," in n[2]] == []
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for _, _, value in numbers)
    viewbox = next(attrs["viewbox"] for tag, attrs in chart.elements if tag == "svg")
    assert re.fullmatch(r"0 0 \d+ \d+", viewbox)
    polyline = next(attrs for tag, attrs in chart.elements if tag == "polyline")
    assert POINTS.match(polyline["points"]), polyline["points"]


def made_at(situation: int, *moments: datetime) -> None:
    """Date the situation's assessments, oldest first, at these moments."""
    for assessment, moment in zip(
        Assessment.objects.filter(situation=situation).order_by("created"), moments, strict=True
    ):
        Assessment.objects.filter(pk=assessment.pk).update(created=moment)


MORNING = datetime(2026, 3, 5, 10, 15, tzinfo=UTC)


def test_the_chart_dates_its_points_with_the_year(signed_in):
    situation = two_assessments(signed_in)
    made_at(situation, MORNING - timedelta(days=40), MORNING)
    html = signed_in.get(f"/situations/{situation}/").content.decode()
    assert chart_of(html).dates == ["2026-01-24", "2026-03-05"]


def test_points_of_the_same_day_also_give_their_time(signed_in):
    situation = two_assessments(signed_in)
    made_at(situation, MORNING, MORNING + timedelta(hours=2))
    html = signed_in.get(f"/situations/{situation}/").content.decode()
    assert chart_of(html).dates == ["2026-03-05", "10:15", "2026-03-05", "12:15"]


def test_points_of_the_same_minute_give_their_seconds(signed_in):
    situation = two_assessments(signed_in)
    made_at(situation, MORNING, MORNING + timedelta(seconds=20))
    html = signed_in.get(f"/situations/{situation}/").content.decode()
    assert chart_of(html).dates == ["2026-03-05", "10:15:00", "2026-03-05", "10:15:20"]


def test_many_points_get_at_most_six_dates_the_first_and_last_among_them(signed_in):
    situation = two_assessments(signed_in)
    assessments = list(Assessment.objects.filter(situation=situation)) * 10
    labelled = [i for i, p in enumerate(trajectory(assessments)["points"]) if p["labelled"]]
    assert len(labelled) == 6 and labelled[0] == 0 and labelled[-1] == 19


def test_the_chart_is_an_image_without_links_and_has_a_legend(signed_in):
    situation = two_assessments(signed_in)
    html = signed_in.get(f"/situations/{situation}/").content.decode()
    chart = chart_of(html)
    assert "a" not in {tag for tag, _ in chart.elements}
    assert '<figcaption class="legend">' in html
    assert "An assessment, dated below the chart" in html
    # The table beside it links every assessment.
    for assessment in Assessment.objects.filter(situation=situation):
        assert f'href="/situations/assessments/{assessment.pk}/"' in html


def test_the_region_is_named_in_the_page_language(signed_in):
    situation = two_assessments(signed_in)
    html = signed_in.get(f"/situations/{situation}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Afrique de l" in html.split('<p class="meta">')[1].split("</p>")[0]

"""A situation's trend, assessment by assessment, through the API, the pages and the
briefings: its direction, the answers that drove it, what it changed in the key actions, and
a re-evaluation under other rules that is not a trend."""

import pytest

from recommendations.models import Assessment
from tests.engine.baselines import RISING, RUBICON
from tests.helpers import draft_with_a_new_caveat, run_on_commit

pytestmark = pytest.mark.django_db


def assess(client, data, situation=None):
    body = {**data, "situation": situation}
    response = client.post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def escalating(analyst):
    """A situation assessed rising, then at the Rubicon with dialogue broken down."""
    first = assess(analyst.client, {**RISING, "political_dialogue": "strained"})
    second = assess(
        analyst.client,
        {**RUBICON, "political_dialogue": "broken_down"},
        situation=first["situation"]["id"],
    )
    return first, second


def test_the_first_assessment_has_no_trend(escalating):
    first, _ = escalating
    assert first["trend"] is None and first["trend_drivers"] == []
    assert first["trend_details"] is None


def test_the_api_gives_the_direction_its_drivers_and_the_key_actions_it_changed(escalating):
    first, second = escalating
    assert second["trend"] == "deteriorated"
    drivers = second["trend_drivers"]
    assert drivers[0] == {
        "field": "phase",
        "from": {"phase": "rising", "track": None},
        "to": {"phase": "rubicon", "track": None},
        "direction": "worse",
    }
    assert [d["field"] for d in drivers[1:]] == [
        "violence_level",
        "war_decision_imminent",
        "political_dialogue",
    ]
    details = second["trend_details"]
    assert details["previous"]["id"] == first["id"]
    assert details["conflict_risk_alert"] is True
    assert details["same_answers"] is False and details["rules_changed"] is False
    before = {(k["kind"], k["slug"]) for k in first["key_actions"]}
    after = {(k["kind"], k["slug"]) for k in second["key_actions"]}
    assert {(k["kind"], k["slug"]) for k in details["key_actions_added"]} == after - before
    assert {(k["kind"], k["slug"]) for k in details["key_actions_removed"]} == before - after
    assert all(k["name"] for k in details["key_actions_added"])
    fetched = assessment_detail(second["id"], escalating)
    assert fetched == second["trend"]


def assessment_detail(pk, escalating):
    from rest_framework.test import APIClient

    assessment = Assessment.objects.get(pk=pk)
    client = APIClient()
    client.force_authenticate(assessment.created_by)
    return client.get(f"/api/v1/assessments/{pk}/").json()["trend"]


@pytest.fixture
def browser(client, analyst):
    """The analyst's pages, signed in."""
    client.force_login(analyst.user)
    return client


def html(browser, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_assessment_dated_before_the_others_takes_its_place_in_the_history(analyst):
    """Trends are read in the order of the assessments' dates, not of their storing."""
    first = assess(analyst.client, RISING)
    situation = first["situation"]["id"]
    later = assess(analyst.client, RUBICON, situation=situation)
    Assessment.objects.filter(pk=first["id"]).update(
        created=Assessment.objects.get(pk=later["id"]).created.replace(year=2100)
    )
    history = analyst.client.get(f"/api/v1/situations/{situation}/").json()["history"]
    assert [(p["assessment"], p["trend"]) for p in history] == [
        (later["id"], None),
        (first["id"], "improved"),
    ]


def test_a_reevaluation_under_other_rules_is_not_a_trend(curator, analyst, browser):
    first = assess(analyst.client, RISING)
    version = draft_with_a_new_caveat(curator)
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{version}/reevaluate/")
    assert response.status_code == 202
    fresh = Assessment.objects.get(reevaluation_of=first["id"])
    body = analyst.client.get(f"/api/v1/assessments/{fresh.pk}/").json()
    assert body["trend"] == "unchanged" and body["trend_drivers"] == []
    assert body["trend_details"]["rules_changed"] is True
    assert body["trend_details"]["same_answers"] is True
    page = html(browser, f"/situations/assessments/{fresh.pk}/")
    assert "only the rules changed" in page and "so this is not a trend" in page


def test_the_result_page_and_the_situation_page_show_the_arrow_and_its_drivers(escalating, browser):
    _, second = escalating
    page = html(browser, f"/situations/assessments/{second['id']}/")
    assert 'class="trend trend-deteriorated"' in page
    assert "Deteriorated" in page and "conflict risk alert" in page
    assert "violence: spreading → intensifying" in page
    assert "political dialogue: strained → broken down" in page
    assert "phase: Rising tension → At the Rubicon" in page
    assert "violence_level" not in page.split('id="trend"')[1].split("</div>")[0]
    situation = html(browser, f"/situations/{second['situation']['id']}/")
    assert 'class="arrow deteriorated"' in situation
    assert "decision for or against war: not imminent → imminent" in situation


def test_the_briefings_say_the_trend(escalating, browser):
    _, second = escalating
    markdown = html(browser, f"/situations/assessments/{second['id']}/briefing.md")
    assert "Deteriorated since the assessment of" in markdown
    assert "conflict risk alert" in markdown


def test_in_french_the_trend_reads_in_french(escalating, browser):
    _, second = escalating
    browser.cookies["django_language"] = "fr"
    page = html(browser, f"/situations/assessments/{second['id']}/")
    trend = page.split('id="trend"')[1].split("</div>")[0]
    assert "Détérioration" in trend and "alerte de risque de conflit" in trend
    assert "dialogue politique : tendu → rompu" in trend


# The watchlist


@pytest.fixture
def portfolio(analyst, escalating):
    """Three situations of the analyst's team: one escalating (with an alert), one improving
    in Asia and due for reassessment, one assessed once; and another team's situation."""
    from recommendations.models import Situation

    calm = assess(analyst.client, {**RUBICON, "country": "Calmland", "region": "east_asia"})
    better = assess(
        analyst.client,
        {**RISING, "country": "Calmland", "region": "east_asia"},
        situation=calm["situation"]["id"],
    )
    Situation.objects.filter(pk=better["situation"]["id"]).update(review_due="2026-01-01T00:00Z")
    once = assess(analyst.client, {**RISING, "country": "Onceland"})
    return {
        "escalating": escalating[1]["situation"]["id"],
        "improving": better["situation"]["id"],
        "once": once["situation"]["id"],
    }


def watch_api(analyst, query=""):
    response = analyst.client.get(f"/api/v1/watchlist/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_watchlist_api_gives_each_situation_its_trend_alert_due_and_signposts(
    analyst, portfolio, outsider
):
    assess(outsider.client, {**RISING, "country": "Elsewhere"})
    body = watch_api(analyst, "?ordering=country")
    rows = {r["situation"]["id"]: r for r in body["results"]}
    assert body["count"] == 3 == len(rows)  # the other team's situation is not there
    escalating = rows[portfolio["escalating"]]
    assert escalating["trend"] == "deteriorated" and escalating["conflict_risk_alert"]
    assert escalating["trend_drivers"][0]["field"] == "phase"
    assert escalating["latest"]["phase"] == "rubicon"
    assert escalating["latest"]["created_by"] == analyst.user.get_username()
    assert 1 <= len(escalating["signposts"]) <= 3
    assert all(s["phase"] for s in escalating["signposts"])
    improving = rows[portfolio["improving"]]
    assert improving["trend"] == "improved" and not improving["conflict_risk_alert"]
    assert improving["due_for_reassessment"] is True
    assert rows[portfolio["once"]]["trend"] is None
    assert [r["situation"]["country"] for r in body["results"]] == sorted(
        r["situation"]["country"] for r in body["results"]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?trend=deteriorated", ["escalating"]),
        ("?trend=improved", ["improving"]),
        ("?alert=true", ["escalating"]),
        ("?due=true", ["improving"]),
        ("?region=east_asia", ["improving"]),
        ("?phase=rubicon", ["escalating"]),
        ("?phase=rising&due=false", ["once"]),
    ],
)
def test_the_watchlist_filters(analyst, portfolio, query, expected):
    found = {r["situation"]["id"] for r in watch_api(analyst, query)["results"]}
    assert found == {portfolio[name] for name in expected}


def test_a_bad_filter_is_a_400_on_its_parameter(analyst, portfolio):
    response = analyst.client.get("/api/v1/watchlist/?trend=worse&ordering=x")
    assert response.status_code == 400
    assert set(response.json()) == {"trend", "ordering"}


def test_the_latest_assessed_come_first_by_default(analyst, portfolio):
    order = [r["situation"]["id"] for r in watch_api(analyst)["results"]]
    assert order == [portfolio["once"], portfolio["improving"], portfolio["escalating"]]
    oldest = [
        r["situation"]["id"] for r in watch_api(analyst, "?ordering=last_assessed")["results"]
    ]
    assert oldest == list(reversed(order))


def test_the_watchlist_page_filters_and_shows_arrows_drivers_and_what_to_watch_for(
    browser, portfolio
):
    page = html(browser, "/situations/watchlist/")
    assert page.count('<tr id="watch-') == 3
    assert "1 situation moved towards the Rubicon or into war" in page
    row = page.split(f'id="watch-{portfolio["escalating"]}"')[1].split("</tr>")[0]
    assert 'class="arrow deteriorated"' in row and "conflict risk alert" in row
    assert "violence: spreading → intensifying" in row
    assert "the situation moves to" in row
    improving = page.split(f'id="watch-{portfolio["improving"]}"')[1].split("</tr>")[0]
    assert 'class="arrow improved"' in improving and "due for reassessment" in improving
    filtered = html(browser, "/situations/watchlist/?trend=improved")
    assert filtered.count('<tr id="watch-') == 1
    unknown = html(browser, "/situations/watchlist/?trend=sideways")  # left out, not a 500
    assert unknown.count('<tr id="watch-') == 3


def test_the_csv_export_keeps_the_filters_and_makes_formulas_inert(browser, analyst, portfolio):
    import csv
    import io

    assess(analyst.client, {**RISING, "country": "=HYPERLINK(1)"})
    response = browser.get("/situations/watchlist.csv?phase=rising")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["country"] for r in rows} == {"Onceland", "Calmland", "'=HYPERLINK(1)"}
    assert all(r["phase"] == "rising" for r in rows)
    everything = list(
        csv.DictReader(io.StringIO(browser.get("/situations/watchlist.csv").content.decode()))
    )
    escalating = next(r for r in everything if r["conflict_risk_alert"] == "yes")
    assert escalating["trend"] == "deteriorated"
    assert "violence: spreading → intensifying" in escalating["trend_drivers"]
    assert escalating["assessment_url"].startswith("http://testserver/situations/assessments/")

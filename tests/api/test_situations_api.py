"""Situations: analysts create, everyone in the team reads the trajectory, curators change."""

import pytest

from recommendations.models import Situation
from tests.factories import VALID_INPUT

pytestmark = pytest.mark.django_db
URL = "/api/v1/situations/"


def assess(persona, **changes):
    response = persona.client.post(
        "/api/v1/assessments/", {**VALID_INPUT, **changes}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_an_analyst_creates_a_situation_in_their_team(analyst, team):
    response = analyst.client.post(URL, {"country": "Somalia", "region": "east_africa"})
    assert response.status_code == 201
    body = response.json()
    assert body["team"] == team.slug and body["history"] == [] and body["latest"] is None


def test_a_team_tracks_a_country_once(analyst):
    analyst.client.post(URL, {"country": "Somalia", "region": "east_africa"})
    again = analyst.client.post(URL, {"country": "somalia", "region": "east_africa"})
    assert again.status_code == 400
    assert again.json() == {"country": ["Your team already tracks somalia."]}


def test_the_detail_has_the_phase_history_and_the_list_the_latest_phase(analyst):
    first = assess(analyst, violence_level="none")
    second = assess(analyst, violence_level="full_scale_war")
    detail = analyst.client.get(f"{URL}{first['situation']['id']}/").json()
    assert [(p["assessment"], p["phase"], p["track"]) for p in detail["history"]] == [
        (first["id"], "latent", None),
        (second["id"], "post_rubicon", "war"),
    ]
    listed = analyst.client.get(URL).json()["results"][0]
    assert listed["assessments"] == 2
    assert listed["latest"]["phase"] == "post_rubicon"


def test_another_teams_situation_is_invisible(analyst, outsider):
    created = assess(analyst)
    url = f"{URL}{created['situation']['id']}/"
    assert outsider.client.get(url).status_code == 404
    assert outsider.client.get(URL).json()["count"] == 0


def test_only_curators_update_and_delete(analyst, viewer, curator):
    situation_id = assess(analyst)["situation"]["id"]
    url = f"{URL}{situation_id}/"
    assert viewer.client.post(URL, {"country": "X", "region": "europe"}).status_code == 403
    assert analyst.client.patch(url, {"country": "Guinea-Conakry"}).status_code == 403
    renamed = curator.client.patch(url, {"country": "Guinea-Conakry"})
    assert renamed.status_code == 200 and renamed.json()["country"] == "Guinea-Conakry"
    assert analyst.client.delete(url).status_code == 403
    assert curator.client.delete(url).status_code == 204
    assert not Situation.objects.filter(pk=situation_id).exists()


def test_bad_situation_input_is_a_400_per_field(analyst):
    response = analyst.client.post(URL, {"country": " ", "region": "atlantis", "team": "nope"})
    assert response.status_code == 400
    assert set(response.json()) == {"country", "region"}
    response = analyst.client.post(URL, {"country": "X", "region": "europe", "team": "nope"})
    assert response.json() == {"team": ["You are not a member of a team 'nope'."]}

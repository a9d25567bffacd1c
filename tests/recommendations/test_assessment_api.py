"""POST /api/v1/assessments/ and GET /api/v1/assessments/{id}/: the contract's sections 1 and 8."""

import pytest

from accounts.levels import ANALYST, VIEWER
from recommendations.models import Assessment, Situation
from tests import spec
from tests.factories import VALID_INPUT, SituationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


@pytest.fixture
def team():
    return TeamFactory(name="West Africa desk", slug="west-africa-desk")


@pytest.fixture
def analyst(client, team):
    user = UserFactory(level=ANALYST, team=team)
    client.force_login(user)
    return user


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_an_analyst_gets_the_full_recommendation_with_201(client, analyst):
    response = post(client, VALID_INPUT)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "situation",
        "created",
        "ruleset",
        "input",
        "phase",
        "roles",
        "mission_models",
        "lead_organizations",
        "partner_organizations",
        "council_tools",
        "caveats",
        "key_actions",
        "ruled_out",
        "signposts",
        "robustness",
        "trend",
        "trend_drivers",
        "trend_details",
        "analogous_cases",
        "trace",
    }
    assert body["situation"]["country"] == "Guinea"
    assert body["phase"] == {"slug": "rising", "name": "Rising tension", "track": None}
    expected = spec.expected({**VALID_INPUT})
    for key in (
        "roles",
        "mission_models",
        "lead_organizations",
        "partner_organizations",
        "council_tools",
        "caveats",
    ):
        assert [item["slug"] for item in body[key]] == expected[key], key
    role = body["roles"][0]
    assert {"slug", "name", "rationale", "rules", "citations", "priority", "robust"} <= set(role)
    assert role["citations"][0]["source"] in {"gowan-2011", "usip-2012-pmpd", "ipi-2012"}
    assert {"slug", "name", "reason"} <= set(body["lead_organizations"][0])
    assert {"slug", "text", "rules", "citations"} <= set(body["caveats"][0])
    assert body["trace"][0] == {
        "rule": "phase.rising",
        "fired": True,
        "because": "violence_level = spreading",
        "facts": {"violence_level": "spreading"},
    }
    assert len(body["analogous_cases"]) == 5
    assert all(0 <= case["similarity"] <= 1 for case in body["analogous_cases"])
    assert body["input"]["country"] == "Guinea"
    assert "situation" not in body["input"]


def test_every_listed_rule_is_in_the_trace(client, analyst):
    body = post(client, {**VALID_INPUT, "atrocity_risk": "ongoing"}).json()
    traced = {entry["rule"] for entry in body["trace"]}
    for key in (
        "roles",
        "mission_models",
        "lead_organizations",
        "partner_organizations",
        "council_tools",
        "caveats",
    ):
        for item in body[key]:
            assert set(item["rules"]) <= traced
            assert item["citations"], item["slug"]


def test_get_returns_the_same_body(client, analyst):
    # the answer to a POST is built from the document in hand, a GET expands the stored one
    created = post(client, VALID_INPUT).json()
    fetched = client.get(f"{URL}{created['id']}/")
    assert fetched.status_code == 200
    assert fetched.json() == created
    again = post(client, {**VALID_INPUT, "war_decision_imminent": True}).json()
    assert again["trend"] == "deteriorated"  # against the first: read from what is stored
    assert client.get(f"{URL}{again['id']}/").json() == again


def test_a_second_assessment_of_the_same_country_joins_its_situation(client, analyst):
    first = post(client, VALID_INPUT).json()
    second = post(client, {**VALID_INPUT, "country": "guinea", "violence_level": "none"}).json()
    assert second["situation"]["id"] == first["situation"]["id"]
    assert second["phase"]["slug"] == "latent"
    assert Situation.objects.count() == 1


def test_an_assessment_can_name_its_situation(client, analyst, team):
    situation = SituationFactory(team=team, country="Kyrgyzstan", region="central_asia")
    body = post(client, {**VALID_INPUT, "situation": situation.pk}).json()
    assert body["situation"] == {"id": situation.pk, "country": "Kyrgyzstan"}


def test_another_teams_situation_is_refused_as_unknown(client, analyst):
    other = SituationFactory(team=TeamFactory())
    response = post(client, {**VALID_INPUT, "situation": other.pk})
    assert response.status_code == 400
    assert response.json() == {"situation": [f"No situation with id {other.pk}."]}
    assert Assessment.objects.count() == 0


def test_bad_input_gets_a_message_per_field_and_stores_nothing(client, analyst):
    data = {**VALID_INPUT, "violence_level": "apocalyptic", "surprise": 1}
    del data["region"]
    data["grievances"] = ["governance", "boredom"]
    data["recent_fatalities"] = -3
    data["war_decision_imminent"] = "maybe"
    response = post(client, data)
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {
        "violence_level",
        "surprise",
        "region",
        "grievances",
        "recent_fatalities",
        "war_decision_imminent",
    }
    assert errors["region"] == ["This field is required."]
    assert errors["surprise"] == ["Unknown field."]
    assert "apocalyptic" in errors["violence_level"][0]
    assert Assessment.objects.count() == 0 and Situation.objects.count() == 0


@pytest.mark.parametrize("field", ["country", "notes"])
def test_text_fields_have_length_limits(client, analyst, field):
    limit = 100 if field == "country" else 10_000
    response = post(client, {**VALID_INPUT, field: "x" * (limit + 1)})
    assert response.status_code == 400
    assert f"At most {limit} characters" in response.json()[field][0]


def test_a_body_that_is_not_json_is_a_400(client, analyst):
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert client.post(URL, [1, 2], content_type="application/json").status_code == 400


def test_the_anonymous_get_401(client):
    assert post(client, VALID_INPUT).status_code == 401
    assert client.get(f"{URL}1/").status_code == 401


def test_a_viewer_may_not_create_assessments(client, team):
    client.force_login(UserFactory(level=VIEWER, team=team))
    response = post(client, VALID_INPUT)
    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_an_analyst_without_a_team_is_told_why(client):
    client.force_login(UserFactory(level=ANALYST))
    response = post(client, VALID_INPUT)
    assert response.status_code == 400
    assert "not a member of any team" in response.json()["situation"][0]


def test_another_teams_assessment_is_not_found(client, analyst):
    created = post(client, VALID_INPUT).json()
    client.force_login(UserFactory(level=ANALYST, team=TeamFactory()))
    response = client.get(f"{URL}{created['id']}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No assessment with this id."}


def test_the_assessment_records_the_ruleset_version_that_made_it(client, analyst):
    body = post(client, VALID_INPUT).json()
    stored = Assessment.objects.get(pk=body["id"])
    assert body["ruleset"] == {"version": stored.ruleset.version}
    assert stored.ruleset.status == "active"

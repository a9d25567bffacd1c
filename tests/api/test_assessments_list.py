import pytest

from tests.factories import VALID_INPUT

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


@pytest.fixture
def three(analyst):
    made = []
    for changes in (
        {"violence_level": "none"},
        {"violence_level": "full_scale_war"},
        {"country": "Kenya", "region": "east_africa", "war_decision_imminent": True},
    ):
        made.append(analyst.client.post(URL, {**VALID_INPUT, **changes}, format="json").json())
    return made


def ids(response):
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


def test_the_list_is_newest_first_and_filterable(analyst, three):
    latent, war, kenya = (a["id"] for a in three)
    assert ids(analyst.client.get(URL)) == [kenya, war, latent]
    assert ids(analyst.client.get(URL, {"ordering": "created"})) == [latent, war, kenya]
    assert ids(analyst.client.get(URL, {"phase": "post_rubicon", "track": "war"})) == [war]
    assert ids(analyst.client.get(URL, {"country": "kenya"})) == [kenya]
    assert ids(analyst.client.get(URL, {"region": "west_africa"})) == [war, latent]
    situation = three[0]["situation"]["id"]
    assert ids(analyst.client.get(URL, {"situation": situation})) == [war, latent]
    created = three[1]["created"]
    assert ids(analyst.client.get(URL, {"created_after": created})) == [kenya, war]
    assert ids(analyst.client.get(URL, {"created_before": created})) == [latent]


def test_the_list_items_are_summaries_with_the_phase(analyst, three):
    item = analyst.client.get(URL).json()["results"][0]
    assert set(item) == {"id", "situation", "created", "ruleset", "phase"}
    assert item["phase"]["slug"] == "rubicon"


def test_other_teams_see_none_of_it(outsider, three):
    assert outsider.client.get(URL).json()["count"] == 0


def test_bad_filters_are_refused(analyst):
    response = analyst.client.get(URL, {"phase": "boiling", "created_after": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()) == {"phase", "created_after"}


def test_pages_are_capped(analyst, three):
    body = analyst.client.get(URL, {"page_size": 100}).json()
    assert body["count"] == 3 and len(body["results"]) == 3
    one = analyst.client.get(URL, {"page_size": 1}).json()
    assert len(one["results"]) == 1 and one["next"]
    too_big = analyst.client.get(URL, {"page_size": 1000})
    assert too_big.status_code == 400
    assert too_big.json() == {"page_size": ["A whole number from 1 to 100, given once."]}
    assert analyst.client.get(URL, {"page": 99}).status_code == 404

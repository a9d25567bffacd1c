"""Every stored assessment is announced to the team's endpoints once its transaction commits:
`assessment.created` always, `situation.phase_changed` when the phase or track moved,
`situation.trend_changed` when the arrow moved; from the
API, the form, imports and re-evaluations alike; to no other team, and never for a rollback."""

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from tests.helpers import run_on_commit, sign_in, situation_form_data, upload
from tests.imports import csv_bytes, row
from tests.inputs import VALID_INPUT
from webhooks.events import ASSESSMENT_CREATED, PHASE_CHANGED, TREND_CHANGED
from webhooks.models import Delivery
from webhooks.services import emit, endpoint_create

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


def assess(persona, **changes):
    with run_on_commit():
        response = persona.client.post(URL, {**VALID_INPUT, **changes}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def events(receiver, secret):
    return [Webhook(secret).verify(r.body, r.headers) for r in receiver.received]


def test_an_assessment_posted_to_the_api_is_announced_with_its_ids_phase_and_links(
    analyst, endpoint, receiver
):
    made = assess(analyst)
    (event,) = events(receiver, endpoint.secret)
    data = event["data"]
    assert event["type"] == "assessment.created"
    assert data["assessment_id"] == made["id"]
    assert data["situation_id"] == made["situation"]["id"]
    assert (data["country"], data["team"], data["phase"]) == ("Guinea", "horn-desk", "rising")
    assert data["links"]["assessment"].endswith(f"/situations/assessments/{made['id']}/")
    assert data["links"]["assessment_api"].endswith(f"/api/v1/assessments/{made['id']}/")
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED


def test_a_phase_that_moved_is_announced_with_the_previous_one(analyst, endpoint, receiver):
    first = assess(analyst)
    assess(analyst)  # same answers, same phase: created only
    war = assess(analyst, violence_level="full_scale_war")
    types = [e["type"] for e in events(receiver, endpoint.secret)]
    assert types == [
        ASSESSMENT_CREATED,
        ASSESSMENT_CREATED,
        ASSESSMENT_CREATED,
        PHASE_CHANGED,
        TREND_CHANGED,
    ]
    changed = events(receiver, endpoint.secret)[-2]["data"]
    assert (changed["assessment_id"], changed["phase"], changed["track"]) == (
        war["id"],
        "post_rubicon",
        "war",
    )
    assert changed["previous"]["phase"] == "rising"
    assert changed["previous"]["assessment_id"] != first["id"]  # the one just before


def test_a_trend_that_changed_is_announced_with_its_drivers(analyst, endpoint, receiver):
    first = assess(analyst)
    assess(analyst)  # the same answers: unchanged, as a first trend counts: no trend event
    assess(analyst, violence_level="intensifying", war_decision_imminent=True)  # deteriorated
    assess(analyst, violence_level="full_scale_war")  # deteriorated again: the arrow stays
    told = events(receiver, endpoint.secret)
    (changed,) = [e["data"] for e in told if e["type"] == TREND_CHANGED]
    assert (changed["trend"], changed["previous_trend"]) == ("deteriorated", "unchanged")
    assert changed["trend_drivers"][0]["field"] == "phase"
    created = [e["data"] for e in told if e["type"] == ASSESSMENT_CREATED]
    assert [c["trend"] for c in created] == [None, "unchanged", "deteriorated", "deteriorated"]
    assert created[0]["assessment_id"] == first["id"]


def test_an_endpoint_gets_only_the_events_it_subscribes_to(
    analyst, curator, team, receiver, private_targets
):
    endpoint = endpoint_create(
        user=curator.user, team=team, url=receiver.url(), events=[PHASE_CHANGED]
    )
    assess(analyst)
    assert Delivery.objects.count() == 0
    assess(analyst, violence_level="none")
    assert list(Delivery.objects.values_list("event_type", flat=True)) == [PHASE_CHANGED]
    assert endpoint.deliveries.count() == 1


def test_another_teams_endpoint_hears_nothing(outsider, endpoint, receiver):
    assess(outsider)
    assert receiver.received == [] and Delivery.objects.count() == 0


def test_a_team_without_endpoints_records_no_delivery(analyst):
    assess(analyst)
    assert Delivery.objects.count() == 0


def test_the_situation_form_announces_its_assessment(client, analyst, endpoint, receiver):
    sign_in(client, analyst)
    with run_on_commit():
        response = client.post("/situations/new/", situation_form_data())
    assert response.status_code == 302
    assert [e["type"] for e in events(receiver, endpoint.secret)] == [ASSESSMENT_CREATED]


def test_each_imported_assessment_is_announced(analyst, endpoint, receiver):
    content = csv_bytes([row(country="Mali"), row(country="Niger"), row(region="nowhere")])
    response = upload(analyst.client, content)
    assert response.status_code == 202
    got = events(receiver, endpoint.secret)
    assert sorted(e["data"]["country"] for e in got) == ["Mali", "Niger"]


def test_a_reevaluation_is_announced_as_one(analyst, curator, endpoint, receiver):
    from tests.helpers import draft_with_a_new_caveat

    assess(analyst)
    version = draft_with_a_new_caveat(curator)
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    with run_on_commit():
        response = curator.client.post(f"/api/v1/rulesets/{version}/reevaluate/")
    assert response.status_code == 202
    last = events(receiver, endpoint.secret)[-1]["data"]
    assert last["reevaluation_of"] is not None and last["ruleset"] == version


def test_an_event_of_a_rolled_back_transaction_is_never_recorded_nor_sent(team, endpoint, receiver):
    with run_on_commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        emit(team, ASSESSMENT_CREATED, {"country": "Guinea"})
        raise RuntimeError("the request failed halfway")
    assert callbacks == [] and Delivery.objects.count() == 0 and receiver.received == []


def test_an_unknown_event_type_is_a_programming_error(team):
    with pytest.raises(ValueError, match="Unknown webhook event"):
        emit(team, "situation.exploded", {})

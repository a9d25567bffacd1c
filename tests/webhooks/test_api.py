"""Curators register their team's endpoints through the API: the secret comes once, a URL
that is no place for a webhook is refused per field with nothing stored, and each endpoint
shows its deliveries; nobody else sees any."""

import pytest
from standardwebhooks import Webhook

from tests.helpers import run_on_commit
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db
URL = "/api/v1/webhooks/"


def register(persona, **changes):
    body = {"url": "https://93.184.215.14/envoy", "events": ["assessment.created"], **changes}
    return persona.client.post(URL, body, format="json")


def test_a_curator_registers_an_endpoint_and_gets_its_secret_once(curator):
    response = register(curator, description="Early-warning dashboard")
    assert response.status_code == 201, response.json()
    made = response.json()
    assert made["secret"].startswith("whsec_")
    Webhook(made["secret"])  # a secret the library accepts
    assert (made["team"], made["events"], made["active"]) == (
        "horn-desk",
        ["assessment.created"],
        True,
    )
    again = curator.client.get(f"{URL}{made['id']}/").json()
    assert "secret" not in again and again["url"] == "https://93.184.215.14/envoy"
    assert [e["id"] for e in curator.client.get(URL).json()["results"]] == [made["id"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"url": "http://127.0.0.1:8000/hook"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data/"}, "url"),
        ({"url": "http://[::ffff:127.0.0.1]/"}, "url"),
        ({"url": "http://localhost/hook"}, "url"),
        ({"url": "ftp://93.184.215.14/"}, "url"),
        ({"url": "https://user:pw@93.184.215.14/"}, "url"),
        ({"events": []}, "events"),
        ({"events": ["situation.exploded"]}, "events"),
        ({"team": "other-desk"}, "team"),
    ],
)
def test_a_refused_endpoint_gets_a_message_at_its_field_and_stores_nothing(
    curator, outsider, changes, field
):
    response = register(curator, **changes)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Endpoint.objects.count() == 0


def test_an_analyst_may_not_and_another_teams_curator_sees_nothing(curator, analyst, team):
    from tests.factories import TeamFactory
    from tests.helpers import make_persona

    made = register(curator).json()
    assert register(analyst).status_code == 403
    assert analyst.client.get(URL).status_code == 403
    stranger = make_persona("curator", TeamFactory(slug="far-desk"))
    assert stranger.client.get(f"{URL}{made['id']}/").status_code == 404
    assert stranger.client.get(URL).json()["results"] == []
    gone = stranger.client.patch(f"{URL}{made['id']}/", {"active": False}, format="json")
    assert gone.status_code == 404


def test_a_curator_changes_an_endpoint_and_the_secret_stays(curator):
    made = register(curator).json()
    secret = Endpoint.objects.get().secret
    response = curator.client.patch(
        f"{URL}{made['id']}/",
        {"events": ["situation.phase_changed", "assessment.created"], "active": False},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["events"] == ["assessment.created", "situation.phase_changed"]
    assert response.json()["active"] is False
    refused = curator.client.patch(f"{URL}{made['id']}/", {"url": "http://10.0.0.1/"})
    assert list(refused.json()) == ["url"]
    endpoint = Endpoint.objects.get()
    assert endpoint.secret == secret and endpoint.url == "https://93.184.215.14/envoy"


def test_rotating_gives_a_new_secret_once_and_keeps_the_old_one_for_a_while(curator):
    made = register(curator).json()
    rotated = curator.client.post(f"{URL}{made['id']}/rotate-secret/").json()
    assert rotated["secret"] != made["secret"] and rotated["secret"].startswith("whsec_")
    assert rotated["previous_secret_expires"] is not None
    assert Endpoint.objects.get().previous_secret == made["secret"]


def test_a_test_event_is_delivered_signed_and_listed_in_the_deliveries(
    curator, receiver, private_targets
):
    made = register(curator, url=receiver.url(), events=["situation.phase_changed"]).json()
    with run_on_commit():
        response = curator.client.post(f"{URL}{made['id']}/test/")
    assert response.status_code == 202
    (request,) = receiver.received
    event = Webhook(made["secret"]).verify(request.body, request.headers)
    assert event["type"] == "webhook.test" and event["data"]["test"] is True
    listed = curator.client.get(f"{URL}{made['id']}/deliveries/").json()["results"]
    assert [(d["status"], d["attempts"], d["test"], d["last_status_code"]) for d in listed] == [
        ("delivered", 1, True, 200)
    ]
    pending = curator.client.get(f"{URL}{made['id']}/deliveries/", {"status": "pending"})
    assert pending.json()["results"] == []


def test_a_failed_delivery_can_be_sent_again(curator, receiver, private_targets):
    made = register(curator, url=receiver.url()).json()
    with run_on_commit():
        curator.client.post(f"{URL}{made['id']}/test/")
    Delivery.objects.update(status="failed", next_attempt=None)
    delivery = Delivery.objects.get()
    with run_on_commit():
        response = curator.client.post(f"{URL}{made['id']}/deliveries/{delivery.pk}/retry/")
    assert response.status_code == 202
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and len(receiver.received) == 2
    again = curator.client.post(f"{URL}{made['id']}/deliveries/{delivery.pk}/retry/")
    assert again.status_code == 400  # only a failed one


def test_deleting_an_endpoint_deletes_its_deliveries(curator, receiver, private_targets):
    made = register(curator, url=receiver.url()).json()
    curator.client.post(f"{URL}{made['id']}/test/")
    assert curator.client.delete(f"{URL}{made['id']}/").status_code == 204
    assert Endpoint.objects.count() == Delivery.objects.count() == 0

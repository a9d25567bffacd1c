"""The Webhooks pages: a curator registers an endpoint and sees its secret once, follows its
deliveries, sends a test event, rotates the secret and deletes the endpoint."""

import re

import pytest

from tests.helpers import run_on_commit, sign_in
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def secret_on(response) -> str:
    found = re.search(r'<code id="new-secret">(whsec_[^<]+)</code>', response.content.decode())
    return found.group(1) if found else ""


def registered(client, curator, url):
    sign_in(client, curator)
    response = client.post(
        "/webhooks/",
        {"team": "horn-desk", "url": url, "events": ["assessment.created"]},
    )
    assert response.status_code == 200
    return response


def test_a_curator_registers_an_endpoint_and_sees_its_secret_once(client, curator):
    response = registered(client, curator, "https://93.184.215.14/envoy")
    endpoint = Endpoint.objects.get()
    assert secret_on(response) == endpoint.secret
    page = client.get(f"/webhooks/{endpoint.pk}/")
    assert page.status_code == 200 and secret_on(page) == ""
    assert endpoint.secret not in page.content.decode()
    listing = client.get("/webhooks/").content.decode()
    assert "https://93.184.215.14/envoy" in listing


def test_a_refused_url_is_shown_again_with_the_reason_and_nothing_is_stored(client, curator):
    sign_in(client, curator)
    response = client.post(
        "/webhooks/",
        {"team": "horn-desk", "url": "http://169.254.169.254/", "events": ["assessment.created"]},
    )
    assert response.status_code == 200
    assert "link-local address" in response.content.decode()
    assert Endpoint.objects.count() == 0


def test_a_test_event_is_listed_with_its_status_and_answer(
    client, curator, receiver, private_targets
):
    registered(client, curator, receiver.url())
    endpoint = Endpoint.objects.get()
    with run_on_commit():
        response = client.post(f"/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    page = client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "webhook.test" in page and "delivered" in page and "thanks" in page
    assert Delivery.objects.get().test


def test_a_rotation_shows_the_new_secret_once(client, curator):
    registered(client, curator, "https://93.184.215.14/envoy")
    endpoint = Endpoint.objects.get()
    response = client.post(f"/webhooks/{endpoint.pk}/rotate/")
    endpoint.refresh_from_db()
    assert secret_on(response) == endpoint.secret
    assert endpoint.previous_secret and endpoint.previous_secret != endpoint.secret


def test_switching_an_endpoint_off_and_deleting_it(client, curator):
    registered(client, curator, "https://93.184.215.14/envoy")
    endpoint = Endpoint.objects.get()
    response = client.post(
        f"/webhooks/{endpoint.pk}/",
        {"url": endpoint.url, "events": ["situation.phase_changed"], "description": "Off"},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.events) == (False, ["situation.phase_changed"])
    assert client.post(f"/webhooks/{endpoint.pk}/delete/").status_code == 302
    assert Endpoint.objects.count() == 0


def test_an_analyst_gets_403_and_another_teams_curator_404(client, curator, analyst):
    from tests.factories import TeamFactory
    from tests.helpers import make_persona

    registered(client, curator, "https://93.184.215.14/envoy")
    endpoint = Endpoint.objects.get()
    sign_in(client, analyst)
    assert client.get("/webhooks/").status_code == 403
    sign_in(client, make_persona("curator", TeamFactory(slug="far-desk")))
    assert client.get(f"/webhooks/{endpoint.pk}/").status_code == 404
    assert client.post(f"/webhooks/{endpoint.pk}/rotate/").status_code == 404

"""Webhook deliveries on a real Celery worker and Redis, to a real receiver on loopback: the
assessment POST answers 201 at once whatever the receiver does; a receiver that answers 500
or is too slow leaves the delivery pending with its next attempt; with the queue down the
delivery waits, and the sweep sends it once the queue is back."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from standardwebhooks import Webhook

from tests.celery_conf import celery_settings
from tests.factories import TeamFactory
from tests.helpers import make_persona
from tests.inputs import VALID_INPUT
from tests.webhooks.receiver import Receiver
from webhooks.events import ASSESSMENT_CREATED, PHASE_CHANGED
from webhooks.models import Delivery
from webhooks.services import RETRY_DELAYS, deliveries_sweep, endpoint_create

# Slow (skipped by `make test-fast`). Writes commit for real: deliveries go out on commit.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_TIMEOUT = 1.0
    call_command("load_reference_data", verbosity=0)
    team = TeamFactory(slug="horn-desk")
    return team, make_persona("analyst", team), make_persona("curator", team)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def listening(desk, receiver):
    team, _analyst, curator = desk
    return endpoint_create(
        user=curator.user,
        team=team,
        url=receiver.url(),
        events=[ASSESSMENT_CREATED, PHASE_CHANGED],
    )


def wait_for(predicate, timeout=60, what="the delivery"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def attempted(count=1):
    return wait_for(lambda: Delivery.objects.filter(attempts__gte=count).first())


def post_assessment(analyst):
    response = analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_an_assessment_is_delivered_by_the_worker_and_verifies(worker, desk, receiver):
    endpoint = listening(desk, receiver)
    made = post_assessment(desk[1])
    delivery = attempted()
    assert delivery.status == Delivery.Status.DELIVERED
    (request,) = receiver.received
    event = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert event["data"]["assessment_id"] == made["id"]


def test_a_receiver_answering_500_leaves_the_delivery_pending_with_its_next_attempt(
    worker, desk, receiver
):
    receiver.status = 500
    listening(desk, receiver)
    post_assessment(desk[1])
    delivery = attempted()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt == delivery.last_attempt + RETRY_DELAYS[0]


def test_a_slow_receiver_holds_neither_the_post_nor_the_situation_page(
    worker, desk, receiver, client
):
    receiver.delay = 60  # released when the receiver stops
    listening(desk, receiver)
    made = post_assessment(desk[1])
    assert not receiver.answered.is_set()  # the POST did not wait for the receiver
    client.force_login(desk[1].user)
    assert client.get(f"/situations/{made['situation']['id']}/").status_code == 200
    delivery = attempted()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_error == "No answer within 1 s."
    assert delivery.next_attempt > delivery.last_attempt


def test_a_receiver_that_is_down_leaves_the_delivery_pending(worker, desk):
    with Receiver() as gone:
        listening(desk, gone)
    post_assessment(desk[1])
    delivery = attempted()
    assert (delivery.status, delivery.last_error) == ("pending", "Connection refused.")


def test_with_the_queue_down_the_delivery_waits_for_the_sweep(
    desk, receiver, redis_server, queue_down
):
    endpoint = listening(desk, receiver)
    post_assessment(desk[1])  # still 201: the queue is not needed to assess
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    with (
        celery_settings(
            task_always_eager=False,
            broker_url=redis_server.url,
            result_backend=redis_server.url,
            task_publish_retry=True,
        ) as app,
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20),
    ):
        assert deliveries_sweep() == 1
        assert attempted().status == Delivery.Status.DELIVERED
    (request,) = receiver.received
    Webhook(endpoint.secret).verify(request.body, request.headers)

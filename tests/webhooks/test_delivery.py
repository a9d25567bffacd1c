"""One delivery attempt against a real receiver on loopback: signed as Standard Webhooks says,
delivered on 2xx, kept pending with its next attempt on anything else, failed after the last
one, and never following redirects or reading more than a bounded answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from tests.webhooks.receiver import Receiver
from webhooks.events import ASSESSMENT_CREATED
from webhooks.models import Delivery
from webhooks.services import (
    ANSWER_CHARS,
    RETRY_DELAYS,
    delivery_attempt,
    emit,
    endpoint_create,
    endpoint_secret_rotate,
    retry_delay,
)

pytestmark = pytest.mark.django_db
DATA = {"situation_id": 1, "country": "Guinea", "phase": "rising"}


def one_delivery(endpoint) -> Delivery:
    (delivery,) = emit(endpoint.team, ASSESSMENT_CREATED, DATA)
    return delivery


def test_a_delivery_reaches_the_receiver_signed_so_the_library_verifies_it(endpoint, receiver):
    delivery = one_delivery(endpoint)
    assert delivery_attempt(delivery.pk).status == Delivery.Status.DELIVERED
    (request,) = receiver.received
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "assessment.created"
    assert payload["data"] == DATA
    assert payload["timestamp"].endswith("Z")
    assert request.headers["webhook-id"] == delivery.msg_id
    assert request.headers["Content-Type"] == "application/json"
    assert request.path == "/hook"
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code, delivery.last_answer) == (
        1,
        200,
        "thanks",
    )
    assert delivery.next_attempt is None and delivery.finished is not None


def test_another_secret_does_not_verify_the_delivery(endpoint, receiver):
    delivery_attempt(one_delivery(endpoint).pk)
    (request,) = receiver.received
    other = endpoint_create(
        user=endpoint.created_by, team=endpoint.team, url=endpoint.url, events=[ASSESSMENT_CREATED]
    )
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(other.secret).verify(request.body, request.headers)


def test_the_connection_goes_to_the_checked_address_with_the_name_in_the_host_header(
    curator, team, receiver, private_targets
):
    endpoint = endpoint_create(
        user=curator.user,
        team=team,
        url=receiver.url(host="localhost"),
        events=[ASSESSMENT_CREATED],
    )
    delivery_attempt(one_delivery(endpoint).pk)
    (request,) = receiver.received
    assert request.headers["Host"] == f"localhost:{receiver.port}"


def test_after_a_rotation_both_secrets_sign_until_the_old_one_expires(endpoint, receiver):
    old = endpoint.secret
    endpoint_secret_rotate(user=endpoint.created_by, endpoint=endpoint)
    assert endpoint.secret != old
    delivery_attempt(one_delivery(endpoint).pk)
    request = receiver.received[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (old, endpoint.secret):
        Webhook(secret).verify(request.body, request.headers)
    endpoint.previous_secret_expires = timezone.now() - timedelta(seconds=1)
    endpoint.save()
    delivery_attempt(one_delivery(endpoint).pk)
    request = receiver.received[-1]
    Webhook(endpoint.secret).verify(request.body, request.headers)
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(old).verify(request.body, request.headers)


@pytest.mark.parametrize("status", [500, 404, 410, 302])
def test_an_answer_other_than_2xx_leaves_the_delivery_pending_with_its_next_attempt(
    endpoint, receiver, status
):
    receiver.status = status
    receiver.location = "http://127.0.0.1:1/elsewhere" if status == 302 else ""
    delivery = one_delivery(endpoint)
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == status
    assert delivery.next_attempt == delivery.last_attempt + RETRY_DELAYS[0]
    assert str(status) in delivery.last_error
    assert len(receiver.received) == 1  # a redirect is not followed


def test_a_receiver_that_is_down_leaves_the_delivery_pending(curator, team, private_targets):
    with Receiver() as gone:
        url = gone.url()
    endpoint = endpoint_create(user=curator.user, team=team, url=url, events=[ASSESSMENT_CREATED])
    delivery = one_delivery(endpoint)
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert delivery.last_error == "Connection refused."
    assert delivery.next_attempt > timezone.now()


def test_a_receiver_slower_than_the_timeout_leaves_the_delivery_pending(
    endpoint, receiver, private_targets
):
    private_targets.WEBHOOKS_TIMEOUT = 0.5
    receiver.delay = 30  # released when the receiver stops
    delivery = one_delivery(endpoint)
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "No answer within 0.5 s."
    assert not receiver.answered.is_set()


def test_only_the_start_of_a_long_answer_is_kept(endpoint, receiver):
    receiver.answer = b"x" * 1_000_000
    delivery = one_delivery(endpoint)
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.last_answer == "x" * ANSWER_CHARS


def test_the_retries_span_more_than_a_day_then_the_delivery_fails(endpoint, receiver):
    assert sum(RETRY_DELAYS, timedelta()) >= timedelta(hours=24)
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)
    receiver.status = 503
    delivery = one_delivery(endpoint)
    waited = []
    for attempt in range(1, len(RETRY_DELAYS) + 2):
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt=timezone.now())
        delivery = delivery_attempt(delivery.pk)
        assert delivery.attempts == attempt
        if delivery.next_attempt:
            waited.append(delivery.next_attempt - delivery.last_attempt)
    assert waited == list(RETRY_DELAYS)
    assert sum(waited, timedelta()) == timedelta(hours=43, minutes=12, seconds=30)
    assert delivery.status == Delivery.Status.FAILED and delivery.next_attempt is None
    assert retry_delay(len(RETRY_DELAYS) + 1) is None
    assert len(receiver.received) == len(RETRY_DELAYS) + 1
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1  # one message


def test_an_attempt_claims_the_delivery_so_a_second_copy_sends_nothing(endpoint, receiver):
    receiver.status = 500
    delivery = one_delivery(endpoint)
    delivery_attempt(delivery.pk)
    assert delivery_attempt(delivery.pk) is None  # not due before its next attempt
    assert len(receiver.received) == 1


def test_a_switched_off_endpoint_holds_its_pending_deliveries(endpoint, receiver):
    delivery = one_delivery(endpoint)
    endpoint.active = False
    endpoint.save()
    assert delivery_attempt(delivery.pk) is None
    assert emit(endpoint.team, ASSESSMENT_CREATED, DATA) == []  # and gets no new events
    endpoint.active = True
    endpoint.save()
    assert delivery_attempt(delivery.pk).status == Delivery.Status.DELIVERED


def test_a_url_refused_at_send_time_is_not_contacted_and_counts_as_a_failed_attempt(
    endpoint, receiver, private_targets
):
    delivery = one_delivery(endpoint)
    private_targets.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()
    assert receiver.received == []
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert "loopback" in delivery.last_error

import pytest

from tests.webhooks.receiver import Receiver
from webhooks.events import ASSESSMENT_CREATED, PHASE_CHANGED, TREND_CHANGED
from webhooks.services import endpoint_create


@pytest.fixture
def private_targets(settings):
    """The tests' receivers listen on loopback, which only this setting lets through."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_CONNECT_TIMEOUT = 2.0
    settings.WEBHOOKS_TIMEOUT = 2.0
    return settings


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def endpoint(curator, team, receiver, private_targets):
    return endpoint_create(
        user=curator.user,
        team=team,
        url=receiver.url(),
        events=[ASSESSMENT_CREATED, PHASE_CHANGED, TREND_CHANGED],
    )

"""Property-based API testing against the live schema: positive and negative data, all checks.

Every operation of /api/schema/ is called with generated requests as a curator (who may use
every endpoint); each response must match the schema, and no request may cause a 5xx.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.helpers import make_persona

pytestmark = pytest.mark.slow  # skipped by `make test-fast`
EXAMPLES_PER_OPERATION = 25
calls = {"count": 0}

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=EXAMPLES_PER_OPERATION, deterministic=True
)


@pytest.fixture
def curator_key(team):
    return make_persona("curator", team).key


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go straight to the WSGI app, inside the test's transaction: like Django's
    test client, keep the request signals from closing the database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
def test_the_api_conforms_to_its_schema(case, curator_key):
    calls["count"] += 1
    case.call_and_validate(headers={"Authorization": f"Token {curator_key}"})


def test_at_least_a_thousand_requests_were_generated():
    if calls["count"] == 0:
        pytest.skip("the schemathesis run was not selected")
    print(f"schemathesis sent {calls['count']} generated requests")
    assert calls["count"] >= 1000

"""Property-based API testing against the live schema: positive and negative data, every
built-in check of Schemathesis (among them: data the schema refuses is refused, data it accepts
is accepted, responses, status codes and headers as documented, no 5xx).

Every operation of /api/schema/ is called with generated requests as a curator (who may use
every endpoint) and as an analyst (who may use fewer: a refusal must be documented too).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from tests.helpers import make_persona

pytestmark = pytest.mark.slow  # skipped by `make test-fast`
EXAMPLES_PER_OPERATION = 25
calls = {"count": 0}
load_all_checks()
ALL_CHECKS = CHECKS.get_all()

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=EXAMPLES_PER_OPERATION, deterministic=True
)


@pytest.fixture(params=["curator", "analyst"])
def persona_key(request, team):
    return make_persona(request.param, team).key


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
def test_the_api_conforms_to_its_schema(case, persona_key):
    calls["count"] += 1
    case.call_and_validate(headers={"Authorization": f"Token {persona_key}"}, checks=ALL_CHECKS)


def test_at_least_a_thousand_requests_were_generated():
    if calls["count"] == 0:
        pytest.skip("the schemathesis run was not selected")
    print(f"schemathesis sent {calls['count']} generated requests")
    assert calls["count"] >= 1000

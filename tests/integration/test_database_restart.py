"""PostgreSQL restarted while clients post assessments: requests during the outage get 503
(never 500), the app recovers by itself, and every assessment acknowledged with 201 is
stored."""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection

from recommendations.models import Assessment
from tests.factories import TeamFactory
from tests.helpers import make_persona
from tests.inputs import VALID_INPUT
from tests.plugin import postgres_server

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, and the database server is restarted.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CLIENTS = 4
OUTAGE_SECONDS = 3


def post(url: str, token: str, body: bytes) -> tuple[int, dict, float]:
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL)
        url,
        data=body,
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (http)
            return response.status, json.loads(response.read()), time.monotonic()
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), time.monotonic()


def test_a_database_restart_costs_503s_then_recovers_and_loses_nothing(live_server):
    server = postgres_server()
    if server is None:
        pytest.skip("needs the throwaway PostgreSQL server of the test run")
    call_command("load_reference_data", verbosity=0)
    analyst = make_persona("analyst", TeamFactory())
    url = f"{live_server.url}/api/v1/assessments/"
    results: list[tuple[int, dict, float]] = []
    stop = threading.Event()

    def client(n: int) -> None:
        body = json.dumps({**VALID_INPUT, "country": f"Country {n}"}).encode()
        while not stop.is_set():
            results.append(post(url, analyst.key, body))
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    server.pg_ctl("stop")
    went_down = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    starting = time.monotonic()
    server.pg_ctl("start")
    came_back = time.monotonic()
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join(30)
    connection.close()  # this thread's connection died with the server

    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {201, 503}, sorted(set(statuses))
    assert 503 in statuses  # the outage was seen...
    down = (went_down + 0.5, went_down + OUTAGE_SECONDS - 0.5)  # surely down then
    during = [s for s, _, at in results if down[0] < at < down[1]]
    assert during and set(during) == {503}
    recovered = sorted(at for s, _, at in results if s == 201 and at > starting)
    assert recovered, "no request succeeded after the restart"
    print(
        f"\n{len(results)} requests, {statuses.count(201)} created, {statuses.count(503)} "
        f"answered 503; first 201 {recovered[0] - starting:.2f}s after the restart began "
        f"(pg_ctl took {came_back - starting:.2f}s)"
    )
    acknowledged = {body["id"] for status, body, _ in results if status == 201}
    stored = set(Assessment.objects.values_list("pk", flat=True))
    assert acknowledged <= stored and len(acknowledged) == len(stored)
    # each write's audit entry was committed with it, naming its author
    logged = LogEntry.objects.filter(content_type__model="assessment", action=0)
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(stored)
    assert not logged.filter(actor__isnull=True).exists()


def test_a_page_that_meets_a_lost_database_says_so_with_503(rf):
    from django.db import OperationalError

    from config.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    page = middleware.process_exception(rf.get("/situations/"), OperationalError("gone"))
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert "briefly unavailable" in page.content.decode()
    api = middleware.process_exception(rf.get("/api/v1/cases/"), OperationalError("gone"))
    assert api.status_code == 503 and b"nothing was stored" in api.content
    assert middleware.process_exception(rf.get("/"), ValueError("other")) is None

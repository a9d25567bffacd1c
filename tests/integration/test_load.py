"""Load on loopback, bounded in time: 20 clients for ENVOY_LOAD_SECONDS (default 60) mixing
web-form posts, API posts and library searches. No answer is a 5xx, and every write the
server acknowledged is in the database (and nothing else)."""

import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from recommendations.models import Assessment
from tests.factories import TeamFactory
from tests.helpers import make_persona
from tests.inputs import VALID_INPUT

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers 20
# concurrent clients from other threads, each on its own database connection.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CLIENTS = 20
SECONDS = float(os.environ.get("ENVOY_LOAD_SECONDS", "60"))
SEARCHES = ["election", "mediation", "border violence", "envoy", "ceasefire", "minority"]


class Client:
    """One simulated user: a cookie jar and a way to make requests that never raises."""

    def __init__(self, base: str, token: str | None = None):
        self.base = base
        self.token = token
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self, path: str) -> str:
        _, _, body = self.request(path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer worth counting


def form_data(country: str) -> list[tuple[str, str]]:
    data = []
    for name, value in {**VALID_INPUT, "country": country}.items():
        if isinstance(value, list):
            data += [(name, item) for item in value]
        elif isinstance(value, bool):
            data.append((name, "true" if value else "false"))
        else:
            data.append((name, "" if value is None else str(value)))
    return data


def test_twenty_clients_for_a_minute_get_no_5xx_and_lose_no_write(live_server, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False  # plain-HTTP loopback
    call_command("load_reference_data", verbosity=0)
    team = TeamFactory()
    analysts = [make_persona("analyst", team) for _ in range(3)]
    for persona in analysts:
        persona.user.set_password("correct-horse-battery")
        persona.user.save()
    statuses: Counter = Counter()
    acknowledged: set[int] = set()
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def record(kind: str, status: int, assessment: int | None = None) -> None:
        with lock:
            statuses[(kind, status)] += 1
            if assessment is not None:
                acknowledged.add(assessment)

    def signed_in(n: int) -> Client:
        persona = analysts[n % len(analysts)]
        client = Client(live_server.url)
        token = client.csrf("/accounts/login/")
        login = urllib.parse.urlencode(
            {
                "username": persona.user.username,
                "password": "correct-horse-battery",
                "csrfmiddlewaretoken": token,
            }
        ).encode()
        assert client.request("/accounts/login/", login)[0] == 302
        return client

    def form_poster(n: int) -> None:
        client = signed_in(n)
        while time.monotonic() < deadline:
            token = client.csrf("/situations/new/")
            body = urllib.parse.urlencode(
                [*form_data(f"Form {n}"), ("csrfmiddlewaretoken", token)]
            ).encode()
            status, headers, _ = client.request("/situations/new/", body)
            found = re.search(r"/situations/assessments/(\d+)/", headers.get("Location") or "")
            record("form", status, int(found.group(1)) if status == 302 and found else None)

    def api_poster(n: int) -> None:
        client = Client(live_server.url, analysts[n % len(analysts)].key)
        body = json.dumps({**VALID_INPUT, "country": f"API {n}"}).encode()
        while time.monotonic() < deadline:
            status, _, answer = client.request(
                "/api/v1/assessments/", body, {"Content-Type": "application/json"}
            )
            record("api", status, json.loads(answer)["id"] if status == 201 else None)

    def searcher(n: int) -> None:
        web, api = signed_in(n), Client(live_server.url, analysts[n % len(analysts)].key)
        i = 0
        while time.monotonic() < deadline:
            query = urllib.parse.quote(SEARCHES[i % len(SEARCHES)])
            if i % 2:
                record("search", api.request(f"/api/v1/cases/?q={query}")[0])
            else:
                record("search", web.request(f"/library/?q={query}")[0])
            i += 1

    roles = [form_poster, api_poster, searcher]
    threads = [threading.Thread(target=roles[n % 3], args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 120)
    elapsed = time.monotonic() - started

    total = sum(statuses.values())
    server_errors = {key: n for key, n in statuses.items() if key[1] >= 500}
    stored = set(Assessment.objects.values_list("pk", flat=True))
    print(
        f"\n{CLIENTS} clients, {elapsed:.0f}s: {total} requests ({total / elapsed:.0f}/s); "
        f"{dict(statuses)}; writes acknowledged {len(acknowledged)}, stored {len(stored)}"
    )
    assert server_errors == {}
    assert statuses[("form", 302)] and statuses[("api", 201)] and statuses[("search", 200)]
    assert set(statuses) <= {("form", 302), ("api", 201), ("search", 200)}, statuses
    assert stored == acknowledged
    # each write's audit entry was committed with it, naming its author
    logged = LogEntry.objects.filter(content_type__model="assessment", action=0)
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(stored)
    assert not logged.filter(actor__isnull=True).exists()

"""What reaches Envoy from the edge of the network: the client's address and correlation id in
the audit trail, X-Forwarded-Proto, request bodies by size, and SQLite under concurrent
writes."""

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from recommendations.models import Situation, TaskRun
from tests.helpers import finished, run_on_commit, situation_form_data, upload
from tests.imports import csv_bytes, row

PROJECT = Path(__file__).resolve().parents[2]
FORGED_TASK_ID = "00000000-dead-beef-0000-000000000000"


def situation_entry(country: str) -> LogEntry:
    situation = Situation.objects.get(country=country)
    return LogEntry.objects.get_for_object(situation).get(action=LogEntry.Action.CREATE)


def create_situation(persona, country="Somalia", **headers):
    response = persona.client.post(
        "/api/v1/situations/", {"country": country, "region": "east_africa"}, **headers
    )
    assert response.status_code == 201, response.content
    return situation_entry(country)


# F-04 and F-05: the audit trail's address and correlation id.


@pytest.mark.django_db
def test_a_forged_forwarded_for_and_correlation_id_are_not_recorded(analyst):
    """F-04: with no proxy configured, a client's X-Forwarded-For and X-Correlation-ID are not
    what the audit trail records: the connection's address, and no task's id."""
    entry = create_situation(
        analyst,
        HTTP_X_FORWARDED_FOR="203.0.113.66, 10.0.0.1",
        HTTP_X_CORRELATION_ID=FORGED_TASK_ID,
    )
    assert entry.remote_addr == "127.0.0.1"
    assert entry.cid is None


@pytest.mark.django_db
def test_a_forged_correlation_id_on_a_web_form_is_not_recorded(signed_in):
    """F-04: the same for a change made through a page."""
    response = signed_in.post(
        "/situations/new/",
        situation_form_data(),
        HTTP_X_FORWARDED_FOR="203.0.113.66",
        HTTP_X_CORRELATION_ID=FORGED_TASK_ID,
    )
    assert response.status_code == 302
    entry = situation_entry(situation_form_data()["country"])
    assert entry.remote_addr == "127.0.0.1" and entry.cid is None


@pytest.mark.django_db
def test_what_a_task_changes_carries_its_id_whatever_the_client_sent(analyst):
    """F-04: an import started with a forged X-Correlation-ID: every entry it writes (the
    situations it creates, logged one by one, and its assessments) carries the task's id."""
    file = SimpleUploadedFile("rows.csv", csv_bytes([row(), row(country="Kenya")]))
    with run_on_commit():
        response = analyst.client.post(
            "/api/v1/imports/",
            {"file": file},
            format="multipart",
            HTTP_X_CORRELATION_ID=FORGED_TASK_ID,
        )
    task = finished(analyst.client, response)
    entries = LogEntry.objects.filter(content_type__model__in=["situation", "assessment"])
    assert entries.count() == 4
    assert set(entries.values_list("cid", flat=True)) == {task["id"]}


@pytest.mark.django_db
def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(analyst, settings):
    """F-04: behind one trusted proxy, the client is the right-most X-Forwarded-For entry (the
    proxy appended it); the entries left of it are the client's own claims."""
    settings.NUM_PROXIES = 1
    entry = create_situation(analyst, HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7")
    assert entry.remote_addr == "198.51.100.7"
    settings.NUM_PROXIES = 2
    entry = create_situation(
        analyst, country="Kenya", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7, 10.0.0.1"
    )
    assert entry.remote_addr == "198.51.100.7"


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1])
@pytest.mark.parametrize("forwarded", ["unknown", "not-an-ip", "<script>", "[::1", "1.2.3.4.5"])
def test_a_forwarded_for_that_is_not_an_address_never_fails_a_write(
    analyst, settings, proxies, forwarded
):
    """F-05: on PostgreSQL (an inet column) an X-Forwarded-For that is not an IP address gave
    500 on every audited write; the write now succeeds and stores no address (or, with no
    proxy, the connection's)."""
    settings.NUM_PROXIES = proxies
    entry = create_situation(analyst, HTTP_X_FORWARDED_FOR=forwarded)
    assert entry.remote_addr == (None if proxies else "127.0.0.1")


@pytest.mark.django_db
def test_a_bad_forwarded_port_never_fails_a_write(analyst, settings):
    """F-05: an out-of-range X-Forwarded-Port (an integer column) is stored as no port."""
    settings.NUM_PROXIES = 1
    entry = create_situation(
        analyst, HTTP_X_FORWARDED_FOR="198.51.100.7", HTTP_X_FORWARDED_PORT="99999999999"
    )
    assert entry.remote_addr == "198.51.100.7" and entry.remote_port is None


@pytest.mark.django_db
def test_a_long_correlation_id_never_fails_a_write(analyst, signed_in, settings):
    """F-05: a 300-character X-Correlation-ID (a varchar(255) column) gave 500 on every
    audited write, through the API and the pages."""
    settings.NUM_PROXIES = 1
    entry = create_situation(analyst, HTTP_X_CORRELATION_ID="x" * 300)
    assert entry.cid is None
    response = signed_in.post(
        "/situations/new/",
        situation_form_data(country="Kenya", region="east_africa"),
        HTTP_X_CORRELATION_ID="x" * 300,
        HTTP_X_FORWARDED_FOR="unknown",
    )
    assert response.status_code == 302
    entry = situation_entry("Kenya")
    assert entry.cid is None and entry.remote_addr is None


# F-21: X-Forwarded-Proto.


@pytest.mark.django_db
def test_a_direct_request_claiming_https_gets_http_links(analyst):
    """F-21: X-Forwarded-Proto from a client with no proxy configured made pagination links
    https and `is_secure()` true."""
    create_situation(analyst, "Somalia")
    create_situation(analyst, "Kenya")
    page = analyst.client.get(
        "/api/v1/situations/?page_size=1", HTTP_X_FORWARDED_PROTO="https"
    ).json()
    assert urlsplit(page["next"]).scheme == "http"


def test_the_proxy_ssl_header_is_trusted_only_when_configured():
    """F-21: SECURE_PROXY_SSL_HEADER is set by TRUST_PROXY_SSL_HEADER=1 only."""
    show = "import django; django.setup(); from django.conf import settings as s; " + (
        "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    answers = [
        subprocess.run(
            [sys.executable, "-c", show],
            env={**env, **extra},
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
        for extra in ({}, {"TRUST_PROXY_SSL_HEADER": "1"})
    ]
    assert answers == ["None", "('HTTP_X_FORWARDED_PROTO', 'https')"]


# F-06: request bodies by size, before they are read.


def raw_post(url: str, path: str, headers: dict[str, str], sent: bytes) -> bytes:
    """POST to a live server: the given headers, and only `sent` of the body they announce;
    the server's answer, read without waiting for the rest of a body it does not want."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection((host, port), timeout=60) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + sent)
        answer = b""
        while b"\r\n\r\n" not in answer or b"</html>" not in answer:
            chunk = conn.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


@pytest.mark.django_db(transaction=True)
def test_a_huge_anonymous_post_is_refused_before_it_is_read(live_server, settings, tmp_path):
    """F-06: a 300 MB multipart body to the sign-in page was written to the temporary
    directory before CSRF refused it; it is now refused by its Content-Length, unread."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    address = urlsplit(live_server.url)
    conn = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)
    conn.request("GET", "/accounts/login/")
    cookie = conn.getresponse().headers["Set-Cookie"].split(";")[0]
    conn.close()
    boundary = "envoyboundary"
    start = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    sent = start + b"x" * (3 * 1024 * 1024)
    answer = raw_post(
        live_server.url,
        "/accounts/login/",
        {
            "Cookie": cookie,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(300 * 1024 * 1024),
        },
        sent,
    )
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 413")
    assert b"The request is 314,572,800 bytes; the limit is 2,097,152 bytes." in body
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_an_oversized_import_is_refused_by_its_length_through_the_api(analyst, settings):
    """F-06: a file over IMPORT_MAX_BYTES posted to the import API was read to disk before
    it was refused; its Content-Length refuses it now, with 413 and a JSON message."""
    settings.IMPORT_MAX_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = upload(analyst.client, b"country,region\n" + b"x" * 50_000)
    assert response.status_code == 413
    assert response.json() == {
        "detail": f"The upload is {int(response.request['CONTENT_LENGTH']):,} bytes; "
        "a file may be at most 1,000 bytes."
    }
    assert not TaskRun.objects.exists()


@pytest.mark.django_db
def test_an_oversized_import_is_refused_by_its_length_on_the_page(signed_in, settings, team):
    """F-06: the same on the import page, with a page saying why."""
    settings.IMPORT_MAX_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    file = SimpleUploadedFile("rows.csv", b"x" * 50_000)
    response = signed_in.post("/situations/import/", {"file": file, "team": team.slug})
    assert response.status_code == 413
    assert "a file may be at most 1,000 bytes." in response.content.decode()
    assert not TaskRun.objects.exists()


@pytest.mark.django_db
def test_an_ordinary_request_over_the_limit_is_refused_unread(analyst):
    """F-06: any other route takes DATA_UPLOAD_MAX_MEMORY_SIZE at most, JSON bodies too."""
    response = analyst.client.post(
        "/api/v1/assessments/", {"notes": "x" * (3 * 1024 * 1024)}, format="json"
    )
    assert response.status_code == 413
    assert response.json()["detail"].endswith("the limit is 2,097,152 bytes.")


class RecordingTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler that writes an upload to a temporary file, noting how much it wrote."""

    written: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        self.written.append(start + len(raw_data))
        return super().receive_data_chunk(raw_data, start)


@pytest.mark.django_db
def test_an_import_file_over_the_limit_stops_being_stored_as_it_arrives(
    analyst, settings, tmp_path
):
    """F-06: a file larger than IMPORT_MAX_BYTES (inside a body the route accepts) is no
    longer stored past the limit while it streams in; the answer still says its size."""
    settings.IMPORT_MAX_BYTES = 100_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000  # to a temporary file, not to memory
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    temporary = "django.core.files.uploadhandler.TemporaryFileUploadHandler"
    recording = f"{__name__}.RecordingTemporaryFileUploadHandler"
    settings.FILE_UPLOAD_HANDLERS = [
        recording if h == temporary else h for h in settings.FILE_UPLOAD_HANDLERS
    ]
    RecordingTemporaryFileUploadHandler.written.clear()
    response = upload(analyst.client, b"country,region\n" + b"x" * 299_985)
    assert response.status_code == 400
    assert response.json() == {"file": ["The file is 300,000 bytes; the limit is 100,000 bytes."]}
    assert 0 < max(RecordingTemporaryFileUploadHandler.written) <= 100_000
    assert list(tmp_path.iterdir()) == []


# F-18: SQLite under concurrent writes.

TWO_WRITERS = """
import json, threading
import django
django.setup()
from django.contrib.auth.models import User
from django.db import connection, transaction

a_read, b_started, b_wrote = threading.Event(), threading.Event(), threading.Event()
errors = []

def first():
    try:
        with transaction.atomic():
            User.objects.count()
            a_read.set()
            b_started.wait()
            b_wrote.wait(timeout=1)  # the second writer cannot get this far with the fix
            User.objects.create(username="first")
    except Exception as exc:
        errors.append(str(exc))
    finally:
        connection.close()

def second():
    try:
        a_read.wait()
        b_started.set()
        with transaction.atomic():
            User.objects.count()
            User.objects.create(username="second")
            b_wrote.set()
    except Exception as exc:
        errors.append(str(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=first), threading.Thread(target=second)]
for t in threads:
    t.start()
for t in threads:
    t.join()
users = sorted(User.objects.values_list("username", flat=True))
print(json.dumps({"errors": errors, "users": users}))
"""

LOCKED = """
import json, sqlite3
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
from accounts.tokens import token_issue
from tests.factories import TeamFactory, UserFactory

setup_test_environment()
analyst = UserFactory(level="analyst", team=TeamFactory(name="Desk", slug="desk"))
key = token_issue(analyst, "tests")[1]
web = Client()
web.force_login(analyst)
holder = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
holder.execute("BEGIN IMMEDIATE")  # another change being saved, for longer than the wait
api = Client().post(
    "/api/v1/situations/", {"country": "Mali", "region": "west_africa"},
    content_type="application/json", HTTP_AUTHORIZATION="Token " + key,
)
page = web.post("/accounts/tokens/", {"name": "laptop"})
holder.rollback()
print(json.dumps({"api": [api.status_code, api.json()],
                  "page": [page.status_code, page.content.decode()]}))
"""


def run_on_sqlite(folder: str, script: str, **env: str) -> dict:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DATABASE_URL": f"sqlite:///{folder}/envoy.sqlite3",
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    answer: dict = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


@pytest.fixture(scope="module")
def sqlite_folder():
    """A migrated SQLite database file, as `make run` sets it up."""
    with tempfile.TemporaryDirectory() as folder:
        migrate = "import django; django.setup(); from django.core.management import " + (
            "call_command; call_command('migrate', verbosity=0); print('{}')"
        )
        run_on_sqlite(folder, migrate)
        yield folder


@pytest.mark.slow
def test_two_writers_at_once_on_sqlite_both_succeed(sqlite_folder):
    """F-18: two transactions that read and then write at the same time: SQLite refused one
    at once with `database is locked` (a 503); the second now waits for the first."""
    answer = run_on_sqlite(sqlite_folder, TWO_WRITERS)
    assert answer == {"errors": [], "users": ["first", "second"]}


@pytest.mark.slow
def test_a_write_that_still_finds_sqlite_locked_says_why(sqlite_folder):
    """F-18: when the wait runs out, the user is told another change is being saved, not that
    the database is unavailable."""
    answer = run_on_sqlite(sqlite_folder, LOCKED, SQLITE_TIMEOUT="0.2")
    status, body = answer["api"]
    assert status == 503
    assert body == {
        "detail": "Another change is being saved; nothing was stored. Try again in a moment."
    }
    status, html = answer["page"]
    assert status == 503
    assert "Another change is being saved, so this one was not." in html

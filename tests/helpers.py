"""Helpers shared by test modules: personas, signing in, the situation form's data, a page's
markup, the import API, drafting a ruleset, running the tasks a request queues when its
transaction commits, and Envoy's own modules (for tests that read the code)."""

from html.parser import HTMLParser
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from tests.inputs import VALID_INPUT

PROJECT = Path(__file__).resolve().parents[1]
NOT_APPS = {"bench", "scripts", "tests", "fixtures", "locale", "static", "templates"}


def project_modules() -> list[Path]:
    """Every Python module of Envoy's apps and settings, migrations aside."""
    packages = [
        path.parent
        for path in PROJECT.glob("*/__init__.py")
        if path.parent.name not in NOT_APPS and not path.parent.name.startswith(".")
    ]
    return sorted(
        path
        for package in packages
        for path in package.rglob("*.py")
        if "migrations" not in path.parts
    )


class Persona:
    """A user with a level and team, and an API client that authenticates with their token."""

    def __init__(self, user, key):
        from rest_framework.test import APIClient

        self.user = user
        self.key = key
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {key}")


def make_persona(level, team):
    from accounts.tokens import token_issue
    from tests.factories import UserFactory

    user = UserFactory(level=level, team=team)
    return Persona(user, token_issue(user, "tests")[1])


def sign_in(client, persona):
    """The Django test client, signed in as the persona's user."""
    client.force_login(persona.user)
    return client


def situation_form_data(**changes) -> dict:
    """VALID_INPUT (with changes) as the situation form posts it."""
    out = {}
    for name, value in {**VALID_INPUT, **changes}.items():
        if isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif value is not None:
            out[name] = value
    return out


class Page(HTMLParser):
    """A page's elements as (tag, attributes), in document order, for checks on its markup."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def ids(self) -> set[str]:
        return {attrs["id"] for _tag, attrs in self.elements if "id" in attrs}

    def having(self, name: str, value: str | None = None) -> list[dict]:
        """The attributes of every element with the attribute `name` (of that value)."""
        return [
            attrs
            for _tag, attrs in self.elements
            if name in attrs and (value is None or attrs[name] == value)
        ]


def run_on_commit():
    """A context manager: the callbacks queued with `transaction.on_commit` inside the block
    run when it ends, as they would when the request's transaction commits.

    Background tasks are queued on commit (and run eagerly in the test process, without
    REDIS_URL). A `db` test runs in a transaction that is rolled back, never committed, so it
    wraps the requests that start a task in this block, with the reference data loaded once
    for the session. It is pytest-django's `django_capture_on_commit_callbacks(execute=True)`;
    in a test whose writes really commit, the callbacks have already run and it does nothing.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def upload(client, content: bytes, name="rows.csv", **fields):
    """Post a file to the import API; the import it queues runs before this returns."""
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with run_on_commit():
        return client.post("/api/v1/imports/", {"file": file, **fields}, format="multipart")


def finished(client, response) -> dict:
    """The task of an accepted import, which must have succeeded."""
    assert response.status_code == 202, response.content
    task = client.get(response.json()["status_url"]).json()
    assert task["state"] == "succeeded", task["error"]
    return task


def draft_with_a_new_caveat(curator) -> int:
    """A draft ruleset (through the API) with one caveat more than the active one; its version."""
    draft = curator.client.post("/api/v1/rulesets/", {"name": "Stricter"}).json()
    rule = {
        "ruleset": draft["version"],
        "slug": "caveat.coordinated_mediation",
        "kind": "caveat",
        "target": "forum_shopping",
        "priority": 5,
        "condition": {"==": [{"var": "mediation"}, "single_lead"]},
        "rationale": "Even one lead mediator can be bypassed by parties shopping elsewhere.",
        "citations": [{"source": "ipi-2012", "locator": "Lessons on Mediation"}],
    }
    assert curator.client.post("/api/v1/rules/", rule, format="json").status_code == 201
    return draft["version"]


CASES_URL = "/api/v1/cases/"


def new_case(**changes) -> dict:
    """A new case as the cases API takes it."""
    return {
        "slug": "testland-2030",
        "title": "Testland border crisis",
        "country": "Testland",
        "region": "east_africa",
        "start_year": 2030,
        "end_year": 2031,
        "outcome": "mixed",
        "organizations": ["un", "igad"],
        "missions": [],
        "roles": ["direct_mediation"],
        "summary": "A border dispute escalates and regional envoys mediate.",
        "lessons": "Early regional mediation matters.",
        "citations": [{"source": "ipi-2012", "locator": "Non-United Nations Actors"}],
        "snapshots": [
            {
                "date": "2030-05-01",
                "label": "Clashes on the border",
                "phase": "rising",
                "track": None,
                "input": {**VALID_INPUT, "country": "Testland", "region": "east_africa"},
                "citations": [{"source": "ipi-2012", "locator": "Taking Stock"}],
            }
        ],
        **changes,
    }

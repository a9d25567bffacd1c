"""Browser tests: Playwright driving Debian's Chromium, headless, against the live server.

Nothing is downloaded: the browser is /usr/bin/chromium (`make test` installs it). Every test
saves a screenshot of each page it visits under test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ENVOY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def people(committed_reference_data):
    """An analyst and a viewer in one team, with passwords to sign in with."""
    from accounts.services import team_add_member, team_get_or_create, user_set_level
    from tests.factories import UserFactory

    team = team_get_or_create("Browser desk")
    accounts = {}
    for level in ("analyst", "viewer"):
        user = UserFactory(username=f"{level}-b", password="correct-horse-battery")
        user_set_level(user, level)
        team_add_member(team, user)
        accounts[level] = user
    return accounts


class Visit:
    """A browser page bound to the live server that names its screenshots."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.count = 0

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def shot(self, label: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.count += 1
        self.page.screenshot(
            path=str(ARTIFACTS / f"{self.name}-{self.count:02d}-{label}.png"), full_page=True
        )

    def use_language(self, code: str) -> None:
        """Pages in this language from now on: the cookie the header's language switch sets."""
        from django.conf import settings

        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "path": "/"}
        self.page.context.add_cookies([{**cookie, "domain": urlsplit(self.base_url).hostname}])

    def sign_in(self, username: str, password: str = "correct-horse-battery") -> None:
        self.goto("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_url(self.base_url + "/")


@pytest.fixture
def visit(browser, live_server, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visit(page, live_server.url, request.node.name)
    context.close()

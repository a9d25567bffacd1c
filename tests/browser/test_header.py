"""The header fits: on a phone nothing in it is off-screen, whatever the level, and on a laptop
a curator's navigation stays on one row, in English and in French."""

import pytest

from tests.browser.conftest import ARTIFACTS

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
PASSWORD = "correct-horse-battery"

# The header's controls that are on show: links, buttons and menu summaries, with their boxes.
CONTROLS = """() => [...document.querySelectorAll('header a, header button, header summary')]
    .filter(e => e.checkVisibility())
    .map(e => { const r = e.getBoundingClientRect();
                return {text: e.textContent.trim(), left: r.left, right: r.right, top: r.top}; })"""


@pytest.fixture
def everyone(committed_reference_data):
    """A user of each level in one team, and a superuser (staff), by name."""
    from accounts.services import team_add_member, team_get_or_create, user_set_level
    from tests.factories import UserFactory

    team = team_get_or_create("Header desk")
    for level in ("viewer", "analyst", "curator"):
        user = UserFactory(username=f"{level}-h", password=PASSWORD)
        user_set_level(user, level)
        team_add_member(team, user)
    admin = UserFactory(username="admin-h", password=PASSWORD, is_staff=True, is_superuser=True)
    team_add_member(team, admin)


def signed_in_page(browser, live_server, username, viewport, language="en", mobile=False):
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


def off_screen(page, width: int) -> list[dict]:
    return [c for c in page.evaluate(CONTROLS) if c["left"] < 0 or c["right"] > width]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("username", ["viewer-h", "analyst-h", "curator-h", "admin-h"])
def test_on_a_phone_nothing_in_the_header_is_off_screen(
    browser, live_server, everyone, username, language
):
    page = signed_in_page(browser, live_server, username, PHONE, language, mobile=True)
    for path in ("/", "/library/"):
        page.goto(live_server.url + path)
        assert page.evaluate("window.innerWidth") == PHONE["width"]  # the page did not widen
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert off_screen(page, PHONE["width"]) == []
    page.click("header details.account-menu summary")
    assert page.locator("header .menu-panel").is_visible()
    assert off_screen(page, PHONE["width"]) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"header-phone-{username}-{language}.png"))
    page.context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_on_a_laptop_the_curators_header_is_one_row(browser, live_server, everyone, language):
    page = signed_in_page(browser, live_server, "curator-h", LAPTOP, language)
    tops = {round(c["top"]) for c in page.evaluate(CONTROLS)}
    assert max(tops) - min(tops) <= 12, tops  # brand, every item and the menu on one line
    assert page.locator("header").bounding_box()["height"] <= 64
    assert off_screen(page, LAPTOP["width"]) == []
    page.context.close()


def test_the_account_menu_closes_on_escape_and_on_a_click_elsewhere(browser, live_server, everyone):
    page = signed_in_page(browser, live_server, "analyst-h", LAPTOP)
    menu = page.locator("header details.account-menu")
    page.click("header details.account-menu summary")
    assert menu.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert menu.get_attribute("open") is None
    page.click("header details.account-menu summary")
    page.click("main h1")
    assert menu.get_attribute("open") is None
    page.click("header details.account-menu summary")
    page.click("header .menu-panel >> text=API tokens")
    page.wait_for_url(live_server.url + "/accounts/tokens/")
    page.context.close()

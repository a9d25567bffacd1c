"""The header every page shares: the navigation a level may use, the language switch, and an
account menu that names the user once and their access level in words."""

import re
from html import unescape

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def header_of(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index('<header class="top">') : html.index("</header>")]


def nav_labels(header: str) -> list[str]:
    nav = header[header.index('<nav aria-label="Main"') : header.index("</nav>")]
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', nav)


@pytest.mark.parametrize(
    ("level", "labels"),
    [
        ("viewer", ["Situations", "Case library", "Catalogue", "Tasks"]),
        ("analyst", ["Situations", "New assessment", "Case library", "Catalogue", "Tasks"]),
        (
            "curator",
            [
                "Situations",
                "New assessment",
                "Case library",
                "Catalogue",
                "Tasks",
                "Rules",
                "Teams",
                "Audit trail",
            ],
        ),
    ],
)
def test_each_level_sees_the_navigation_it_may_use(client, team, level, labels):
    client.force_login(UserFactory(level=level, team=team))
    assert nav_labels(header_of(client)) == labels


def test_the_account_menu_names_the_user_once_and_their_level_in_words(client, team):
    client.force_login(UserFactory(username="analyst", level="analyst", team=team))
    header = header_of(client)
    assert "analyst · analyst" not in header
    summary = re.search(r"<summary>(.*?)</summary>", header).group(1)
    assert re.sub(r"<[^>]+>", "", summary) == "Your account: analyst"
    assert "Access level: analyst" in header
    for label in ("API tokens", "API documentation", "Password", "Sign out"):
        assert label in header
    assert "Site administration" not in header  # curators only


def test_curators_find_the_site_administration_in_their_menu(client, team):
    client.force_login(UserFactory(level="curator", team=team))
    header = header_of(client)
    menu = header[header.index('<div class="menu-panel">') :]
    assert '<a href="/admin/">Site administration</a>' in menu


def test_the_account_menu_speaks_french(client, team):
    client.force_login(UserFactory(level="curator", team=team))
    header = header_of_french(client)
    assert "Niveau d'accès : curateur" in unescape(header)
    assert "Documentation de l'API" in unescape(header)


def header_of_french(client) -> str:
    client.cookies["django_language"] = "fr"
    return header_of(client)


def test_the_language_switch_offers_the_other_language_in_its_own_words(client, team):
    client.force_login(UserFactory(level="viewer", team=team))
    english = header_of(client)
    assert re.search(r'name="language" value="fr".*<span lang="fr">Français</span>', english)
    assert 'value="en"' not in english
    french = header_of_french(client)
    assert re.search(r'name="language" value="en".*<span lang="en">English</span>', french)


def test_switching_the_language_takes_one_click(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/library/"})
    assert response.status_code == 302 and response.url == "/library/"
    assert client.cookies["django_language"].value == "fr"


def test_the_anonymous_get_no_empty_navigation_and_a_sign_in_link(client):
    header = header_of(client)
    assert "<nav" not in header
    assert 'href="/accounts/login/"' in header

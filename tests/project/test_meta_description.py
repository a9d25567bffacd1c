"""Every page describes itself to search engines and link previews, in the page's language."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/accounts/login/",
    "/situations/",
    "/situations/new/",
    "/library/",
    "/library/kenya-2008/",
    "/catalogue/",
    "/catalogue/roles/",
    "/tasks/",
    "/accounts/tokens/",
]


def descriptions(html: str) -> list[str]:
    return [unescape(d) for d in re.findall(r'<meta name="description" content="([^"]*)">', html)]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_one_meta_description(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200
    (description,) = descriptions(response.content.decode())
    assert 50 < len(description) < 300


def test_a_page_describes_itself_and_the_rest_share_the_sites_description(signed_in):
    home = descriptions(signed_in.get("/").content.decode())[0]
    assert home.startswith("Envoy helps analysts decide")
    case = descriptions(signed_in.get("/library/kenya-2008/").content.decode())[0]
    assert case.startswith("Kenya") and "a case in Envoy's library" in case


def test_the_description_speaks_french(signed_in):
    signed_in.cookies["django_language"] = "fr"
    (home,) = descriptions(signed_in.get("/").content.decode())
    assert home.startswith("Envoy aide les analystes")
    (library,) = descriptions(signed_in.get("/library/").content.decode())
    assert library.startswith("Cas historiques tirés des sources")

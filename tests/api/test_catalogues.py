"""Read-only catalogues: lists, lookup by slug, citations on every item."""

import pytest

from tests import spec

pytestmark = pytest.mark.django_db

CATALOGUES = [
    ("phases", spec.PHASES),
    ("roles", spec.ROLES),
    ("mission-models", spec.MISSION_MODELS),
    ("organizations", spec.ORGANIZATIONS),
    ("council-tools", spec.COUNCIL_TOOLS),
    ("caveats", spec.CAVEATS),
]


def all_pages(client, url):
    items = []
    while url:
        body = client.get(url).json()
        items += body["results"]
        url = body["next"]
    return items


@pytest.mark.parametrize(("path", "slugs"), CATALOGUES)
def test_every_spec_slug_is_listed_with_citations(viewer, path, slugs):
    items = all_pages(viewer.client, f"/api/v1/{path}/")
    assert set(slugs) <= {item["slug"] for item in items}
    assert all(item["citations"] for item in items)
    assert {"source", "locator"} <= set(items[0]["citations"][0])


@pytest.mark.parametrize(("path", "slugs"), CATALOGUES)
def test_an_item_is_looked_up_by_slug(viewer, path, slugs):
    response = viewer.client.get(f"/api/v1/{path}/{slugs[-1]}/")
    assert response.status_code == 200
    assert response.json()["slug"] == slugs[-1]


def test_a_role_lists_its_phases_and_the_cases_where_it_was_played(viewer):
    role = viewer.client.get("/api/v1/roles/direct_mediation/").json()
    assert role["phases"] == ["rising"]
    assert role["cases"]


def test_missions_and_sources_are_listed(viewer):
    missions = all_pages(viewer.client, "/api/v1/missions/")
    assert len(missions) >= 15
    unpredep = viewer.client.get("/api/v1/missions/unpredep/").json()
    assert unpredep["organization"] == "un" and unpredep["citations"]
    source = viewer.client.get("/api/v1/sources/gowan-2011/").json()
    assert source["publisher"] == "United States Institute of Peace"


def test_an_unknown_slug_is_a_json_404(viewer):
    response = viewer.client.get("/api/v1/roles/juggling/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Role matches the given query."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_catalogues_are_read_only(curator, viewer, method):
    response = getattr(curator.client, method)("/api/v1/roles/direct_mediation/", {})
    assert response.status_code == 405
    assert "detail" in response.json()
    assert getattr(viewer.client, method)("/api/v1/roles/", {}).status_code == 403

"""The catalogue's pages: an index, a list per kind, a page per item, cross-linked and cited."""

import re

import pytest
from django.utils.html import escape

from cases.models import Case, Citation, Source
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.models import Caveat, CouncilTool
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LISTS = (
    "/catalogue/phases/",
    "/catalogue/roles/",
    "/catalogue/mission-models/",
    "/catalogue/organizations/",
    "/catalogue/missions/",
    "/catalogue/council-tools/",
    "/catalogue/caveats/",
    "/catalogue/sources/",
)


@pytest.fixture
def as_viewer(client, viewer):
    client.force_login(viewer.user)
    return client


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def item_pages():
    """A page per item of every kind, as the catalogue addresses them."""
    kinds = (
        ("phases", Phase, "slug"),
        ("roles", Role, "slug"),
        ("mission-models", MissionModel, "slug"),
        ("organizations", Organization, "slug"),
        ("missions", Mission, "slug"),
        ("council-tools", CouncilTool, "slug"),
        ("caveats", Caveat, "slug"),
        ("sources", Source, "key"),
    )
    return [
        (f"/catalogue/{path}/{value}/", item)
        for path, model, field in kinds
        for value, item in ((getattr(item, field), item) for item in model.objects.all())
    ]


def test_the_index_links_to_every_list(as_viewer):
    html = html_of(as_viewer, "/catalogue/")
    for url in LISTS:
        assert f'href="{url}"' in html


@pytest.mark.parametrize("url", LISTS)
def test_every_list_renders_a_captioned_table_linking_each_item(as_viewer, url):
    html = html_of(as_viewer, url)
    assert "<caption>" in html and '<th scope="row">' in html
    assert html.count(f'<th scope="row"><a href="{url}') >= 1


def test_every_item_has_a_page_with_its_text_and_citations(as_viewer):
    pages = item_pages()
    assert len(pages) > 50
    for url, item in pages:
        html = html_of(as_viewer, url)
        text = getattr(item, "description", None) or getattr(item, "text", None)
        text = text or getattr(item, "summary", "")
        assert escape(text.split("\n")[0][:40]) in html, url
        if not isinstance(item, Source):
            for citation in item.citations.all():
                assert f'href="/catalogue/sources/{citation.source.key}/"' in html, url


def test_a_quote_is_shown_on_demand(as_viewer):
    citation = Citation.objects.exclude(quote="").filter(content_type__model="role").first()
    role = Role.objects.get(pk=citation.object_id)
    html = html_of(as_viewer, f"/catalogue/roles/{role.slug}/")
    assert re.search(r"<details class=\"quote\"><summary>[^<]+</summary><blockquote>", html)


def test_the_role_page_lists_its_core_phases_and_the_cases_where_it_was_played(as_viewer):
    role = Role.objects.get(slug="direct_mediation")
    html = html_of(as_viewer, "/catalogue/roles/direct_mediation/")
    cases = list(role.cases.all())
    assert cases
    for case in cases:
        assert f'href="/library/{case.slug}/"' in html
    for phase in role.phases.all():
        assert f'href="/catalogue/phases/{phase.slug}/"' in html


def test_the_phase_page_lists_its_core_roles_and_its_cases(as_viewer):
    phase = Phase.objects.get(slug="rubicon")
    html = html_of(as_viewer, "/catalogue/phases/rubicon/")
    for role in phase.roles.all():
        assert f'href="/catalogue/roles/{role.slug}/"' in html
    assert 'href="/library/kenya-2008/"' in html
    assert 'href="/library/estonia-1993/"' not in html


def test_the_organization_page_lists_its_missions_and_cases(as_viewer):
    html = html_of(as_viewer, "/catalogue/organizations/osce/")
    assert 'href="/catalogue/missions/osce-kvm/"' in html
    assert 'href="/library/estonia-1993/"' in html


def test_the_mission_model_page_lists_its_missions(as_viewer):
    model = MissionModel.objects.filter(missions__isnull=False).distinct().first()
    html = html_of(as_viewer, f"/catalogue/mission-models/{model.slug}/")
    for mission in model.missions.all():
        assert f'href="/catalogue/missions/{mission.slug}/"' in html


def test_the_mission_page_links_its_organization_model_and_cases(as_viewer):
    mission = Mission.objects.get(slug="osce-kvm")
    html = html_of(as_viewer, "/catalogue/missions/osce-kvm/")
    assert f'href="/catalogue/organizations/{mission.organization.slug}/"' in html
    if mission.mission_model:
        assert f'href="/catalogue/mission-models/{mission.mission_model.slug}/"' in html
    assert 'href="/library/kosovo-1998-99/"' in html


def test_the_source_page_counts_its_citations(as_viewer):
    count = Citation.objects.filter(source__key="gowan-2011").count()
    html = html_of(as_viewer, "/catalogue/sources/gowan-2011/")
    assert f"Cited {count} times in Envoy" in html


def test_the_source_page_lists_the_headings_a_citation_may_name(as_viewer):
    html = html_of(as_viewer, "/catalogue/sources/gowan-2011/")
    assert "<li>Preventive Tasks for Political Missions" in html
    assert "<li>At the Rubicon</li>" in html  # a subsection, in its parent's list
    assert "Of Related Interest" not in html  # page furniture, not citable


def test_the_case_library_and_catalogue_link_to_each_other(as_viewer):
    html = html_of(as_viewer, "/catalogue/")
    assert 'href="/library/"' in html
    case = Case.objects.filter(missions__isnull=False).first()
    case_html = html_of(as_viewer, f"/library/{case.slug}/")
    assert 'href="/catalogue/missions/' in case_html


@pytest.mark.parametrize(
    "url",
    [
        "/catalogue/phases/no-such-phase/",
        "/catalogue/roles/no_such_role/",
        "/catalogue/mission-models/nothing/",
        "/catalogue/organizations/nobody/",
        "/catalogue/missions/nowhere/",
        "/catalogue/council-tools/nothing/",
        "/catalogue/caveats/nothing/",
        "/catalogue/sources/no-such-source/",
    ],
)
def test_an_unknown_item_is_404(as_viewer, url):
    assert as_viewer.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/catalogue/", *LISTS, "/catalogue/roles/direct_mediation/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    "url", ["/catalogue/", "/catalogue/roles/", "/catalogue/sources/ipi-2012/"]
)
def test_a_user_without_an_access_level_gets_403(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

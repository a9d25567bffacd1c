"""Access control, caching and HTTP methods: the red team's findings F-01, F-16, F-19 and F-22
replayed, each as its report gives it."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client

from accounts.levels import ANALYST, CURATOR, VIEWER
from accounts.models import Membership, Team
from accounts.services import team_member_add
from contract.errors import NotAllowed
from tests.factories import AssessmentFactory, SituationFactory, TeamFactory, UserFactory
from tests.helpers import make_persona
from tests.project.test_personas import ENDPOINTS, Endpoint, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    """The report's personas: `curator` of demo-team only, `curator2` of team-two, whose
    situation is Sudan."""
    demo, two = (
        TeamFactory(name="Demo team", slug="demo-team"),
        TeamFactory(name="Team two", slug="team-two"),
    )
    curator = make_persona(CURATOR, demo)
    curator2 = make_persona(CURATOR, two)
    sudan = SituationFactory(team=two, country="Sudan")
    return {"demo": demo, "two": two, "curator": curator, "curator2": curator2, "sudan": sudan}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# F-01: a curator cannot cross into another team by managing it.


def test_a_curator_cannot_add_themselves_to_another_team(teams):
    """F-01: `curator` (demo-team) posts their own username to team-two's members: refused,
    and team-two's situation stays out of their reach, in the API and the audit trail."""
    curator, sudan = teams["curator"], teams["sudan"]
    assert curator.client.get(f"/api/v1/situations/{sudan.pk}/").status_code == 404
    web = _signed_in(curator.user)
    response = web.post("/teams/team-two/members/", {"username": curator.user.username})
    assert response.status_code == 404
    assert not Membership.objects.filter(team=teams["two"], user=curator.user).exists()
    assert curator.client.get(f"/api/v1/situations/{sudan.pk}/").status_code == 404
    trail = curator.client.get("/api/v1/audit/?kind=situation").json()["results"]
    assert "Sudan" not in [entry["object_repr"] for entry in trail]
    with pytest.raises(NotAllowed):
        team_member_add(user=curator.user, team=teams["two"], username=curator.user.username)
    assert not Membership.objects.filter(team=teams["two"], user=curator.user).exists()


def test_a_curator_cannot_rename_or_change_the_members_of_another_team(teams):
    """F-01: nor rename team-two, remove its members, delete it or even open its page."""
    web = _signed_in(teams["curator"].user)
    curator2 = teams["curator2"].user
    assert web.get("/teams/team-two/").status_code == 404
    assert web.post("/teams/team-two/rename/", {"name": "Mine"}).status_code == 404
    assert web.post(f"/teams/team-two/members/{curator2.pk}/remove/").status_code == 404
    assert web.post("/teams/team-two/delete/").status_code == 404
    assert "/teams/team-two/" not in web.get("/teams/").content.decode()
    two = Team.objects.get(slug="team-two")
    assert two.name == "Team two" and list(two.members.all()) == [curator2]


def test_a_curator_of_the_team_adds_them_and_the_audit_trail_names_who(teams):
    """F-01: team-two's own curator adds `curator`, who then sees Sudan; the membership's
    audit entry names curator2 as its author."""
    curator, sudan = teams["curator"], teams["sudan"]
    response = _signed_in(teams["curator2"].user).post(
        "/teams/team-two/members/", {"username": curator.user.username}
    )
    assert response.status_code == 302
    assert curator.client.get(f"/api/v1/situations/{sudan.pk}/").status_code == 200
    membership = Membership.objects.get(team=teams["two"], user=curator.user)
    entry = LogEntry.objects.get_for_object(membership).get()
    assert entry.actor == teams["curator2"].user


def test_a_site_administrator_manages_any_team(teams):
    """F-01: a superuser, who runs the site, may add a curator to any team."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    response = _signed_in(admin).post(
        "/teams/team-two/members/", {"username": teams["curator"].user.username}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(team=teams["two"], user=teams["curator"].user).exists()


def test_the_admin_shows_a_curator_only_their_own_teams(teams):
    """F-01: the admin's team list, open to curators for reading, is scoped like the Teams page."""
    teams["curator"].user.is_staff = True
    teams["curator"].user.save()
    html = _signed_in(teams["curator"].user).get("/admin/accounts/team/").content.decode()
    assert "Demo team" in html and "Team two" not in html
    page = _signed_in(teams["curator"].user).get(f"/admin/accounts/team/{teams['two'].pk}/change/")
    assert page.status_code == 302  # the admin's answer for an object out of reach


# F-16: answers carrying team data or a key are kept out of every cache.


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_the_page_that_shows_a_new_key_is_never_stored(client, team):
    """F-16: the token page, in the answer that shows the new key once."""
    client.force_login(UserFactory(level=ANALYST, team=team))
    response = client.post("/accounts/tokens/", {"name": "laptop"})
    assert response.status_code == 200 and response.context["new_key"]
    assert _no_store(response)
    assert _no_store(client.get("/accounts/tokens/"))


def test_team_pages_and_api_answers_are_private_and_never_stored(client, analyst):
    """F-16: an assessment's page (session) and its API answer (token), and a 404."""
    assessment = AssessmentFactory(situation=SituationFactory(team=analyst.user.teams.get()))
    client.force_login(analyst.user)
    for response in (
        client.get(f"/situations/assessments/{assessment.pk}/"),
        client.get(f"/situations/{assessment.situation_id}/"),
        client.get("/situations/assessments/999999/"),
        analyst.client.get(f"/api/v1/assessments/{assessment.pk}/"),
        analyst.client.get("/api/v1/situations/"),
    ):
        assert response.status_code in (200, 404)
        assert _no_store(response), response.get("Cache-Control")


def test_public_answers_keep_their_own_caching(client, analyst):
    """F-16: a public script bundle stays cacheable, signed in or not."""
    client.force_login(analyst.user)
    response = client.get("/api/redoc/redoc.standalone.js")
    assert response["Cache-Control"] == "public, max-age=86400"


# F-19: the home page lists the library only to those who may open it.


@pytest.mark.parametrize("who", ["anonymous", "no level"])
def test_the_home_page_lists_no_case_below_viewer(client, who):
    """F-19: the anonymous, and a user with no level, get what Envoy is and a way in, not
    the library's cases and counts that /library/ refuses them."""
    if who == "no level":
        client.force_login(UserFactory())
        assert client.get("/library/").status_code == 403
    html = client.get("/").content.decode()
    assert "Kenya" not in html and "Reference library" not in html
    assert "Who may use Envoy" in html


def test_the_home_page_lists_the_cases_to_a_viewer(client, team):
    """F-19: a viewer, who may open the library, finds its cases on the home page."""
    client.force_login(UserFactory(level=VIEWER, team=team))
    html = client.get("/").content.decode()
    assert "Kenya" in html and "Reference library" in html


# F-22: a page answers only the methods it is for.

UNSAFE = ("PUT", "PATCH", "DELETE", "TRACE")
WEB_PATHS = sorted({e.path for e in ENDPOINTS if not e.api})
API_PATHS = sorted({e.path for e in ENDPOINTS if e.api})


def _methods_named(path: str) -> set[str]:
    return {e.method for e in ENDPOINTS if e.path == path}


@pytest.mark.parametrize("path", WEB_PATHS)
def test_every_page_refuses_the_methods_it_is_not_for(path):
    """F-22: every page of the persona table (which names every URL of the site) answers 405
    to PUT, PATCH, DELETE and TRACE, a read-only page to POST too, and a POST-only action to
    GET, as the team's curator (who may use them all)."""
    world = World()
    client = _signed_in(world.curator.user)
    url = world.path(Endpoint("", "GET", path, CURATOR))
    named = _methods_named(path)
    refused = set(UNSAFE) | ({"GET", "POST"} - named)
    got = {method: getattr(client, method.lower())(url).status_code for method in refused}
    assert got == dict.fromkeys(refused, 405)


@pytest.mark.parametrize("path", API_PATHS)
def test_every_api_endpoint_refuses_trace(path):
    """F-22: TRACE is answered 405 by every endpoint of the API."""
    world = World()
    url = world.path(Endpoint("", "GET", path, CURATOR, api=True))
    assert world.curator.client.generic("TRACE", url).status_code == 405

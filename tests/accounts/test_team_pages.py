"""Curators manage teams on the web: create, rename, delete, add and remove members; API
clients list their own teams."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts.levels import ANALYST, CURATOR
from accounts.models import Membership, Team
from accounts.services import (
    team_add_member,
    team_create,
    team_delete,
    team_get_or_create,
    team_member_add,
    team_member_remove,
    team_rename,
)
from accounts.tokens import token_issue
from contract.errors import NotAllowed
from tests.factories import SituationFactory, TeamFactory, UserFactory
from tests.helpers import Persona, make_persona, sign_in

pytestmark = pytest.mark.django_db


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_anonymous_are_sent_to_sign_in(client, team):
    for url in ("/teams/", "/teams/horn-desk/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post("/teams/", {"name": "Sneaky"}).status_code == 302
    assert not Team.objects.filter(name="Sneaky").exists()


def test_an_analyst_cannot_open_the_team_pages(client, analyst, team):
    sign_in(client, analyst)
    assert client.get("/teams/").status_code == 403
    assert client.get("/teams/horn-desk/").status_code == 403
    assert client.post("/teams/", {"name": "Analysts' own"}).status_code == 403
    stranger = UserFactory(username="stranger")
    added = client.post("/teams/horn-desk/members/", {"username": "stranger"})
    assert added.status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()
    removed = client.post(f"/teams/horn-desk/members/{analyst.user.pk}/remove/")
    assert removed.status_code == 403
    assert Membership.objects.filter(user=analyst.user, team=team).exists()
    assert client.post("/teams/horn-desk/delete/").status_code == 403
    assert Team.objects.filter(slug="horn-desk").exists()


def test_only_curators_see_teams_in_the_navigation(client, analyst, curator):
    assert 'href="/teams/"' not in page(sign_in(client, analyst).get("/situations/"))
    assert 'href="/teams/">Teams</a>' in page(sign_in(client, curator).get("/situations/"))


def test_a_curator_sees_their_own_teams_with_their_members_and_situations(
    client, curator, outsider
):
    SituationFactory(team=curator.user.teams.get(), country="Sudan")
    html = page(sign_in(client, curator).get("/teams/"))
    assert 'href="/teams/horn-desk/"' in html and "Horn of Africa desk" in html
    assert "/teams/other-desk/" not in html and "Other desk" not in html  # not theirs
    horn = html.split('href="/teams/horn-desk/"')[1].split("</tr>")[0]
    assert horn.count("<td>1</td>") == 2  # one member, one situation
    assert 'action="/teams/"' in html


def test_a_curator_of_two_teams_sees_each_with_all_its_members(client, curator, outsider):
    Membership.objects.create(team=Team.objects.get(slug="other-desk"), user=curator.user)
    html = page(sign_in(client, curator).get("/teams/"))
    other = html.split('href="/teams/other-desk/"')[1].split("</tr>")[0]
    assert other.count("<td>2</td>") == 1  # the outsider and the curator


def test_a_superuser_sees_and_manages_every_team(client, curator, outsider):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = page(client.get("/teams/"))
    assert 'href="/teams/horn-desk/"' in html and 'href="/teams/other-desk/"' in html
    assert page(client.get("/teams/other-desk/"))
    client.post("/teams/other-desk/members/", {"username": curator.user.username})
    assert Membership.objects.filter(team__slug="other-desk", user=curator.user).exists()
    team_create(user=admin, name="Andes desk")
    assert not admin.teams.exists()  # a superuser manages teams without joining them


def test_another_teams_pages_are_a_404_to_a_curator_and_change_nothing(client, curator, outsider):
    other = Team.objects.get(slug="other-desk")
    sign_in(client, curator)
    assert client.get("/teams/other-desk/").status_code == 404
    assert client.post("/teams/other-desk/rename/", {"name": "Taken"}).status_code == 404
    added = client.post("/teams/other-desk/members/", {"username": curator.user.username})
    assert added.status_code == 404
    removed = client.post(f"/teams/other-desk/members/{outsider.user.pk}/remove/")
    assert removed.status_code == 404
    assert client.post("/teams/other-desk/delete/").status_code == 404
    other.refresh_from_db()
    assert other.name == "Other desk"
    assert list(other.members.all()) == [outsider.user]


def test_a_curator_creates_a_team_whose_slug_comes_from_its_name(client, curator):
    response = sign_in(client, curator).post("/teams/", {"name": "Sahel desk", "slug": ""})
    assert response.status_code == 302 and response["Location"] == "/teams/sahel-desk/"
    assert Team.objects.get(slug="sahel-desk").name == "Sahel desk"
    follow = client.get(response["Location"])
    assert messages_of(follow) == ["Team “Sahel desk” created: add its members."]
    assert list(Team.objects.get(slug="sahel-desk").members.all()) == [curator.user]
    assert f'<th scope="row">{curator.user.username}</th>' in page(follow)


def test_a_curator_creates_a_team_and_a_duplicate_name_is_a_field_error_storing_nothing(
    client, curator
):
    sign_in(client, curator)
    assert client.post("/teams/", {"name": "Great Lakes", "slug": "lakes"}).status_code == 302
    before = Team.objects.count()
    html = page(client.post("/teams/", {"name": "great lakes", "slug": "other-lakes"}))
    assert "The team was not created." in html
    assert 'id="id_name_error"' in html and "A team with this name already exists." in html
    assert Team.objects.count() == before


def test_a_duplicate_slug_is_a_field_error_at_the_slug(client, curator):
    html = page(sign_in(client, curator).post("/teams/", {"name": "Horn 2", "slug": "horn-desk"}))
    assert 'id="id_slug_error"' in html and "A team with this slug already exists." in html
    assert not Team.objects.filter(name="Horn 2").exists()


def test_a_name_without_letters_needs_a_slug(curator):
    with pytest.raises(ValidationError) as refused:
        team_create(user=curator.user, name="???")
    assert refused.value.message_dict == {
        "slug": ["The name has no letters or digits to make a slug from: give one."]
    }
    assert team_create(user=curator.user, name="???", slug="question-marks").name == "???"


def test_a_blank_name_is_one_error_at_the_name(curator):
    with pytest.raises(ValidationError) as refused:
        team_create(user=curator.user, name="  ")
    assert set(refused.value.message_dict) == {"name"}


def test_a_bad_slug_is_a_field_error(curator):
    with pytest.raises(ValidationError) as refused:
        team_create(user=curator.user, name="Andes", slug="andes desk!")
    assert set(refused.value.message_dict) == {"slug"}
    assert not Team.objects.filter(name="Andes").exists()


def test_a_long_name_makes_a_slug_that_fits(curator):
    team = team_create(user=curator.user, name="Desk " * 30)
    assert len(team.slug) <= 60 and not team.slug.endswith("-")


def test_a_curator_sees_a_teams_members_with_their_level_and_join_date(
    client, curator, viewer, analyst
):
    viewer.user.first_name, viewer.user.last_name = "Vera", "Viewer"
    viewer.user.save()
    html = page(sign_in(client, curator).get("/teams/horn-desk/"))
    assert "Vera Viewer" in html
    for persona, level in ((viewer, "viewer"), (analyst, "analyst"), (curator, "curator")):
        row = html.split(f'<th scope="row">{persona.user.username}</th>')[1].split("</tr>")[0]
        assert f"<td>{level}</td>" in row
        assert persona.user.memberships.get().joined.strftime("%Y-%m-%d") in row
        assert f'action="/teams/horn-desk/members/{persona.user.pk}/remove/"' in row


def test_an_unknown_team_is_a_404(client, curator):
    assert sign_in(client, curator).get("/teams/no-such-desk/").status_code == 404


def test_a_curator_adds_a_member_who_then_sees_the_teams_situations(client, curator, outsider):
    situation = SituationFactory(team=Team.objects.get(slug="horn-desk"))
    assert outsider.client.get(f"/api/v1/situations/{situation.pk}/").status_code == 404
    response = sign_in(client, curator).post(
        "/teams/horn-desk/members/", {"username": outsider.user.username}
    )
    assert response.status_code == 302 and response["Location"] == "/teams/horn-desk/"
    follow = client.get("/teams/horn-desk/")
    assert messages_of(follow) == [
        f"{outsider.user.username} is now a member of Horn of Africa desk."
    ]
    assert outsider.client.get(f"/api/v1/situations/{situation.pk}/").status_code == 200


def test_adding_an_unknown_username_is_a_field_error(client, curator):
    before = Membership.objects.count()
    html = page(sign_in(client, curator).post("/teams/horn-desk/members/", {"username": "nobody"}))
    assert 'id="member-username_error"' in html and "No user has this username." in html
    assert Membership.objects.count() == before


def test_adding_a_member_twice_is_a_field_error(client, curator, analyst):
    html = page(
        sign_in(client, curator).post(
            "/teams/horn-desk/members/", {"username": analyst.user.username}
        )
    )
    assert f"{analyst.user.username} is already a member of this team." in html
    assert Membership.objects.filter(user=analyst.user).count() == 1


def test_a_username_in_another_case_is_found_when_only_one_matches(curator, team):
    UserFactory(username="Amina")
    membership = team_member_add(user=curator.user, team=team, username=" amina ")
    assert membership.user.username == "Amina"


def test_a_removed_member_no_longer_sees_the_teams_situations(client, curator, analyst, team):
    situation = SituationFactory(team=team)
    sign_in(client, analyst)
    assert client.get(f"/situations/{situation.pk}/").status_code == 200
    assert analyst.client.get(f"/api/v1/situations/{situation.pk}/").status_code == 200

    curator_client = type(client)()
    curator_client.force_login(curator.user)
    response = curator_client.post(f"/teams/horn-desk/members/{analyst.user.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == "/teams/horn-desk/"
    assert messages_of(curator_client.get("/teams/horn-desk/")) == [
        f"{analyst.user.username} is no longer a member of Horn of Africa desk."
    ]

    assert client.get(f"/situations/{situation.pk}/").status_code == 404
    assert analyst.client.get(f"/api/v1/situations/{situation.pk}/").status_code == 404
    assert get_user_model().objects.filter(pk=analyst.user.pk).exists()  # the user stays


def test_removing_someone_who_is_not_a_member_says_so(client, curator, outsider):
    response = sign_in(client, curator).post(
        f"/teams/horn-desk/members/{outsider.user.pk}/remove/", follow=True
    )
    assert messages_of(response) == [f"{outsider.user.username} is not a member of this team."]
    assert outsider.user.teams.get().slug == "other-desk"


def test_the_team_pages_change_nothing_on_a_get(client, curator, analyst):
    sign_in(client, curator)
    assert client.get(f"/teams/horn-desk/members/{analyst.user.pk}/remove/").status_code == 405
    assert client.get("/teams/horn-desk/delete/").status_code == 405
    assert Membership.objects.filter(user=analyst.user).exists()


def test_a_curator_renames_a_team_and_its_slug_stays(client, curator, team):
    response = sign_in(client, curator).post(
        "/teams/horn-desk/rename/", {"name": "Horn and Red Sea desk"}
    )
    assert response.status_code == 302 and response["Location"] == "/teams/horn-desk/"
    team.refresh_from_db()
    assert (team.name, team.slug) == ("Horn and Red Sea desk", "horn-desk")
    assert messages_of(client.get("/teams/horn-desk/")) == [
        "The team is now called “Horn and Red Sea desk”."
    ]


def test_renaming_to_another_teams_name_is_a_field_error(client, curator, outsider, team):
    html = page(sign_in(client, curator).post("/teams/horn-desk/rename/", {"name": "Other desk"}))
    assert 'id="rename-name_error"' in html and "A team with this name already exists." in html
    assert "<h1>Horn of Africa desk</h1>" in html  # the page shows the stored name
    team.refresh_from_db()
    assert team.name == "Horn of Africa desk"


def test_a_team_with_situations_cannot_be_deleted(client, curator, team):
    SituationFactory(team=team)
    SituationFactory(team=team)
    response = sign_in(client, curator).post("/teams/horn-desk/delete/", follow=True)
    assert response.redirect_chain == [("/teams/horn-desk/", 302)]
    assert messages_of(response) == [
        "Horn of Africa desk was not deleted: it still has 2 situations, and a team can be "
        "deleted only once it has none."
    ]
    assert Team.objects.filter(slug="horn-desk").exists()
    assert team.memberships.count() == 1  # nothing was deleted


def test_a_team_without_situations_is_deleted_with_its_memberships_not_its_users(
    client, curator, viewer
):
    empty = team_create(user=curator.user, name="Empty desk")
    team_member_add(user=curator.user, team=empty, username=viewer.user.username)
    response = sign_in(client, curator).post("/teams/empty-desk/delete/", follow=True)
    assert response.redirect_chain == [("/teams/", 302)]
    assert messages_of(response) == ["Team “Empty desk” deleted."]
    assert not Team.objects.filter(slug="empty-desk").exists()
    assert list(viewer.user.teams.values_list("slug", flat=True)) == ["horn-desk"]


def test_the_services_refuse_everyone_but_curators(analyst, team):
    for call in (
        lambda: team_create(user=analyst.user, name="Analysts' desk"),
        lambda: team_rename(user=analyst.user, team=team, name="Mine now"),
        lambda: team_member_add(user=analyst.user, team=team, username="anyone"),
        lambda: team_member_remove(user=analyst.user, team=team, member=analyst.user),
        lambda: team_delete(user=analyst.user, team=team),
    ):
        with pytest.raises(NotAllowed):
            call()
    team.refresh_from_db()
    assert team.name == "Horn of Africa desk" and team.memberships.count() == 1


def test_the_services_refuse_another_teams_curator(curator, outsider, team):
    other_curator = make_persona(CURATOR, Team.objects.get(slug="other-desk")).user
    for call in (
        lambda: team_rename(user=other_curator, team=team, name="Mine now"),
        lambda: team_member_add(user=other_curator, team=team, username=other_curator.username),
        lambda: team_member_remove(user=other_curator, team=team, member=curator.user),
        lambda: team_delete(user=other_curator, team=team),
    ):
        with pytest.raises(NotAllowed) as refused:
            call()
        assert str(refused.value) == (
            "Only the curators of Horn of Africa desk, or a site administrator, may manage "
            "it. To join it, ask one of them to add you."
        )
    team.refresh_from_db()
    assert team.name == "Horn of Africa desk" and list(team.members.all()) == [curator.user]


def test_the_old_helpers_still_make_teams_and_members(db):
    team = team_get_or_create("Demo team")
    assert team_get_or_create("Demo team") == team
    user = UserFactory(level=ANALYST)
    team_add_member(team, user)
    team_add_member(team, user)
    assert list(team.members.all()) == [user]


# The API: the caller's own teams, for the `team` of imports and new situations.


def test_the_api_lists_only_the_callers_teams(viewer, outsider):
    second = TeamFactory(name="Andes desk", slug="andes-desk")
    Membership.objects.create(team=second, user=viewer.user)
    body = viewer.client.get("/api/v1/teams/").json()
    assert body["count"] == 2
    assert body["results"] == [
        {"slug": "andes-desk", "name": "Andes desk"},
        {"slug": "horn-desk", "name": "Horn of Africa desk"},
    ]
    assert outsider.client.get("/api/v1/teams/").json()["results"] == [
        {"slug": "other-desk", "name": "Other desk"}
    ]


def test_a_curator_gets_only_their_own_teams_from_the_api_too(curator, outsider):
    body = curator.client.get("/api/v1/teams/").json()
    assert [t["slug"] for t in body["results"]] == ["horn-desk"]


def test_the_anonymous_get_401_from_the_teams_api(anonymous):
    response = anonymous.get("/api/v1/teams/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Token realm="api"'


def test_a_user_without_a_level_gets_403_from_the_teams_api(team):
    user = UserFactory(team=team)
    persona = Persona(user, token_issue(user, "tests")[1])
    assert persona.client.get("/api/v1/teams/").status_code == 403


def test_the_teams_api_is_read_only(curator):
    assert curator.client.post("/api/v1/teams/", {"name": "Via API"}).status_code == 405
    assert not Team.objects.filter(name="Via API").exists()


def test_a_user_of_no_team_gets_an_empty_list(db):
    loner = make_persona(CURATOR, None)
    assert loner.client.get("/api/v1/teams/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }

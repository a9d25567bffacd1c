import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from accounts.levels import ANALYST, CURATOR, VIEWER, has_level, user_level
from accounts.services import user_set_level
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_each_level_includes_the_ones_below():
    curator = UserFactory(level=CURATOR)
    viewer = UserFactory(level=VIEWER)
    assert has_level(curator, ANALYST) and has_level(curator, VIEWER)
    assert has_level(viewer, VIEWER) and not has_level(viewer, ANALYST)


def test_a_user_has_exactly_one_level():
    user = UserFactory(level=VIEWER)
    user_set_level(user, CURATOR)
    assert user_level(user) == CURATOR
    assert user.groups.count() == 1
    with pytest.raises(ValueError):
        user_set_level(user, "emperor")


def test_the_anonymous_and_the_unassigned_have_no_level():
    assert user_level(AnonymousUser()) is None
    assert user_level(UserFactory()) is None


def test_demo_users_can_sign_in_and_are_in_the_demo_team(client, capsys):
    call_command("create_demo_users")
    call_command("create_demo_users")  # a second run resets, it does not duplicate
    out = capsys.readouterr().out
    assert "password: envoy-analyst" in out
    signed_in = client.post(
        "/accounts/login/", {"username": "analyst", "password": "envoy-analyst"}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"
    from django.contrib.auth import get_user_model

    analyst = get_user_model().objects.get(username="analyst")
    assert user_level(analyst) == ANALYST
    assert [t.name for t in analyst.teams.all()] == ["Demo team"]

"""Signing in: repeated failures lock the account out for a while; passwords change through
Django's validators; sessions end after a spell of inactivity."""

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(client):
    user = UserFactory(username="dana", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "dana", "wrong").status_code == 200  # the form again
    locked = sign_in(client, "dana", "wrong")
    assert locked.status_code == 429 and "Sign-in locked" in locked.content.decode()
    again = sign_in(client, "dana", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    other = UserFactory(username="eli", password=PASSWORD)  # others are not affected
    assert sign_in(client, other.username, PASSWORD).status_code == 302
    assert user.is_active


def test_a_success_resets_the_count_of_failures(client):
    UserFactory(username="dana", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "dana", "wrong")
    assert sign_in(client, "dana", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "dana", "wrong")
    assert sign_in(client, "dana", PASSWORD).status_code == 302


def test_api_tokens_are_not_subject_to_the_sign_in_lock(client, analyst):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, analyst.user.username, "wrong")
    assert analyst.client.get("/api/v1/situations/").status_code == 200


def test_a_password_change_goes_through_the_validators(client):
    user = UserFactory(username="dana", password=PASSWORD)
    client.force_login(user)
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "dana1", "new_password2": "dana1"},
    )
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    strong = "a-much-longer-passphrase-42"
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/password/done/"
    user.refresh_from_db()
    assert user.check_password(strong)


def test_a_session_ends_after_hours_without_a_request(client):
    client.force_login(UserFactory())
    response = client.get("/situations/")
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE == 8 * 3600

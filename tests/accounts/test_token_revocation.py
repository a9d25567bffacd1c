"""Revoking an API token is confirmed first: the page says what it does, and nothing is
revoked until the user ticks the box."""

import pytest

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(client, analyst):
    client.force_login(analyst.user)
    return ApiToken.objects.get(user=analyst.user)


def test_the_token_list_asks_before_revoking(client, token):
    listing = client.get("/accounts/tokens/").content.decode()
    assert f'href="/accounts/tokens/{token.pk}/revoke/"' in listing
    assert f'action="/accounts/tokens/{token.pk}/revoke/"' not in listing  # no one-click form
    page = client.get(f"/accounts/tokens/{token.pk}/revoke/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Revoke the token “{token.name}”" in html
    assert 'name="confirm"' in html and "required" in html
    assert ApiToken.objects.get(pk=token.pk).revoked is None


def test_a_revocation_without_the_tick_revokes_nothing_and_says_why(client, analyst, token):
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert ApiToken.objects.get(pk=token.pk).revoked is None
    assert "Tick the box to confirm the revocation; the token still works." in (
        response.content.decode()
    )
    assert analyst.client.get("/api/v1/phases/").status_code == 200


def test_a_confirmed_revocation_revokes_the_token(client, analyst, token):
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/", {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/tokens/"
    assert ApiToken.objects.get(pk=token.pk).revoked is not None
    html = response.content.decode()
    assert html.count("The token is revoked; requests using it are refused.") == 1
    assert analyst.client.get("/api/v1/phases/").status_code == 401


def test_the_page_of_another_users_or_a_revoked_token_sends_back_to_the_list(
    client, token, outsider
):
    client.force_login(outsider.user)
    response = client.get(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert "No such active token." in response.content.decode()
    client.post(f"/accounts/tokens/{token.pk}/revoke/", {"confirm": "on"})
    assert ApiToken.objects.get(pk=token.pk).revoked is None


def test_the_confirmation_speaks_french(client, token):
    client.cookies["django_language"] = "fr"
    html = client.get(f"/accounts/tokens/{token.pk}/revoke/").content.decode()
    assert "Révoquer le jeton" in html

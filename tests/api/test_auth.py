"""Who may use the API: tokens and sessions, and 401 for everyone else."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import key_hash

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/assessments/",
    "/api/v1/situations/",
    "/api/v1/cases/",
    "/api/v1/phases/",
    "/api/v1/roles/",
    "/api/v1/mission-models/",
    "/api/v1/organizations/",
    "/api/v1/missions/",
    "/api/v1/council-tools/",
    "/api/v1/caveats/",
    "/api/v1/sources/",
    "/api/v1/rulesets/",
    "/api/v1/rules/",
    "/api/v1/roles/direct_mediation/",
    "/api/v1/cases/kenya-2008/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_the_anonymous_get_401_everywhere(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["WWW-Authenticate"] == 'Token realm="api"'


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_viewer_with_a_token_reads_everywhere(viewer, url):
    assert viewer.client.get(url).status_code == 200


def test_the_key_is_stored_only_as_a_hash(analyst):
    token = ApiToken.objects.get(user=analyst.user)
    assert token.key_hash == key_hash(analyst.key) != analyst.key
    assert analyst.key.startswith(token.prefix)
    assert not ApiToken.objects.filter(key_hash=analyst.key).exists()


def test_using_a_token_records_when(analyst):
    analyst.client.get("/api/v1/phases/")
    assert ApiToken.objects.get(user=analyst.user).last_used is not None


def test_a_revoked_or_wrong_token_is_refused(analyst, client):
    client.force_login(analyst.user)
    token = ApiToken.objects.get(user=analyst.user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/", {"confirm": "on"})
    response = analyst.client.get("/api/v1/phases/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token envoy_not-a-real-key")
    assert wrong.get("/api/v1/phases/").status_code == 401
    malformed = APIClient()
    malformed.credentials(HTTP_AUTHORIZATION="Token a b")
    assert malformed.get("/api/v1/phases/").status_code == 401


def test_bearer_is_accepted_too(analyst):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {analyst.key}")
    assert client.get("/api/v1/phases/").status_code == 200


def test_a_user_creates_and_revokes_tokens_on_their_page(client, analyst):
    client.force_login(analyst.user)
    page = client.post("/accounts/tokens/", {"name": "dashboard"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key.startswith("envoy_") and key in page.content.decode()
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert fresh.get("/api/v1/caveats/").status_code == 200
    token = ApiToken.objects.get(name="dashboard")
    listing = client.get("/accounts/tokens/").content.decode()
    assert "dashboard" in listing and key not in listing
    client.post(f"/accounts/tokens/{token.pk}/revoke/", {"confirm": "on"})
    assert fresh.get("/api/v1/caveats/").status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client, analyst, outsider):
    client.force_login(outsider.user)
    token = ApiToken.objects.get(user=analyst.user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/", {"confirm": "on"})
    assert analyst.client.get("/api/v1/phases/").status_code == 200


def test_the_token_page_needs_a_sign_in(client):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_command_issues_a_token(analyst, capsys):
    call_command("issue_api_token", analyst.user.username, name="pipeline")
    key = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/phases/").status_code == 200


def test_a_session_works_for_the_browser(client, viewer):
    client.force_login(viewer.user)
    assert client.get("/api/v1/phases/").status_code == 200


def test_a_signed_in_user_without_a_level_is_forbidden(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/api/v1/phases/").status_code == 403

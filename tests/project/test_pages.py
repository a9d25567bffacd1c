import pytest
from django.db import connection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_the_home_page_lists_the_library_to_viewers(client, viewer):
    client.force_login(viewer.user)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "At the Rubicon" in html
    assert "Kenya" in html


@pytest.mark.parametrize("level", [None, "no level"])
def test_the_home_page_explains_envoy_and_lists_nothing_below_viewer(client, level):
    if level:
        client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "Who may use Envoy" in html
    for listed in ("Reference library", "The curve of conflict", "Kenya", "Your situations"):
        assert listed not in html
    if level:
        assert "Your account has no access level yet" in html
    else:
        assert '<a class="button" href="/accounts/login/">Sign in</a>' in html


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": True}


def test_the_admin_lists_cases_for_staff(admin_client):
    response = admin_client.get("/admin/cases/case/")
    assert response.status_code == 200
    assert "Kenya" in response.content.decode()
    case_page = admin_client.get("/admin/cases/case/?q=guinea")
    assert case_page.status_code == 200

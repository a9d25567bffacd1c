import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_the_home_page_lists_the_library(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "At the Rubicon" in html
    assert "Kenya" in html


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": True}


def test_the_admin_lists_cases_for_staff(admin_client):
    response = admin_client.get("/admin/cases/case/")
    assert response.status_code == 200
    assert "Kenya" in response.content.decode()
    case_page = admin_client.get("/admin/cases/case/?q=guinea")
    assert case_page.status_code == 200

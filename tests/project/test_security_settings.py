"""Production settings pass Django's deployment checks, and every page carries a content
security policy that allows no inline script."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "envoy.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def test_check_deploy_is_clean_with_production_environment_variables():
    # Only what a production machine would set: none of the test run's variables.
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), **PRODUCTION}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/library/", "/catalogue/"])
def test_pages_allow_scripts_and_styles_from_this_site_only(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_the_api_docs_load_their_script_from_a_file(client):
    page = client.get("/api/docs/")
    policy = page["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "'unsafe-inline'" in policy  # styles only
    html = page.content.decode()
    assert "<script>" not in html and "?script" in html
    assert client.get("/api/docs/?script=").status_code == 200


def test_no_template_has_an_inline_script_or_style():
    for template in (PROJECT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "<script>" not in text and " on" + "click=" not in text, template
        assert "<style" not in text and "style=" not in text, template


@pytest.mark.django_db
def test_an_oversized_api_body_is_refused_with_a_clear_error_and_stores_nothing(analyst):
    from recommendations.models import Assessment
    from tests.inputs import VALID_INPUT

    huge = {**VALID_INPUT, "notes": "x" * (3 * 1024 * 1024)}
    response = analyst.client.post("/api/v1/assessments/", huge, format="json")
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json")
    assert Assessment.objects.count() == 0

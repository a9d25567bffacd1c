"""Every page works under the content security policy: the browser refuses nothing."""

import pytest

from accounts.services import user_set_level
from recommendations.assessments.services import assessment_create
from tests.inputs import VALID_INPUT

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_no_page_breaks_the_content_security_policy(visit, people):
    analyst = people["analyst"]
    user_set_level(analyst, "curator")  # to see the curators' pages too
    assessment = assessment_create(user=analyst, data=VALID_INPUT)
    refused = []
    visit.page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    visit.page.on("pageerror", lambda error: refused.append(str(error)))
    visit.sign_in(analyst.username)
    for path in (
        "/",
        "/situations/",
        "/situations/new/",
        f"/situations/assessments/{assessment.pk}/",
        f"/situations/{assessment.situation_id}/",
        "/situations/import/",
        "/library/",
        "/catalogue/",
        "/rules/",
        "/tasks/",
        "/accounts/tokens/",
        "/audit/",
        "/teams/",
        f"/teams/{analyst.teams.first().slug}/",
        "/api/docs/",
    ):
        visit.goto(path)
        visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator(".swagger-ui").count() == 1  # the docs' script ran
    assert refused == []

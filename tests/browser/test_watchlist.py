"""The watchlist in the browser: a situation that escalated shows its arrow, what drove it and
its conflict risk alert; filtering by trend keeps only it; the page is accessible (axe-core),
in English and in French, and fits a phone."""

import pytest

from recommendations.assessments.services import assessment_create
from tests.browser.axe import axe_violations, summary
from tests.engine.baselines import RISING, RUBICON

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
WORDS = {
    "en": ("Deteriorated", "violence: spreading → intensifying", "conflict risk alert"),
    "fr": ("Détérioration", "violence : qui s'étend → qui s'intensifie", "alerte de risque"),
}


@pytest.fixture
def portfolio(people):
    analyst = people["analyst"]
    first = assessment_create(user=analyst, data={**RISING, "country": "Escaland"})
    assessment_create(
        user=analyst, data={**RUBICON, "country": "Escaland", "situation": first.situation_id}
    )
    quiet = assessment_create(user=analyst, data={**RISING, "country": "Quietland"})
    return first.situation_id, quiet.situation_id


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_watchlist_shows_the_arrow_and_its_drivers(visit, portfolio, language):
    escalated, quiet = portfolio
    trend, driver, alert = WORDS[language]
    visit.sign_in("viewer-b")
    visit.use_language(language)
    page = visit.goto("/situations/watchlist/")
    visit.shot(f"watchlist-{language}")
    row = page.locator(f"#watch-{escalated}")
    assert row.locator(".arrow.deteriorated").inner_text().strip().endswith(trend)
    assert driver in row.locator(".drivers").inner_text()
    assert alert in row.inner_text()
    violations = axe_violations(page)
    assert violations == [], summary(violations)

    page.select_option("#id_trend", "deteriorated")
    page.locator("form.watch-filters button[type=submit]").click()
    page.wait_for_url("**/watchlist/?*trend=deteriorated*")
    assert page.locator("tbody tr").count() == 1
    assert page.locator(f"#watch-{quiet}").count() == 0


def test_on_a_phone_the_page_does_not_scroll_sideways(visit, portfolio):
    """The table scrolls within its own box; the page itself stays inside the screen."""
    visit.page.set_viewport_size({"width": 390, "height": 844})
    visit.sign_in("viewer-b")
    page = visit.goto("/situations/watchlist/")
    visit.shot("watchlist-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

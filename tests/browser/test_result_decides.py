"""The result page decides (contract section 8.1), in English and in French: for atrocities
by the state, dissuading the perpetrators comes first, a protective presence is ruled out with
its reason, the indicators to watch are listed, and an answer marked "not sure" changes how
sure the assessment is. axe-core finds no serious or critical accessibility violation on the
form or on either result."""

import pytest

from tests.browser.axe import axe_violations, summary
from tests.browser.test_analyst_journey import fill_form

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
WORDS = {
    "en": {
        "key": "Key actions",
        "ruled_out": "Ruled out, and why",
        "signposts": "What would change this assessment",
        "sure": "How sure",
        "one_reading": "Every answer was given as sure",
        "readings": "readings of the uncertain answers",
        "depends": "depends on an uncertain answer",
    },
    "fr": {
        "key": "Actions clés",
        "ruled_out": "Exclu, et pourquoi",
        "signposts": "Ce qui changerait cette évaluation",
        "sure": "Degré de certitude",
        "one_reading": "Toutes les réponses ont été données comme sûres",
        "readings": "lectures des réponses incertaines",
        "depends": "dépend d'une réponse incertaine",
    },
}


def accessible(page):
    violations = axe_violations(page)
    assert violations == [], summary(violations)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_atrocities_by_the_state_the_page_decides(visit, people, language):
    words = WORDS[language]
    visit.sign_in("analyst-b")
    visit.use_language(language)
    page = visit.goto("/situations/new/")
    assert page.locator("html").get_attribute("lang") == language
    accessible(page)
    fill_form(page, atrocity_risk="ongoing", main_perpetrator="state", security_council="divided")
    page.click("main form.assessment-form button[type=submit]")
    page.wait_for_url("**/situations/assessments/*/")
    visit.shot(f"result-{language}")
    accessible(page)

    key = page.locator("section.key-actions")
    assert key.locator("h2").inner_text() == words["key"]
    first = key.locator("ol.key-list > li").first
    assert first.get_attribute("id") == "key-role-perpetrator_dissuasion"
    assert first.locator(".sources a").count() >= 1
    assert 1 <= key.locator("ol.key-list > li").count() <= 5

    ruled = page.locator("section.ruled-out")
    assert ruled.locator("h2").inner_text() == words["ruled_out"]
    presence = ruled.locator("#ruled-out-role-protective_presence")
    assert presence.is_visible()
    assert "consent-based presence" in presence.inner_text()  # its reason
    assert page.locator("#roles-protective_presence").count() == 0  # never recommended

    signposts = page.locator("section.signposts")
    assert signposts.locator("h2").inner_text() == words["signposts"]
    assert signposts.locator("li.escalation").count() >= 1

    sure = page.locator("section.how-sure")
    assert sure.locator("h2").inner_text() == words["sure"]
    assert words["one_reading"] in sure.inner_text()
    # no rule slug or field name is the explanation
    text = page.locator("main").inner_text()
    assert "atrocity.perpetrator_dissuasion" not in text and "main_perpetrator" not in text

    # reassess, not sure of the Council's stance: the page says how sure it now is
    page.click("a[href*='?from=']")
    page.check("input[name=uncertain][value=security_council]")
    page.click("main form.assessment-form button[type=submit]")
    page.wait_for_url("**/situations/assessments/*/")
    visit.shot(f"result-not-sure-{language}")
    accessible(page)
    sure = page.locator("section.how-sure")
    assert words["readings"] in sure.locator(".sure-summary").inner_text()
    assert words["depends"] in page.locator("main").inner_text()

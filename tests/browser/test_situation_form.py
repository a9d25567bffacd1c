"""The situation form in the browser: after a failed submit the error summary has the focus
and its links lead to the answers, axe-core finding no serious or critical violation;
contradictory answers are confirmed on the page."""

import pytest

from recommendations.models import Assessment
from tests.browser.axe import axe_violations
from tests.browser.axe import summary as axe_summary
from tests.browser.test_analyst_journey import fill_form

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


def watch_for_refusals(page) -> list[str]:
    refused: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    page.on("pageerror", lambda error: refused.append(str(error)))
    return refused


def test_a_failed_submit_focuses_the_summary_whose_links_lead_to_the_answers(visit, people):
    visit.sign_in("analyst-b")
    page = visit.goto("/situations/new/")
    refused = watch_for_refusals(page)
    page.fill("#id_country", "Testland")
    page.click("form.assessment-form > button[type=submit]")
    page.wait_for_selector("#form-errors")
    visit.shot("errors")
    assert focused(page) == "form-errors"
    violations = axe_violations(page)  # the form with its errors shown stays accessible
    assert violations == [], axe_summary(violations)
    assert page.locator("[role=alert]").count() == 1
    summary = page.locator("#form-errors")
    assert summary.locator("li").count() == 21  # every required answer but the country
    summary.get_by_role("link", name="Region", exact=True).click()
    assert focused(page) == "id_region"
    assert in_view(page, "label[for=id_region]")
    page.evaluate("window.scrollTo(0, 0)")
    summary.get_by_role("link", name="Stance of the Security Council").click()
    assert focused(page) == "id_security_council_0"
    assert in_view(page, "#field-security_council legend")
    visit.shot("error-link-followed")
    assert page.input_value("#id_country") == "Testland"
    assert refused == []


def test_contradictory_answers_are_saved_once_confirmed_on_the_page(visit, people):
    visit.sign_in("analyst-b")
    page = visit.goto("/situations/new/")
    refused = watch_for_refusals(page)
    fill_form(page, country="Contradictia", violence_level="none")
    page.fill("#id_recent_fatalities", "5000")
    page.check("#id_uncertain_violence_level")
    page.click("form.assessment-form > button[type=submit]")
    page.wait_for_selector("#form-warnings")
    visit.shot("contradiction")
    assert focused(page) == "form-warnings"
    assert not Assessment.objects.exists()
    warnings = page.locator("#form-warnings li")
    assert warnings.count() == 1
    assert "“None”, yet conflict deaths are counted" in warnings.inner_text()
    warnings.get_by_role("link", name="Conflict deaths in the last 3 months").click()
    assert focused(page) == "id_recent_fatalities"
    assert page.input_value("#id_recent_fatalities") == "5000"
    assert page.locator("#id_uncertain_violence_level").is_checked()
    page.check("#id_confirm_contradictions")
    page.click("#form-warnings button[type=submit]")
    page.wait_for_url("**/situations/assessments/*/")
    visit.shot("confirmed-result")
    stored = Assessment.objects.get().input
    assert stored["violence_level"] == "none" and stored["recent_fatalities"] == 5000
    assert stored["uncertain"] == ["violence_level"]
    assert refused == []

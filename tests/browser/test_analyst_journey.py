"""An analyst signs in, assesses a situation, understands why, and follows it over time."""

import pytest

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ANSWERS = {
    "violence_level": "spreading",
    "political_dialogue": "strained",
    "war_decision_imminent": "false",
    "settlement_status": "none",
    "atrocity_risk": "imminent",
    "main_perpetrator": "state",
    "host_consent": "partial",
    "host_capacity": "weak",
    "international_presence": "regional_office",
    "anticipatory_relationships": "true",
    "staff_security": "restricted",
    "regional_consensus": "united",
    "security_council": "divided",
    "mediation": "single_lead",
    "objectives_reconcilable": "yes",
    "civil_society_mobilized": "true",
    "minority_at_risk": "false",
    "election_context": "disputed",
    "external_spoilers": "false",
    "cross_border": "false",
}


def fill_form(page, country="Guinea", **changes):
    page.fill("#id_country", country)
    page.select_option("#id_region", "west_africa")
    for name, value in {**ANSWERS, **changes}.items():
        radio = page.locator(f"input[name={name}][value={value}]")
        if radio.count():
            radio.check()
        else:
            page.select_option(f"#id_{name}", value)
    page.check("input[name=grievances][value=electoral_dispute]")


def test_an_analyst_assesses_a_situation_and_sees_why(visit, people):
    visit.sign_in("analyst-b")
    visit.shot("home")
    page = visit.goto("/situations/new/")
    visit.shot("form")
    fill_form(page)
    page.click("button:has-text('Assess')")
    page.wait_for_url("**/situations/assessments/*/")
    visit.shot("result")
    assert page.locator("h1 .phase").inner_text() == "Rising tension"
    # the supporting lists are collapsed; opened, each item says why and cites its source
    caveat = page.locator("#caveats-impartiality_risk")
    assert not caveat.is_visible()
    page.click("#list-caveats > summary")
    assert caveat.is_visible()
    assert caveat.locator(".because").inner_text().startswith("Because ")
    assert caveat.locator(".sources a").first.inner_text() == "Gowan 2011"
    visit.shot("why")
    page.click("text=Printable briefing")
    visit.shot("briefing")
    assert page.locator("h1").inner_text() == "Briefing: Guinea"


def test_a_field_error_shows_by_the_field_and_keeps_the_answers(visit, people):
    visit.sign_in("analyst-b")
    page = visit.goto("/situations/new/")
    fill_form(page, country="Testland")
    page.fill("#id_recent_fatalities", "-4")
    page.click("button:has-text('Assess')")
    error = page.locator("#id_recent_fatalities_error")
    assert error.is_visible()
    assert page.input_value("#id_country") == "Testland"
    assert page.locator("input[name=violence_level][value=spreading]").is_checked()
    visit.shot("field-error")


def test_the_situation_page_charts_two_assessments(visit, people):
    visit.sign_in("analyst-b")
    page = visit.goto("/situations/new/")
    fill_form(page, country="Kyrgyzstan", violence_level="none", atrocity_risk="none")
    page.click("button:has-text('Assess')")
    page.wait_for_url("**/situations/assessments/*/")
    page.click("text=Reassess from this one")
    page.check("input[name=violence_level][value=full_scale_war]")
    page.click("button:has-text('Assess')")
    page.wait_for_url("**/situations/assessments/*/")
    assert "Post-Rubicon: war" in page.locator("h1").inner_text()
    page.click("main .crumbs a")
    assert page.locator("svg .trajectory-point").count() == 2
    assert page.locator("svg .trajectory-line").count() == 1
    visit.shot("trajectory")
    page.click("button:has-text('Compare')")
    assert page.locator("text=Full-scale war").first.is_visible()
    visit.shot("compare")


def test_a_viewer_sees_no_form_and_switches_to_french(visit, people):
    visit.sign_in("viewer-b")
    page = visit.page
    assert page.locator("nav >> text=New assessment").count() == 0
    page.click("header form.language button:has-text('Français')")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    visit.shot("french")

"""Answers that contradict each other: found by the contract, shown by the situation form as
warnings the analyst confirms before anything is saved; the API stores them as they come."""

import pytest
from django.utils import translation

from contract.consistency import Contradiction, contradictions, fingerprint
from contract.fields import validate_input
from core.labels import contradiction_text
from recommendations.models import Assessment
from tests.helpers import Page, situation_form_data
from tests.inputs import VALID_INPUT

NEW = "/situations/new/"
CONTRADICTORY = {  # each code, and answers (changed from VALID_INPUT) that give it alone
    "deaths_without_violence": {"violence_level": "none", "recent_fatalities": 5000},
    "deaths_beyond_sporadic": {"violence_level": "sporadic", "recent_fatalities": 1000},
    "war_without_deaths": {"violence_level": "full_scale_war", "recent_fatalities": 0},
    "war_decision_under_consolidation": {
        "war_decision_imminent": True,
        "settlement_status": "consolidating",
    },
    "consolidation_during_war": {
        "violence_level": "full_scale_war",
        "settlement_status": "consolidating",
    },
    "atrocities_without_perpetrator": {"atrocity_risk": "ongoing", "main_perpetrator": "none"},
    "refugees_without_cross_border": {"displacement": "cross_border", "cross_border": False},
}
# The review's situation: none of it adds up.
EVERYTHING_WRONG = {
    "violence_level": "none",
    "recent_fatalities": 5000,
    "war_decision_imminent": True,
    "settlement_status": "consolidating",
    "atrocity_risk": "ongoing",
    "main_perpetrator": "none",
}


def found(**changes) -> list[str]:
    return [c.code for c in contradictions(validate_input({**VALID_INPUT, **changes}))]


# The contract's check, pure


@pytest.mark.parametrize(("code", "changes"), CONTRADICTORY.items())
def test_each_contradiction_is_found_alone_and_names_its_two_answers(code, changes):
    (contradiction,) = contradictions(validate_input({**VALID_INPUT, **changes}))
    assert contradiction.code == code
    assert set(contradiction.fields) == set(changes)


def test_a_consistent_input_has_no_contradiction():
    assert found() == []


@pytest.mark.parametrize(
    "changes",
    [
        {"violence_level": "none", "recent_fatalities": 0},
        {"violence_level": "none", "recent_fatalities": None},
        {"violence_level": "sporadic", "recent_fatalities": 999},
        {"violence_level": "spreading", "recent_fatalities": 5000},
        {"violence_level": "full_scale_war", "recent_fatalities": None},  # not known
        {"violence_level": "full_scale_war", "recent_fatalities": 1},
        # The sources' own cases: a war decision under a fragile agreement is the Rubicon,
        # full-scale war under one means the agreement failed (spec section 2).
        {"war_decision_imminent": True, "settlement_status": "fragile_agreement"},
        {"violence_level": "full_scale_war", "settlement_status": "fragile_agreement"},
        {"atrocity_risk": "remote", "main_perpetrator": "none"},
        {"atrocity_risk": "imminent", "main_perpetrator": "non_state"},
        {"displacement": "cross_border", "cross_border": True},
        {"displacement": "internal", "cross_border": False},
    ],
)
def test_answers_that_can_both_be_true_are_not_contradictions(changes):
    assert found(**changes) == []


def test_the_reviews_situation_shows_three_contradictions_in_the_forms_order():
    assert found(**EVERYTHING_WRONG) == [
        "deaths_without_violence",
        "war_decision_under_consolidation",
        "atrocities_without_perpetrator",
    ]


def test_the_fingerprint_names_the_codes_whatever_their_order():
    a = Contradiction("b_code", ("violence_level",), "")
    b = Contradiction("a_code", ("violence_level",), "")
    assert fingerprint([a, b]) == fingerprint([b, a]) == "a_code b_code"


@pytest.mark.parametrize(("code", "changes"), CONTRADICTORY.items())
def test_each_warning_is_translated_into_french(code, changes):
    (contradiction,) = contradictions(validate_input({**VALID_INPUT, **changes}))
    with translation.override("fr"):
        french = contradiction_text(contradiction)
    assert french != contradiction.message and french.strip()


# The form: warn, store nothing, save once confirmed


def post(client, confirm=False, seen=None, **changes):
    data = situation_form_data(**changes)
    if confirm:
        data["confirm_contradictions"] = "on"
    if seen is not None:
        data["contradictions_seen"] = seen
    return client.post(NEW, data)


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "changes"), CONTRADICTORY.items())
def test_each_contradiction_warns_before_saving_and_stores_nothing(signed_in, code, changes):
    response = post(signed_in, **changes)
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    html = response.content.decode()
    (contradiction,) = contradictions(validate_input({**VALID_INPUT, **changes}))
    page = Page(html)
    assert [a["id"] for a in page.having("role", "alert")] == ["form-warnings"]
    assert "Some answers contradict each other" in html and contradiction.message in html
    warning = html[html.index('id="form-warnings"') :].split("</ul>")[0]
    ids = page.ids()
    links = [a["href"][1:] for a in Page(warning).having("href")]
    assert len(links) == 2 and all(anchor in ids for anchor in links)
    assert page.having("name", "contradictions_seen") == [
        {"type": "hidden", "name": "contradictions_seen", "value": code}
    ]
    (box,) = page.having("name", "confirm_contradictions")
    assert "checked" not in box
    assert 'id="form-errors"' not in html


@pytest.mark.django_db
def test_the_warnings_keep_the_answers_and_mark_the_answers_involved(signed_in):
    html = post(signed_in, country="Testland", **EVERYTHING_WRONG).content.decode()
    assert 'value="Testland"' in html and 'value="5000"' in html
    assert 'value="consolidating" required id="id_settlement_status_3" checked' in html
    page = Page(html)
    for name in ("violence_level", "recent_fatalities", "settlement_status", "main_perpetrator"):
        (block,) = page.having("id", f"field-{name}")
        assert "has-warning" in block["class"]
        assert f"id_{name}_warning" in page.ids()
    (deaths,) = page.having("id", "id_recent_fatalities")
    assert deaths["aria-describedby"] == "id_recent_fatalities_warning"


@pytest.mark.django_db
def test_confirming_the_contradictions_shown_saves_them_as_they_are(signed_in):
    seen = fingerprint(contradictions(validate_input({**VALID_INPUT, **EVERYTHING_WRONG})))
    response = post(signed_in, confirm=True, seen=seen, **EVERYTHING_WRONG)
    assert response.status_code == 302
    stored = Assessment.objects.get().input
    assert stored["recent_fatalities"] == 5000 and stored["main_perpetrator"] == "none"
    assert "confirm_contradictions" not in stored and "contradictions_seen" not in stored


@pytest.mark.django_db
def test_a_confirmation_without_the_warnings_seen_does_not_save(signed_in):
    assert post(signed_in, confirm=True, **EVERYTHING_WRONG).status_code == 200
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_the_box_left_unticked_shows_the_warnings_again_with_a_hint(signed_in):
    changes = CONTRADICTORY["war_without_deaths"]
    response = post(signed_in, seen="war_without_deaths", **changes)
    assert response.status_code == 200 and not Assessment.objects.exists()
    assert "Tick this box to save the answers as they are, or change them." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_a_changed_contradiction_needs_a_new_confirmation(signed_in):
    # Confirmed for the deaths, but the answers now also contradict each other otherwise.
    changes = {
        **CONTRADICTORY["deaths_without_violence"],
        **CONTRADICTORY["war_decision_under_consolidation"],
    }
    response = post(signed_in, confirm=True, seen="deaths_without_violence", **changes)
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    html = response.content.decode()
    assert "Your changes make the answers contradict each other in another way" in html
    page = Page(html)
    (seen,) = page.having("name", "contradictions_seen")
    assert seen["value"] == "deaths_without_violence war_decision_under_consolidation"
    (box,) = page.having("name", "confirm_contradictions")
    assert "checked" not in box
    # Confirmed again, for what is now shown: saved.
    assert post(signed_in, confirm=True, seen=seen["value"], **changes).status_code == 302
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_a_contradiction_corrected_saves_without_a_confirmation(signed_in):
    response = post(signed_in, seen="deaths_without_violence", violence_level="sporadic")
    assert response.status_code == 302
    assert Assessment.objects.get().input["violence_level"] == "sporadic"


@pytest.mark.django_db
def test_field_errors_come_before_contradictions(signed_in):
    data = situation_form_data(**EVERYTHING_WRONG)
    del data["region"]
    html = signed_in.post(NEW, data).content.decode()
    assert 'id="form-errors"' in html and 'id="form-warnings"' not in html
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_the_api_stores_contradictory_answers_as_they_come(analyst):
    response = analyst.client.post(
        "/api/v1/assessments/", {**VALID_INPUT, **EVERYTHING_WRONG}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["input"]["recent_fatalities"] == 5000
    assert "contradictions" not in response.json()

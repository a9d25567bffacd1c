"""Answers that contradict each other, as the contract finds them."""

import pytest
from django.utils import translation

from contract.consistency import Contradiction, contradictions, fingerprint
from contract.fields import validate_input
from core.labels import contradiction_text
from tests.inputs import VALID_INPUT

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

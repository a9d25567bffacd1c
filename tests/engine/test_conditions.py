"""The condition language: validation names what is wrong; explanations name the facts."""

import pytest
from json_logic import jsonLogic

from recommendations.engine.conditions import (
    ConditionError,
    compile_condition,
    explain,
    validate,
)
from recommendations.engine.facts import fact_catalogue
from tests.engine.baselines import LATENT, RISING
from tests.engine.reference import catalogue_slugs, reference_rules_data

FACTS = fact_catalogue(catalogue_slugs())


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"==": [{"var": "violense_level"}, "none"]}, "==[0]: unknown field 'violense_level'"),
        ({"xor": [True, True]}, "unknown operator 'xor'"),
        (
            {"==": [{"var": "violence_level"}, "apocalyptic"]},
            "==[1]: 'apocalyptic' is not a value of 'violence_level'",
        ),
        ({"in": ["boredom", {"var": "grievances"}]}, "'boredom' is not a value of 'grievances'"),
        ({"in": [{"var": "region"}, []]}, "takes a list of values"),
        ({"in": ["x", {"var": "region"}]}, "'region' is not a list"),
        ({"==": [{"var": "cross_border"}, "yes"]}, "'cross_border' is true or false"),
        ({"var": "region"}, "'region' is not true/false"),
        ({">=": [{"var": "region"}, 3]}, "'region' is not a number"),
        ({">=": [{"var": "role_count"}, "six"]}, "expected a number"),
        ({"and": []}, '"and" takes a non-empty list'),
        ({"==": [{"var": "phase"}]}, '"==" takes a list of two operands'),
        ({"and": [True], "or": [True]}, "one operator"),
        ("latent", "one operator"),
        ({"and": [True, {"!": {"==": [{"var": "phase"}, "war"]}}]}, "and[1].!.==[1]"),
    ],
)
def test_a_bad_condition_is_refused_with_a_message_naming_it(condition, message):
    with pytest.raises(ConditionError) as raised:
        validate(condition, FACTS)
    assert message in str(raised.value)


def test_validation_returns_the_facts_a_condition_reads():
    condition = {"and": [{"var": "cross_border"}, {"in": ["resources", {"var": "grievances"}]}]}
    assert validate(condition, FACTS) == {"cross_border", "grievances"}


def test_every_reference_condition_is_valid():
    for rule in reference_rules_data():
        validate(rule["condition"], FACTS)


@pytest.mark.parametrize("facts", [LATENT, RISING, {**RISING, "grievances": ["resources"]}])
def test_compiled_conditions_agree_with_a_published_jsonlogic_interpreter(facts):
    derived = {
        **facts,
        "phase": "rising" if facts is not LATENT else "latent",
        "track": None,
        "roles": ["early_warning"],
        "role_count": 6,
        "mission_models": ["training_support"],
        "lead_organizations": ["un"],
        "council_tools": [],
    }
    for rule in reference_rules_data():
        condition = rule["condition"]
        assert compile_condition(condition)(derived) == bool(jsonLogic(condition, derived)), rule[
            "slug"
        ]


def test_an_explanation_gives_only_what_made_the_condition_hold():
    condition = {
        "and": [
            {"==": [{"var": "phase"}, "rising"]},
            {"or": [{"var": "cross_border"}, {"in": ["resources", {"var": "grievances"}]}]},
            {"!": {"==": [{"var": "host_consent"}, "none"]}},
            {">=": [{"var": "role_count"}, 6]},
        ]
    }
    facts = {
        "phase": "rising",
        "cross_border": False,
        "grievances": ["resources"],
        "host_consent": "partial",
        "role_count": 7,
    }
    reasons, used = explain(condition, facts)
    assert reasons == [
        "phase = rising",
        "grievances include resources",
        "host_consent = partial",
        "role_count = 7 (≥ 6)",
    ]
    assert "cross_border" not in used

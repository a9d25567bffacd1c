"""Compiling a ruleset: every rule checked against the contract and the catalogue."""

import pytest

from recommendations.engine import Rule, RuleError, compile_ruleset, evaluate
from tests.engine.baselines import RISING
from tests.engine.reference import catalogue_slugs, reference_rules_data, reference_ruleset

CITE = ({"source": "gowan-2011", "locator": "At the Rubicon"},)
FALLBACK = Rule("phase.latent", "phase", "latent", True, citations=CITE)


def compile_with(*rules):
    return compile_ruleset([FALLBACK, *rules], catalogue_slugs())


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        (Rule("x", "mood", "latent", True, citations=CITE), "kind", "unknown kind 'mood'"),
        (Rule("x", "role", "juggling", True, citations=CITE), "target", "unknown role 'juggling'"),
        (Rule("x", "phase", "post_rubicon", True, citations=CITE), "track", "post_rubicon"),
        (Rule("x", "role", "early_warning", True, citations=CITE, track="war"), "track", "only"),
        (Rule("x", "caveat", "morning_after", True), "citations", "at least one citation"),
        (
            Rule(
                "x",
                "mission_model",
                "special_envoy",
                {"in": ["early_warning", {"var": "roles"}]},
                citations=CITE,
            ),
            "condition",
            "reads roles, not yet known when mission_model rules run",
        ),
        (
            Rule("x", "phase", "latent", {"==": [{"var": "phase"}, "latent"]}, citations=CITE),
            "condition",
            "reads phase, not yet known when phase rules run",
        ),
        (
            Rule("x", "role", "early_warning", {"==": [{"var": "mood"}, "x"]}, citations=CITE),
            "condition",
            "unknown field 'mood'",
        ),
    ],
)
def test_a_bad_rule_is_refused_naming_the_field(rule, field, message):
    with pytest.raises(RuleError) as raised:
        compile_with(rule)
    assert raised.value.field == field
    assert message in raised.value.message


def test_two_rules_may_not_share_a_slug():
    with pytest.raises(RuleError, match="two rules have this slug"):
        compile_with(Rule("phase.latent", "caveat", "morning_after", True, citations=CITE))


def test_a_ruleset_needs_a_fallback_phase():
    with pytest.raises(RuleError, match="no fallback phase rule"):
        compile_ruleset([], catalogue_slugs())


def test_a_caveat_may_read_what_earlier_stages_decided():
    overload = Rule(
        "caveat.busy",
        "caveat",
        "mandate_overload",
        {">=": [{"var": "role_count"}, 1]},
        citations=CITE,
    )
    warning = Rule("role.ew", "role", "early_warning", True, citations=CITE)
    result = evaluate(compile_with(warning, overload), RISING)
    assert result.slugs("caveat") == ["mandate_overload"]


def test_a_follow_up_rule_sees_its_stage_and_takes_its_place_by_priority():
    support = Rule(
        "role.support",
        "role",
        "lead_mediator_support",
        {"in": ["direct_mediation", {"var": "roles"}]},
        priority=1,
        citations=CITE,
    )
    mediation = Rule("role.mediate", "role", "direct_mediation", True, priority=5, citations=CITE)
    warning = Rule("role.ew", "role", "early_warning", True, priority=9, citations=CITE)
    result = evaluate(compile_with(warning, support, mediation), RISING)
    assert result.slugs("role") == ["lead_mediator_support", "direct_mediation", "early_warning"]
    assert [e.rule for e in result.trace][-1] == "role.support"


def test_a_follow_up_rule_does_not_see_what_other_follow_ups_add():
    first = Rule(
        "role.a",
        "role",
        "lead_mediator_support",
        {"in": ["direct_mediation", {"var": "roles"}]},
        citations=CITE,
    )
    second = Rule(
        "role.b",
        "role",
        "early_warning",
        {"in": ["lead_mediator_support", {"var": "roles"}]},
        citations=CITE,
    )
    mediation = Rule("role.mediate", "role", "direct_mediation", True, citations=CITE)
    result = evaluate(compile_with(first, second, mediation), RISING)
    assert result.slugs("role") == ["lead_mediator_support", "direct_mediation"]


def test_a_role_may_follow_from_a_mission_model():
    envoy = Rule("model.envoy", "mission_model", "special_envoy", True, citations=CITE)
    support = Rule(
        "role.support",
        "role",
        "lead_mediator_support",
        {"in": ["special_envoy", {"var": "mission_models"}]},
        citations=CITE,
    )
    result = evaluate(compile_with(support, envoy), RISING)
    assert result.slugs("role") == ["lead_mediator_support"]


def test_priority_orders_the_recommendations():
    first = Rule("b", "role", "early_warning", True, priority=1, citations=CITE)
    second = Rule("a", "role", "direct_mediation", True, priority=2, citations=CITE)
    result = evaluate(compile_with(second, first), RISING)
    assert result.slugs("role") == ["early_warning", "direct_mediation"]


def test_the_reference_ruleset_has_one_cited_rule_per_spec_row_at_least():
    rules = reference_rules_data()
    assert all(rule["citations"] for rule in rules)
    assert reference_ruleset().size == len(rules)
    assert len({rule["slug"] for rule in rules}) == len(rules)


def test_the_result_is_frozen():
    result = evaluate(reference_ruleset(), RISING)
    with pytest.raises(AttributeError):
        result.phase = "latent"
    with pytest.raises(TypeError):
        result.trace[0].facts["x"] = 1

"""Properties that hold for every valid input, checked on random ones."""

from hypothesis import given, settings

from recommendations.engine import evaluate, validate_input
from tests import spec
from tests.engine.reference import reference_ruleset
from tests.engine.strategies import valid_inputs

LISTS = ("roles", "mission_models", "lead_organizations", "council_tools", "caveats")


@settings(max_examples=400)
@given(valid_inputs)
def test_the_engine_gives_exactly_what_the_spec_tables_say(facts):
    result = evaluate(reference_ruleset(), validate_input(facts))
    expected = spec.expected(facts)
    assert (result.phase, result.track) == (expected["phase"], expected["track"])
    for key in LISTS:
        assert [item.slug for item in getattr(result, key)] == expected[key], key


@given(valid_inputs)
def test_evaluation_is_deterministic(facts):
    assert evaluate(reference_ruleset(), facts) == evaluate(reference_ruleset(), dict(facts))


@given(valid_inputs)
def test_no_list_holds_a_slug_twice(facts):
    result = evaluate(reference_ruleset(), facts)
    for key in LISTS:
        slugs = [item.slug for item in getattr(result, key)]
        assert len(slugs) == len(set(slugs))


@given(valid_inputs)
def test_every_item_is_cited_and_its_rules_are_in_the_trace(facts):
    result = evaluate(reference_ruleset(), facts)
    traced = {entry.rule for entry in result.trace}
    assert result.trace[0].kind == "phase"
    for key in LISTS:
        for item in getattr(result, key):
            assert item.citations
            assert item.rules and set(item.rules) <= traced
            assert all(c["source"] and c["locator"] for c in item.citations)


@given(valid_inputs)
def test_preventive_deployment_needs_full_consent_and_no_state_perpetrator(facts):
    result = evaluate(reference_ruleset(), facts)
    if facts["host_consent"] != "full" or facts["main_perpetrator"] in ("state", "both"):
        assert "preventive_deployment" not in result.slugs("mission_model")


@given(valid_inputs)
def test_the_track_is_set_exactly_past_the_rubicon(facts):
    result = evaluate(reference_ruleset(), facts)
    assert (result.track is not None) == (result.phase == "post_rubicon")

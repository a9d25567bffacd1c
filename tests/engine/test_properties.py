"""Properties that hold for every valid input, checked on random ones."""

from hypothesis import given, settings

from recommendations.engine import evaluate, validate_input
from tests import spec, spec_v1
from tests.engine.reference import reference_ruleset
from tests.engine.strategies import valid_inputs

LISTS = (
    "roles",
    "mission_models",
    "lead_organizations",
    "partner_organizations",
    "council_tools",
    "caveats",
)


@settings(max_examples=400)
@given(valid_inputs)
def test_the_engine_gives_exactly_what_the_spec_tables_say(facts):
    result = evaluate(reference_ruleset(), validate_input(facts))
    expected = spec.expected(facts)
    assert (result.phase, result.track) == (expected["phase"], expected["track"])
    for key in LISTS:
        assert [item.slug for item in getattr(result, key)] == expected[key], key


@settings(max_examples=150)
@given(valid_inputs)
def test_the_v1_ruleset_still_gives_what_the_v1_tables_say(facts):
    result = evaluate(reference_ruleset(1), validate_input(facts))
    expected = spec_v1.expected(facts)
    assert (result.phase, result.track) == (expected["phase"], expected["track"])
    for key in LISTS:
        assert [item.slug for item in getattr(result, key)] == expected.get(key, []), key


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
def test_preventive_deployment_needs_consent_and_no_war(facts):
    result = evaluate(reference_ruleset(), facts)
    no_ground_presence = facts["international_presence"] not in (
        "in_country_mission",
        "peacekeeping",
    )
    if (
        facts["host_consent"] == "none"
        or (facts["host_consent"] == "partial" and no_ground_presence)
        or facts["violence_level"] == "full_scale_war"
    ):
        assert "preventive_deployment" not in result.slugs("mission_model")


@given(valid_inputs)
def test_no_protective_presence_against_a_state_perpetrator_or_where_staff_cannot_work(facts):
    result = evaluate(reference_ruleset(), facts)
    if facts["main_perpetrator"] == "state" or facts["staff_security"] == "non_permissive":
        assert "protective_presence" not in result.slugs("role")


@given(valid_inputs)
def test_no_sanctions_beside_a_divided_council(facts):
    result = evaluate(reference_ruleset(), facts)
    if facts["security_council"] == "divided":
        assert "targeted_sanctions" not in result.slugs("council_tool")
        assert "commission_of_inquiry" not in result.slugs("council_tool")


@given(valid_inputs)
def test_a_regional_body_leads_only_when_the_region_is_united(facts):
    result = evaluate(reference_ruleset(), facts)
    leads = result.slugs("organization")
    assert leads[-1] == "un"
    if facts["regional_consensus"] != "united":
        assert set(leads) <= {"un", "osce_hcnm"}
    assert not set(leads) & set(result.slugs("partner_organization"))


@given(valid_inputs)
def test_the_track_is_set_exactly_past_the_rubicon(facts):
    result = evaluate(reference_ruleset(), validate_input(facts))
    assert (result.track is not None) == (result.phase == "post_rubicon")


@given(valid_inputs)
def test_what_is_ruled_out_is_exactly_the_contracts_table_and_never_recommended(facts):
    result = evaluate(reference_ruleset(), validate_input(facts))
    out = {(kind, item.slug) for kind, item in result.ruled_out}
    assert out == spec.ruled_out(facts)
    recommended = {
        (kind, slug)
        for kind, key in [
            ("role", "roles"),
            ("mission_model", "mission_models"),
            ("organization", "lead_organizations"),
            ("council_tool", "council_tools"),
        ]
        for slug in (item.slug for item in getattr(result, key))
    }
    assert not out & recommended
    assert all(item.rationale and item.citations for _, item in result.ruled_out)


@settings(max_examples=300)
@given(valid_inputs)
def test_key_actions_follow_the_situation_within_their_limits(facts):
    result = evaluate(reference_ruleset(), validate_input(facts))
    keys = result.key_actions
    lists = {"role": "roles", "mission_model": "mission_models", "council_tool": "council_tools"}
    assert len(keys) <= 5 and len(result.key_caveat_slugs) <= 3
    assert len(set(keys)) == len(keys)
    for kind, slug in keys:
        assert slug in result.slugs(kind), (kind, slug, lists[kind])
    assert set(result.key_caveat_slugs) <= set(result.slugs("caveat"))
    roles, models = result.slugs("role"), result.slugs("mission_model")
    if facts["atrocity_risk"] in ("imminent", "ongoing") and "perpetrator_dissuasion" in roles:
        assert keys[0] == ("role", "perpetrator_dissuasion")
    if "protective_presence" in roles:
        assert ("role", "protective_presence") in keys
    if result.phase == "rubicon":
        assert ("role", "lead_mediator_support") in keys
        assert ("mission_model", "special_envoy") in keys
    if result.track == "war":
        assert ("role", "violence_mitigation") in keys and ("role", "channel_keeping") in keys
    if "regional_office_good_offices" in roles:
        assert ("role", "regional_office_good_offices") in keys
    assert models is not None

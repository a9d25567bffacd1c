"""What would change an assessment (signposts) and what holds whatever its uncertain answers
are (robustness): contract section 8.1, checked against the phase table read independently."""

from hypothesis import given, settings

from contract.fields import validate_input
from recommendations.engine import evaluate
from recommendations.engine.decision import (
    ESCALATION,
    changed_answers,
    robustness,
    signposts,
)
from recommendations.engine.facts import OUTPUT_LISTS
from recommendations.engine.outline import decisions_changed, outline
from tests import spec
from tests.engine.baselines import ATROCITY, LATENT, RISING, RUBICON, WAR
from tests.engine.reference import reference_ruleset
from tests.engine.strategies import valid_inputs


def decided(facts: dict):
    clean = validate_input({**facts, "country": "Testland"})
    facts = {k: v for k, v in clean.items() if k not in ("country", "notes", "uncertain")}
    result = evaluate(reference_ruleset(), facts)
    return facts, result


@settings(max_examples=60, deadline=None)
@given(valid_inputs)
def test_the_signposts_that_move_the_phase_are_exactly_the_single_changes_that_do(data):
    facts, result = decided(data)
    here = spec.phase_of(facts)
    expected = {
        (name, str(value), change)
        for name, value, change, changed in changed_answers(facts)
        if spec.phase_of(changed) != here
    }
    found = signposts(reference_ruleset(), facts, result)
    moving = [s for s in found if s.moves_phase]
    assert {(s.field, str(s.value), s.change) for s in moving} == expected
    # phase changes first, escalations before de-escalations
    order = [(not s.moves_phase, not s.escalates) for s in found]
    assert order == sorted(order)
    for s in moving:
        assert s.escalates == (ESCALATION[s.phase_to] > ESCALATION[s.phase_from])


@settings(max_examples=60, deadline=None)
@given(valid_inputs)
def test_a_signpost_that_keeps_the_phase_changes_the_key_actions(data):
    facts, result = decided(data)
    for signpost in signposts(reference_ruleset(), facts, result):
        if not signpost.moves_phase:
            assert signpost.adds or signpost.removes


def test_a_war_decision_in_a_rising_crisis_is_the_escalation_to_watch():
    facts, result = decided({**RISING})
    found = signposts(reference_ruleset(), facts, result)
    war = next(s for s in found if s.field == "war_decision_imminent")
    assert war.value is True and war.phase_to == ("rubicon", None) and war.escalates
    assert ("role", "lead_mediator_support") in war.adds
    assert ("role", "direct_mediation") in war.removes
    assert (found[0].escalates and found[-1].moves_phase is False) or not found[-1].escalates


def test_grievances_are_signposts_one_at_a_time():
    facts, _ = decided({**LATENT, "grievances": ["governance"]})
    changes = {(n, v, c) for n, v, c, _ in changed_answers(facts) if n == "grievances"}
    assert ("grievances", "governance", "remove") in changes
    assert ("grievances", "resources", "add") in changes
    assert len(changes) == 9


def test_without_uncertain_answers_one_reading_and_everything_robust():
    facts, result = decided({**RUBICON})
    found = robustness(reference_ruleset(), facts, result)
    assert found.combinations == 1
    assert found.phases == ((("rubicon", None), 1),)
    assert {("roles", i.slug) for i in result.roles} <= found.robust


def test_an_uncertain_council_counts_its_readings_and_marks_what_depends_on_it():
    facts, result = decided({**RISING, **ATROCITY, "main_perpetrator": "state"})
    found = robustness(reference_ruleset(), facts, result, ("security_council",))
    assert found.combinations == 3
    assert found.phases == ((("rising", None), 3),)
    assert ("roles", "perpetrator_dissuasion") in found.robust  # whatever the Council
    assert ("council_tools", "hrc_inquiry") not in found.robust  # only a divided Council


def test_five_uncertain_answers_read_every_combination():
    facts, result = decided({**WAR})
    uncertain = ("war_decision_imminent", "violence_level", "settlement_status", "cross_border")
    found = robustness(reference_ruleset(), facts, result, uncertain)
    assert found.combinations == 2 * 5 * 4 * 2
    assert sum(count for _, count in found.phases) == found.combinations
    phases = dict(found.phases)
    assert phases[("post_rubicon", "war")] == 2 * 1 * 4 * 2  # full-scale war, any answer
    for key, slug in found.robust:
        assert key in OUTPUT_LISTS and slug


@settings(max_examples=300, deadline=None)
@given(valid_inputs)
def test_the_outline_decides_exactly_what_the_evaluation_does(data):
    facts, _ = decided(data)
    for contract in (1, 2):  # v1 has no ruled-out or key rules; v2 has both, and follow-ups
        ruleset = reference_ruleset(contract)
        result = evaluate(ruleset, facts)
        fast = outline(ruleset, facts)
        assert (fast.phase, fast.track) == (result.phase, result.track)
        assert fast.key_actions == result.key_actions
        for key in OUTPUT_LISTS:
            assert fast.lists[key] == tuple(item.slug for item in getattr(result, key)), key


@settings(max_examples=150, deadline=None)
@given(valid_inputs)
def test_a_changed_answer_re_decided_in_part_decides_what_the_whole_outline_does(data):
    facts, _ = decided(data)
    changes = list(changed_answers(facts))
    for contract in (1, 2):
        ruleset = reference_ruleset(contract)
        fast = decisions_changed(ruleset, facts, ((n, c[n]) for n, _, _, c in changes))
        for (name, value, _, changed), decision in zip(changes, fast, strict=True):
            whole = outline(ruleset, changed)
            assert decision == (whole.phase, whole.track, whole.key_actions), (name, value)

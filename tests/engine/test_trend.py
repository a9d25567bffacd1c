"""The trend between two assessments (recommendations/engine/trend.py): its rule in order,
at each boundary, with the reference ruleset deciding the phases."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract.fields import facts_of, validate_input
from recommendations.engine import evaluate
from recommendations.engine.decision import ESCALATION
from recommendations.engine.trend import (
    DETERIORATED,
    IMPROVED,
    PHASE,
    UNCHANGED,
    WATCHED,
    trend_between,
)
from tests.engine.baselines import BASE, LATENT, RISING, RUBICON, SETTLEMENT, WAR
from tests.engine.reference import reference_ruleset
from tests.engine.strategies import valid_inputs


def assessed(data: dict) -> tuple[dict, tuple, list]:
    facts = facts_of(validate_input(data))
    result = evaluate(reference_ruleset(), facts)
    return facts, (result.phase, result.track), list(result.key_actions)


def trend(before: dict, after: dict, before_keys=True):
    b_facts, b_phase, b_keys = assessed(before)
    a_facts, a_phase, a_keys = assessed(after)
    return trend_between(
        b_facts, b_phase, b_keys if before_keys else None, a_facts, a_phase, a_keys
    )


def fields(drivers) -> list[str]:
    return [d.field for d in drivers]


@pytest.mark.parametrize(
    ("before", "after"),
    [(LATENT, RISING), (RISING, RUBICON), (RUBICON, WAR), (LATENT, WAR), (SETTLEMENT, WAR)],
)
def test_a_move_up_the_curve_is_a_deterioration_led_by_the_phase(before, after):
    found = trend(before, after)
    assert found.direction == DETERIORATED
    assert found.drivers[0].field == PHASE and found.drivers[0].worse
    assert found.escalated  # a conflict risk alert


@pytest.mark.parametrize(
    ("before", "after"),
    [(RISING, LATENT), (RUBICON, RISING), (WAR, SETTLEMENT), (RISING, SETTLEMENT)],
)
def test_a_move_down_the_curve_or_into_a_settlement_is_an_improvement(before, after):
    found = trend(before, after)
    assert found.direction == IMPROVED
    assert found.drivers[0].field == PHASE and not found.drivers[0].worse
    assert not found.escalated


def test_the_phase_decides_over_an_answer_that_moved_the_other_way():
    # the war is over (settlement) although the risk of atrocities grew
    after = {**SETTLEMENT, "atrocity_risk": "remote"}
    found = trend(WAR, after)
    assert found.direction == IMPROVED
    assert fields(found.against) == ["atrocity_risk"]
    assert PHASE in fields(found.drivers)


def test_in_the_same_phase_the_gravest_watched_answer_decides():
    before = {**RISING, "political_dialogue": "strained"}
    # dialogue better, atrocity risk worse: atrocities are graver
    after = {**RISING, "political_dialogue": "functioning", "atrocity_risk": "remote"}
    found = trend(before, after)
    assert found.direction == DETERIORATED
    assert fields(found.drivers) == ["atrocity_risk"]
    assert fields(found.against) == ["political_dialogue"]
    assert not found.escalated  # no phase move: no alert


@pytest.mark.parametrize(("name", "order"), WATCHED)
def test_each_watched_answer_one_step_each_way(name, order):
    """Every adjacent pair of values of every watched answer, where the phase stays."""
    for worse_i in range(1, len(order)):
        before = {**BASE, name: order[worse_i - 1]}
        after = {**BASE, name: order[worse_i]}
        up, down = trend(before, after), trend(after, before)
        b_phase, a_phase = assessed(before)[1], assessed(after)[1]
        if ESCALATION[a_phase] == ESCALATION[b_phase]:
            assert (up.direction, down.direction) == (DETERIORATED, IMPROVED), (
                name,
                order[worse_i],
            )
            assert fields(up.drivers) == [name] == fields(down.drivers)
        else:
            assert up.drivers[0].field == PHASE


def test_other_answers_alone_leave_it_unchanged():
    found = trend(RISING, {**RISING, "host_capacity": "weak"})
    assert found.direction == UNCHANGED
    assert found.drivers == () and not found.same_answers


def test_the_same_answers_are_never_a_trend_even_when_the_rules_moved_the_phase():
    facts, phase, keys = assessed(RISING)
    found = trend_between(facts, ("latent", None), [], facts, phase, keys)
    assert found.direction == UNCHANGED and found.same_answers and found.drivers == ()
    assert (found.adds, found.removes) == (tuple(keys), ())


def test_it_says_which_key_actions_came_and_went_or_that_it_cannot_say():
    found = trend(RISING, RUBICON)
    _, _, before = assessed(RISING)
    _, _, after = assessed(RUBICON)
    assert set(found.adds) == set(after) - set(before)
    assert set(found.removes) == set(before) - set(after)
    unknown = trend(RISING, RUBICON, before_keys=False)
    assert unknown.adds is None and unknown.removes is None


@settings(max_examples=150, deadline=None)
@given(valid_inputs, valid_inputs)
def test_reversing_two_assessments_reverses_the_trend(first, second):
    there, back = trend(first, second), trend(second, first)
    opposite = {DETERIORATED: IMPROVED, IMPROVED: DETERIORATED, UNCHANGED: UNCHANGED}
    assert back.direction == opposite[there.direction]
    assert fields(back.drivers) == fields(there.drivers)


@settings(max_examples=100, deadline=None)
@given(valid_inputs, st.sampled_from(WATCHED))
def test_drivers_point_the_trends_way_and_against_the_other(data, watched):
    name, order = watched
    changed = {**data, name: order[-1] if data[name] != order[-1] else order[0]}
    found = trend(data, changed)
    worse = found.direction == DETERIORATED
    assert all(d.worse == worse for d in found.drivers)
    assert all(d.worse != worse for d in found.against)
    if found.direction != UNCHANGED:
        assert found.drivers

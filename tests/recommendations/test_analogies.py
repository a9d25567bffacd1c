import pytest

from cases.models import CaseSnapshot
from recommendations.assessments.analogies import (
    WEIGHTS,
    analogous_cases,
    fact_similarity,
    similarity,
)
from recommendations.assessments.services import facts_of
from tests.engine.baselines import RISING, WAR

pytestmark = pytest.mark.django_db


def with_phase(facts, phase):
    return {**facts_of({**facts, "country": "x"}), "phase": phase}


def test_identical_facts_are_fully_similar_and_share_everything():
    facts = with_phase(RISING, "rising/")
    score, shared = similarity(facts, facts)
    assert score == 1.0
    assert set(shared) == set(WEIGHTS)


def test_ordered_scales_count_distance():
    assert fact_similarity("violence_level", "none", "full_scale_war") == 0.0
    assert fact_similarity("violence_level", "spreading", "intensifying") == 0.75
    assert fact_similarity("grievances", ["a", "b"], ["b"]) == 0.5
    assert fact_similarity("grievances", [], []) == 1.0
    assert fact_similarity("region", "europe", "oceania") == 0.0


def test_similarity_stays_within_zero_and_one():
    score, _ = similarity(with_phase(RISING, "rising/"), with_phase(WAR, "post_rubicon/war"))
    assert 0 <= score < 1


def test_a_snapshots_own_facts_find_its_case_first():
    for snapshot in CaseSnapshot.objects.select_related("case", "phase")[:10]:
        facts = facts_of(snapshot.input)
        found = analogous_cases(facts, snapshot.phase.slug, snapshot.track or None)
        assert found[0].similarity == 1.0
        assert snapshot.case.slug in [a.slug for a in found if a.similarity == 1.0]
        assert len(found) == 5
        assert len({a.slug for a in found}) == 5


def test_the_fast_comparison_gives_exactly_what_the_plain_one_does():
    import random

    from recommendations.assessments.analogies import encode, library, similarity_encoded
    from tests.inputs import random_input

    shelf, rng = library(), random.Random(7)
    for _ in range(300):
        facts = facts_of(random_input(rng))
        mine = encode({**facts, "phase": rng.choice(["latent/", "rising/", "rubicon/"])})
        plain = [similarity_encoded(mine, theirs)[0] for *_, theirs in shelf.snapshots]
        assert shelf.scores(mine) == plain

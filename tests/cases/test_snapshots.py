"""Each case snapshot is a valid v1 input, in the phase the sources give it."""

import pytest

from cases.models import CaseSnapshot
from contract.fields import validate_input
from tests import spec

pytestmark = pytest.mark.django_db


def test_every_snapshot_input_is_a_valid_v1_input():
    for snapshot in CaseSnapshot.objects.all():
        assert validate_input(snapshot.input) == snapshot.input, snapshot


def test_every_snapshot_input_yields_the_phase_the_sources_give():
    wrong = {
        str(s): (spec.phase_of(s.input), (s.phase.slug, s.track or None))
        for s in CaseSnapshot.objects.select_related("case", "phase")
        if spec.phase_of(s.input) != (s.phase.slug, s.track or None)
    }
    assert wrong == {}


def test_the_library_covers_every_phase_and_both_tracks():
    seen = {(s.phase.slug, s.track) for s in CaseSnapshot.objects.select_related("phase")}
    assert {"latent", "rising", "rubicon"} <= {phase for phase, _ in seen}
    assert {("post_rubicon", "war"), ("post_rubicon", "settlement")} <= seen

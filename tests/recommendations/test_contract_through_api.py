"""The spec's tables hold exactly through POST /api/v1/assessments/, on every case snapshot."""

import pytest

from accounts.levels import ANALYST
from cases.models import CaseSnapshot
from tests import spec
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
LISTS = ("roles", "mission_models", "lead_organizations", "council_tools", "caveats")


def test_every_snapshot_posted_gets_exactly_what_the_spec_says(client):
    client.force_login(UserFactory(level=ANALYST, team=TeamFactory()))
    snapshots = list(CaseSnapshot.objects.all())
    assert len(snapshots) > 40
    for snapshot in snapshots:
        response = client.post(
            "/api/v1/assessments/", snapshot.input, content_type="application/json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        expected = spec.expected(snapshot.input)
        assert (body["phase"]["slug"], body["phase"]["track"]) == (
            expected["phase"],
            expected["track"],
        )
        for key in LISTS:
            assert [item["slug"] for item in body[key]] == expected[key], (snapshot, key)

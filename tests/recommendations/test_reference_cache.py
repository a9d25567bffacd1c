"""The per-process reference caches follow changes to the reference data."""

import pytest

from core.reference_cache import cached, current_version
from missions.models import Role
from recommendations.assessments.selectors import catalogue_labels

# Writes commit for real: inside a transaction the caches are bypassed (what it reads may yet
# be rolled back), so these tests run outside one, on committed reference data.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_reference_data"),
]


def test_a_value_is_built_once_until_reference_data_changes():
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert cached("test-value", build) == 1
    assert cached("test-value", build) == 1
    role = Role.objects.get(slug="early_warning")
    role.name = "Warning early"
    role.save()
    assert cached("test-value", build) == 2


def test_renamed_catalogue_items_show_at_once():
    assert catalogue_labels()["roles"]["early_warning"]["name"] != "Sounding the alarm"
    role = Role.objects.get(slug="early_warning")
    role.name = "Sounding the alarm"
    role.save()
    version = current_version()
    assert catalogue_labels()["roles"]["early_warning"]["name"] == "Sounding the alarm"
    assert current_version() == version

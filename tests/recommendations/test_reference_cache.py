"""The per-process reference caches follow changes to the reference data."""

import pytest

from core.reference_cache import cached, current_version
from missions.models import Role
from recommendations.assessments.selectors import catalogue_labels

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reference_data(django_db_blocker):
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)


def test_a_value_is_built_once_until_reference_data_changes(reference_data):
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


def test_renamed_catalogue_items_show_at_once(reference_data):
    assert catalogue_labels()["roles"]["early_warning"]["name"] != "Sounding the alarm"
    role = Role.objects.get(slug="early_warning")
    role.name = "Sounding the alarm"
    role.save()
    version = current_version()
    assert catalogue_labels()["roles"]["early_warning"]["name"] == "Sounding the alarm"
    assert current_version() == version

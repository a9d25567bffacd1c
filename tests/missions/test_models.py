import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions.models import Mission, Organization, Role

pytestmark = pytest.mark.django_db


def test_catalogue_items_read_as_their_names():
    assert (
        str(Role.objects.get(slug="direct_mediation"))
        == Role.objects.get(slug="direct_mediation").name
    )
    assert str(Organization.objects.get(slug="ecowas")) == "ECOWAS"


def test_an_organization_may_only_lead_in_known_regions():
    org = Organization(
        slug="x", name="X", kind="regional", lead_regions=["atlantis"], description="d"
    )
    with pytest.raises(ValidationError, match="atlantis"):
        org.full_clean()


def test_the_database_refuses_an_unknown_organization_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(slug="x", name="X", kind="club", description="d")


def test_a_mission_needs_ordered_years_and_a_known_basing():
    mission = Mission.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(end_year=mission.start_year - 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(basing="offshore")


def test_an_organization_with_missions_cannot_be_deleted():
    org = Mission.objects.first().organization
    with pytest.raises(IntegrityError), transaction.atomic():
        org.delete()

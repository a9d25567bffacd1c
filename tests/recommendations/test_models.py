import pytest
from django.db import IntegrityError, transaction

from recommendations.models import Assessment, Situation
from tests.factories import AssessmentFactory, SituationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_team_tracks_a_country_once_whatever_its_case():
    team = TeamFactory()
    SituationFactory(team=team, country="Guinea")
    with pytest.raises(IntegrityError), transaction.atomic():
        SituationFactory(team=team, country="GUINEA")
    assert str(SituationFactory(team=TeamFactory(), country="Guinea")) == "Guinea"


def test_a_user_sees_only_the_situations_and_assessments_of_their_teams():
    mine, theirs = TeamFactory(), TeamFactory()
    analyst = UserFactory(team=mine)
    kept = AssessmentFactory(situation=SituationFactory(team=mine))
    AssessmentFactory(situation=SituationFactory(team=theirs))

    assert list(Situation.objects.visible_to(analyst)) == [kept.situation]
    assert list(Assessment.objects.visible_to(analyst)) == [kept]


def test_the_anonymous_see_no_situation():
    from django.contrib.auth.models import AnonymousUser

    SituationFactory()
    assert not Situation.objects.visible_to(AnonymousUser()).exists()
    assert not Assessment.objects.visible_to(AnonymousUser()).exists()


def test_a_team_with_situations_cannot_be_deleted_but_a_situation_takes_its_assessments():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        assessment.situation.team.delete()
    assessment.situation.delete()
    assert not Assessment.objects.exists()

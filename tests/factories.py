import factory
from django.contrib.auth import get_user_model

from accounts.levels import ANALYST
from accounts.models import Membership, Team
from accounts.services import user_set_level
from cases.models import Case
from recommendations.assessments.services import assessment_create
from recommendations.models import Assessment, Situation
from tests.inputs import VALID_INPUT


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def level(user, create, extracted, **kwargs):
        if create and extracted:
            user_set_level(user, extracted)

    @factory.post_generation
    def team(user, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(team=extracted, user=user)


class SituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Situation

    team = factory.SubFactory(TeamFactory)
    country = factory.Sequence(lambda n: f"Country {n}")
    region = "west_africa"


class AssessmentFactory(factory.django.DjangoModelFactory):
    """Assessments are made as analysts make them: through the service, by a team member."""

    class Meta:
        model = Assessment

    situation = factory.SubFactory(SituationFactory)
    input = factory.LazyAttribute(lambda o: {**VALID_INPUT, "country": o.situation.country})
    created_by = factory.LazyAttribute(lambda o: UserFactory(level=ANALYST, team=o.situation.team))

    @classmethod
    def _create(cls, model_class, situation, input, created_by, **kwargs):
        return assessment_create(user=created_by, data={**input, "situation": situation.pk})


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    slug = factory.Sequence(lambda n: f"case-{n}")
    title = factory.Sequence(lambda n: f"Case {n}")
    country = "Testland"
    region = "europe"
    start_year = 2000
    end_year = 2001
    outcome = "mixed"
    summary = "A test case."

"""Concurrent assessments of a new country: every one is stored, in one situation."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.levels import ANALYST
from recommendations.assessments.services import assessment_create
from recommendations.models import Assessment, Situation
from tests.factories import TeamFactory, UserFactory
from tests.inputs import VALID_INPUT

# Writes commit for real: each thread has its own database connection, which sees only
# committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_first_assessments_share_one_new_situation():
    call_command("load_reference_data", verbosity=0)
    team = TeamFactory()
    users = [UserFactory(level=ANALYST, team=team) for _ in range(6)]
    barrier = threading.Barrier(len(users))
    errors = []

    def assess(user):
        try:
            barrier.wait(timeout=10)
            assessment_create(user=user, data={**VALID_INPUT, "country": "Racetown"})
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=assess, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Situation.objects.filter(country="Racetown").count() == 1
    assert Assessment.objects.filter(situation__country="Racetown").count() == len(users)

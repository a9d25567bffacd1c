"""What creating an assessment asks the database: the evaluation reads the reference data
(rules, catalogue, case snapshots) from the process's cache, outside the transaction that
stores it, so a warm process asks only for the user's situation, stores the
assessment and its audit entry, and reads the situation's previous assessment."""

import pytest
from django.core.management import call_command

from accounts.levels import ANALYST
from tests.factories import VALID_INPUT, TeamFactory, UserFactory

# Real commits: the cache is bypassed inside a transaction, as every other test runs.
pytestmark = pytest.mark.django_db(transaction=True)
REFERENCE_TABLES = ("recommendations_rule", "cases_casesnapshot", "missions_role", "phases_phase")


def test_a_warm_process_creates_an_assessment_without_reading_reference_data(
    client, django_assert_max_num_queries
):
    call_command("load_reference_data", verbosity=0)
    client.force_login(UserFactory(level=ANALYST, team=TeamFactory()))
    url = "/api/v1/assessments/"
    first = client.post(url, VALID_INPUT, content_type="application/json")
    assert first.status_code == 201  # the process's caches are warm from here
    # the session and user (3), BEGIN, the situation of the user's first team, the
    # assessment and its audit entry, the team's webhook endpoints, the previous assessment,
    # COMMIT, the session saved (3)
    with django_assert_max_num_queries(13) as captured:
        again = client.post(url, VALID_INPUT, content_type="application/json")
    assert again.status_code == 201 and again.json()["trend"] == "unchanged"
    read = [q["sql"] for q in captured.captured_queries]
    for table in REFERENCE_TABLES:
        assert not [sql for sql in read if f'FROM "{table}"' in sql], table

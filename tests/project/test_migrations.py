import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_assessment_documents_are_stored_as_plain_json_on_postgresql():
    """Written once and read whole, never queried inside: `json`, not `jsonb` (see 0006)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'recommendations_assessment' "
            "AND column_name IN ('input', 'recommendation', 'analogous_cases')"
        )
        types = dict(cursor.fetchall())
    assert types == {"input": "jsonb", "recommendation": "json", "analogous_cases": "json"}

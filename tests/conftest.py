import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import make_persona


def pytest_configure(config):
    # Test users' passwords need no protection: a fast hash keeps user-heavy tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the reference data, loaded once for the whole run."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture
def committed_reference_data(transactional_db):
    """For tests whose writes really commit (tasks are queued on commit): a transactional
    test starts from an empty database, so the reference data is loaded again."""
    call_command("load_reference_data", verbosity=0)


@pytest.fixture
def team(db):
    from tests.factories import TeamFactory

    return TeamFactory(name="Horn of Africa desk", slug="horn-desk")


@pytest.fixture
def viewer(team):
    return make_persona("viewer", team)


@pytest.fixture
def analyst(team):
    return make_persona("analyst", team)


@pytest.fixture
def curator(team):
    return make_persona("curator", team)


@pytest.fixture
def signed_in(client, analyst):
    """The Django test client, signed in as the analyst."""
    client.force_login(analyst.user)
    return client


@pytest.fixture
def outsider(db):
    """An analyst of another team."""
    from tests.factories import TeamFactory

    return make_persona("analyst", TeamFactory(name="Other desk", slug="other-desk"))


@pytest.fixture
def anonymous():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def queue_down():
    """Celery pointed at a Redis address where nothing listens."""
    from tests.celery_conf import celery_settings

    with celery_settings(
        task_always_eager=False,
        broker_url="redis://127.0.0.1:1/0",
        task_publish_retry=False,
        broker_connection_timeout=1,
    ):
        yield

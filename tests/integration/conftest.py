"""A real Redis and a real Celery worker for the tests of what runs in the background."""

import pytest
from celery.contrib.testing.worker import start_worker

from tests.celery_conf import celery_settings
from tests.servers import RedisServer


@pytest.fixture(scope="module")
def redis_server():
    """A Redis of the module's own (a module that stops it mid-test makes it per test)."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def queue(redis_server):
    """The project's Celery app publishing to the test Redis (no worker yet)."""
    with celery_settings(
        task_always_eager=False, broker_url=redis_server.url, result_backend=redis_server.url
    ) as app:
        yield app


@pytest.fixture
def worker(queue):
    """A Celery worker consuming the queue, in a thread of the test process."""
    with start_worker(queue, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        yield

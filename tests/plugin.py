"""pytest plugin: run the suite against a throwaway PostgreSQL server started here.

It runs before pytest-django reads the settings, so DATABASE_URL points at the new server.
Set ENVOY_TEST_DATABASE_URL to use a server of your own instead (nothing is started then).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from tests.servers import PostgresServer

_server: PostgresServer | None = None
_media = tempfile.mkdtemp(prefix="envoy-test-media-")


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    global _server
    url = os.environ.get("ENVOY_TEST_DATABASE_URL")
    if not url:
        _server = PostgresServer().start()
        url = _server.url
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "envoy-test-secret-key-not-for-production")
    os.environ["STATIC_MANIFEST"] = "0"
    # The throttling tests set their own low rates; the rest must not be slowed down.
    os.environ["API_THROTTLE_ANON"] = os.environ["API_THROTTLE_USER"] = "100000/min"
    os.environ.pop("REDIS_URL", None)
    os.environ["MEDIA_ROOT"] = _media  # uploaded imports
    return (yield)


def pytest_unconfigure(config):
    if _server is not None:
        _server.stop()
    shutil.rmtree(_media, ignore_errors=True)


def postgres_server() -> PostgresServer | None:
    """The server this run started (None when ENVOY_TEST_DATABASE_URL was given)."""
    return _server

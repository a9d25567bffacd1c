"""The settings refuse an unsafe production configuration and read everything from the env."""

import os
import subprocess
import sys
from pathlib import Path

from config.settings import DEFAULT_SECRET_KEY

PROJECT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(env: dict[str, str], expr: str = "'ok'") -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings; print(({expr}))"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "REDIS_URL", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_default_secret_key():
    result = settings_in_subprocess({"DEBUG": "0", "SECRET_KEY": DEFAULT_SECRET_KEY})
    assert result.returncode != 0
    assert "SECRET_KEY is the built-in development key while DEBUG is off" in result.stderr


def test_debug_is_off_unless_asked():
    result = settings_in_subprocess({"SECRET_KEY": "s" * 50}, "settings.DEBUG")
    assert result.stdout.strip() == "False"


def test_local_development_may_use_the_default_key():
    result = settings_in_subprocess({"DEBUG": "1", "SECRET_KEY": DEFAULT_SECRET_KEY})
    assert result.returncode == 0, result.stderr


def test_without_redis_tasks_run_eagerly_and_the_cache_is_local_memory():
    expr = "settings.CELERY_TASK_ALWAYS_EAGER, settings.CACHES['default']['BACKEND']"
    result = settings_in_subprocess({"SECRET_KEY": "s" * 50}, expr)
    assert result.stdout.strip() == ("(True, 'django.core.cache.backends.locmem.LocMemCache')")


def test_with_redis_it_is_the_broker_and_the_cache():
    url = "redis://127.0.0.1:6390/2"
    expr = (
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, "
        "settings.CACHES['default']['LOCATION']"
    )
    result = settings_in_subprocess({"SECRET_KEY": "s" * 50, "REDIS_URL": url}, expr)
    assert result.stdout.strip() == f"(False, '{url}', '{url}')"


def test_the_database_defaults_to_sqlite_and_takes_postgresql_from_database_url():
    expr = "[settings.DATABASES['default'][k] for k in ('ENGINE', 'CONN_HEALTH_CHECKS')]"
    assert "sqlite3" in settings_in_subprocess({"SECRET_KEY": "s" * 50}, expr).stdout
    blank = {"SECRET_KEY": "s" * 50, "DATABASE_URL": ""}
    assert "sqlite3" in settings_in_subprocess(blank, expr).stdout
    pg = {"SECRET_KEY": "s" * 50, "DATABASE_URL": "postgres://u:p@db:5432/envoy"}
    assert settings_in_subprocess(pg, expr).stdout.strip() == (
        "['django.db.backends.postgresql', True]"
    )

"""docker-compose.yml runs the stack the settings expect (it cannot be started here)."""

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
SETTINGS_VARS = set(
    re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', (PROJECT / "config" / "settings.py").read_text())
)


def compose() -> dict:
    return yaml.safe_load((PROJECT / "docker-compose.yml").read_text())


def test_the_stack_has_web_worker_beat_postgres_and_redis():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose()["services"])


def test_app_services_set_only_variables_the_settings_read():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert set(env) <= SETTINGS_VARS, (name, set(env) - SETTINGS_VARS)
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"} <= set(env)


def test_the_app_reaches_the_postgres_and_redis_services_with_their_credentials():
    services = compose()["services"]
    env = services["web"]["environment"]
    pg = services["postgres"]["environment"]
    assert env["DATABASE_URL"] == (
        f"postgres://{pg['POSTGRES_USER']}:{pg['POSTGRES_PASSWORD']}@postgres:5432/{pg['POSTGRES_DB']}"
    )
    assert env["REDIS_URL"].startswith("redis://redis:6379/")


def test_the_app_waits_for_healthy_databases_and_every_server_is_health_checked():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("web", "worker", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name


def test_the_commands_name_real_entry_points():
    services = compose()["services"]
    assert "config.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")
    assert (PROJECT / "config" / "wsgi.py").exists() and (PROJECT / "config" / "celery.py").exists()


def test_data_lives_in_named_volumes():
    data = compose()
    assert {"postgres-data", "redis-data"} <= set(data["volumes"])


def test_web_and_worker_share_the_directory_of_uploaded_imports():
    services = compose()["services"]
    for name in ("web", "worker"):
        assert "media:/app/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/app/media"
    assert "media" in compose()["volumes"]

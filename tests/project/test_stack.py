"""`make stack` runs the compose file's processes without Docker: the same commands, really
serving, against a real PostgreSQL and Redis."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2
import pytest
import yaml

from tests.plugin import postgres_server
from tests.servers import RedisServer, free_port

PROJECT = Path(__file__).resolve().parents[2]


def procfile() -> dict[str, str]:
    lines = (PROJECT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def test_the_procfile_runs_what_the_compose_file_runs():
    services = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())["services"]
    processes = procfile()
    assert set(processes) == {"web", "worker", "beat"}
    assert processes["worker"] == services["worker"]["command"]
    assert (
        processes["beat"].split(" --schedule")[0]
        == services["beat"]["command"].split(" --schedule")[0]
    )
    gunicorn = services["web"]["command"].split("&&")[-1].split()
    assert processes["web"].split()[:2] == gunicorn[:2] == ["gunicorn", "config.wsgi:application"]


def _fresh_database() -> str:
    server = postgres_server()
    if server is None:
        pytest.skip("needs the throwaway PostgreSQL server of the test run")
    connection = psycopg2.connect(server.url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS envoy_stack")
        cursor.execute("CREATE DATABASE envoy_stack")
    connection.close()
    return server.url.rsplit("/", 1)[0] + "/envoy_stack"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (http only)
            return response.status, response.read()
    except OSError:
        return 0, b""


@pytest.mark.slow  # skipped by `make test-fast`
def test_the_stack_serves_runs_a_worker_and_stops_cleanly(tmp_path):
    redis = RedisServer().start()
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": _fresh_database(),
        "REDIS_URL": redis.url,
        "SECRET_KEY": "stack-test-" + "x" * 40,
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "BEAT_SCHEDULE": str(tmp_path / "beat-schedule"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    stack = subprocess.Popen(
        ["bash", str(PROJECT / "scripts" / "stack")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while _get(f"http://127.0.0.1:{port}/healthz")[0] != 200:
            assert stack.poll() is None, stack.stdout.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the web process did not come up"
            time.sleep(0.5)
        status, body = _get(f"http://127.0.0.1:{port}/accounts/login/")
        assert status == 200 and b"Envoy" in body
        for _ in range(6):  # the worker may still be starting
            ping = subprocess.run(
                [sys.executable, "-m", "celery", "-A", "config", "inspect", "ping", "-t", "5"],
                cwd=PROJECT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if "pong" in ping.stdout:
                break
        else:
            stack.send_signal(signal.SIGTERM)
            output = stack.communicate(timeout=60)[0].decode()
            raise AssertionError(f"no worker answered: {ping.stderr}\n{output[-3000:]}")
    finally:
        stack.send_signal(signal.SIGTERM)
        try:
            stack.wait(60)
        finally:
            if stack.poll() is None:
                os.killpg(stack.pid, signal.SIGKILL)
            redis.stop()
    assert stack.returncode is not None
    assert _get(f"http://127.0.0.1:{port}/healthz")[0] == 0  # gunicorn is gone too

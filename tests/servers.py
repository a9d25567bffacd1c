"""Throwaway PostgreSQL and Redis servers for the test suite, from the installed binaries.

PostgreSQL refuses to run as root, so when the tests run as root the cluster is created and
started as an unprivileged system user (``postgres`` when it exists, else ``nobody``).
Each server lives in its own temporary directory on a free loopback port, is tuned for speed
over durability (it is thrown away), and is stopped and removed when the run ends.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


class ServerUnavailable(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise ServerUnavailable(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def postgres_bindir() -> Path:
    """The newest installed PostgreSQL's bin directory."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise ServerUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: run `make test`, which installs "
        "Debian's postgresql package, or install it yourself."
    )


def unprivileged_user() -> str | None:
    """The user to run PostgreSQL as: None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ServerUnavailable("running as root and no unprivileged user to run PostgreSQL as")


@dataclass
class PostgresServer:
    """A PostgreSQL cluster in a temporary directory; `url` is its DATABASE_URL."""

    port: int = field(default_factory=free_port)
    user: str | None = field(default_factory=unprivileged_user)
    bindir: Path = field(default_factory=postgres_bindir)
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="envoy-pg-")))
    settings: tuple[str, ...] = ("shared_buffers=128MB",)

    @property
    def datadir(self) -> Path:
        return self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgres://envoy@127.0.0.1:{self.port}/envoy"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            log = (self.directory / "server.log").read_text() if self.logfile.exists() else ""
            raise ServerUnavailable(f"{args[0]} failed: {result.stderr or result.stdout}\n{log}")

    @property
    def logfile(self) -> Path:
        return self.directory / "server.log"

    def start(self) -> PostgresServer:
        if self.user:
            shutil.chown(self.directory, user=self.user)
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            "envoy",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.pg_ctl("start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "envoy", "envoy")
        return self

    def pg_ctl(self, action: str) -> None:
        """start, stop or restart the server (waiting until it is done)."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 " + " ".join(f"-c {s}" for s in self.settings)
        )
        args = ["pg_ctl", "-D", str(self.datadir), "-w", "-t", "60", action]
        if action != "stop":
            args[1:1] = ["-o", options, "-l", str(self.logfile)]
        else:
            args += ["-m", "fast"]
        self._run(*args)

    def stop(self) -> None:
        try:
            self.pg_ctl("stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class RedisServer:
    """A Redis server with no persistence; `url` is its REDIS_URL."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if not binary:
            raise ServerUnavailable(
                "redis-server not found: run `make test`, which installs Debian's redis-server."
            )
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, 20)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

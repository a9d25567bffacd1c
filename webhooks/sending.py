"""One HTTP POST to a checked target, bounded in time and in what it reads back.

The connection goes to the address `targets.target_of` checked, with the URL's host name in
the Host header and, over HTTPS, as the name the certificate must match (SNI). Redirects are
never followed: a 3xx is an answer like any other, and not a success. A watchdog closes the
socket when the whole attempt outlives its time, so a receiver that trickles bytes cannot
hold a worker.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass

from webhooks.targets import Target

ANSWER_BYTES = 4096  # read of the answer's body, at most
USER_AGENT = "Envoy-Webhooks/1.0"


@dataclass(frozen=True)
class Answer:
    """What the receiver said: its status and the start of its body; or why there was none."""

    status: int | None
    excerpt: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a given address, checking the certificate against the URL's host name."""

    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target.address, target.port, timeout=timeout, context=context)
        self._tls = context
        self._server_name = target.host

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._tls.wrap_socket(self.sock, server_hostname=self._server_name)


def _connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target, timeout, ssl.create_default_context())
    return http.client.HTTPConnection(target.address, target.port, timeout=timeout)


def _close_at_deadline(connection: http.client.HTTPConnection, seconds: float) -> threading.Timer:
    def close() -> None:
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(seconds, 0.0), close)
    timer.daemon = True
    timer.start()
    return timer


def post(
    target: Target,
    body: bytes,
    headers: dict[str, str],
    *,
    connect_timeout: float,
    timeout: float,
) -> Answer:
    """POST the body to the target; never raises for what the network or receiver does."""
    started = time.monotonic()
    connection = _connection(target, min(connect_timeout, timeout))
    watchdog: threading.Timer | None = None
    try:
        connection.connect()
        remaining = timeout - (time.monotonic() - started)
        if remaining <= 0:
            return Answer(None, error=f"No answer within {timeout:g} s.")
        if connection.sock is not None:
            connection.sock.settimeout(remaining)
        watchdog = _close_at_deadline(connection, remaining)
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={
                "Host": target.host_header,
                "User-Agent": USER_AGENT,
                "Content-Type": "application/json",
                **headers,
            },
        )
        response = connection.getresponse()
        excerpt = response.read(ANSWER_BYTES).decode("utf-8", errors="replace")
        return Answer(response.status, excerpt=excerpt)
    except TimeoutError:
        return Answer(None, error=f"No answer within {timeout:g} s.")
    except ssl.SSLError as exc:
        return Answer(None, error=f"TLS failed: {exc.reason or exc}")
    except (OSError, http.client.HTTPException) as exc:
        late = time.monotonic() - started >= timeout
        if late:
            return Answer(None, error=f"No answer within {timeout:g} s.")
        return Answer(None, error=_describe(exc))
    finally:
        if watchdog is not None:
            watchdog.cancel()
        connection.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "Connection refused."
    if isinstance(exc, ConnectionResetError):
        return "The connection was reset."
    if isinstance(exc, http.client.RemoteDisconnected):
        return "The receiver closed the connection without answering."
    return f"{exc.__class__.__name__}: {exc}"[:500]

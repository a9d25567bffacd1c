"""A real HTTP receiver on loopback, in a thread: it records each request and answers as told
(a status, a delay, a large body, a redirect)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    status: int = 200
    delay: float = 0.0  # seconds before answering
    answer: bytes = b"thanks"
    location: str = ""  # a Location header (for redirects)
    received: list[Received] = field(default_factory=list)
    answered: threading.Event = field(default_factory=threading.Event)
    arrived: threading.Event = field(default_factory=threading.Event)
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.received.append(Received(self.path, dict(self.headers), body))
                receiver.arrived.set()
                if receiver.delay:
                    receiver.release.wait(receiver.delay)
                try:
                    self.send_response(receiver.status)
                    if receiver.location:
                        self.send_header("Location", receiver.location)
                    self.send_header("Content-Length", str(len(receiver.answer)))
                    self.end_headers()
                    self.wfile.write(receiver.answer)
                except OSError:
                    pass  # the sender gave up first
                receiver.answered.set()

            def log_message(self, *args: object) -> None:
                pass

        family_server = ThreadingHTTPServer
        if ":" in self.host:
            import socket

            class V6(ThreadingHTTPServer):
                address_family = socket.AF_INET6

            family_server = V6
        self.release = threading.Event()
        self.server = family_server((self.host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hook", host: str | None = None) -> str:
        name = host or self.host
        name = f"[{name}]" if ":" in name else name
        return f"http://{name}:{self.port}{path}"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

"""An open-loop HTTP load generator: requests sent at a fixed arrival rate whatever the
server does, each request's latency measured from the time it was scheduled to be sent, so a
slow response delays no later measurement (no coordinated omission).

Connections are kept alive (HTTP/1.1) and reused when idle, unless the server closes them
(gunicorn's sync workers do, so each request then opens its own); when none is idle at a request's
scheduled time a new one is opened, so the generator never waits for a free connection.
Runs in its own process (asyncio, one event loop), and prints one JSON line:
`OPEN_LOOP_JSON {"rate", "requests", "errors", "p50_ms", "p95_ms", "p99_ms", "late_ms"}`;
`late_ms` is how far behind schedule the generator itself sent (p99), which should stay near
zero. With --paths-file, GET requests go to each path in turn.

Run: python bench/open_loop.py URL --rate 50 --seconds 15 --token KEY [--body-file F]
     [--paths-file F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """One response's status, its body read through (Content-Length, as gunicorn sends), and
    whether the server keeps the connection open (gunicorn's sync workers close it)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length, keep = 0, True
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "connection" and value.strip().lower() == "close":
            keep = False
    await reader.readexactly(length)
    return status, keep


async def load(
    url: str, rate: float, seconds: float, token: str, body: bytes | None, paths: list[str]
) -> dict:
    parts = urlsplit(url)
    method = "POST" if body is not None else "GET"

    def request_to(path: str) -> bytes:
        return (
            f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            f"Authorization: Token {token}\r\nAccept: application/json\r\n"
            + (f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if body else "")
            + "\r\n"
        ).encode() + (body or b"")

    requests = [request_to(path) for path in paths or [parts.path or "/"]]
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    latencies: list[float] = []
    late: list[float] = []
    errors = 0

    async def one(scheduled: float, request: bytes) -> None:
        nonlocal errors
        late.append(time.perf_counter() - scheduled)
        try:
            conn = idle.pop() if idle else await asyncio.open_connection(parts.hostname, parts.port)
            conn[1].write(request)
            status, keep = await read_response(conn[0])
            latencies.append(time.perf_counter() - scheduled)
            if status >= 400:
                errors += 1
            if keep:
                idle.append(conn)
            else:
                conn[1].close()
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1

    total = int(rate * seconds)
    start = time.perf_counter() + 0.1
    tasks = []
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(scheduled, requests[i % len(requests)])))
    await asyncio.gather(*tasks)
    for _, writer in idle:
        writer.close()
    return {
        "rate": rate,
        "requests": total,
        "errors": errors,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "late_ms": percentile(late, 0.99) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--token", required=True)
    parser.add_argument("--body-file", help="POST this JSON body (else GET)")
    parser.add_argument("--paths-file", help="request these paths in turn, one per line")
    args = parser.parse_args()
    body = open(args.body_file, "rb").read() if args.body_file else None  # noqa: SIM115
    paths = open(args.paths_file).read().split() if args.paths_file else []  # noqa: SIM115
    result = asyncio.run(load(args.url, args.rate, args.seconds, args.token, body, paths))
    print("OPEN_LOOP_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()

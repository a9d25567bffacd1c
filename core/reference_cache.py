"""Per-process caches of reference data that every assessment reads (catalogue names, case
snapshots for analogies, the active ruleset), kept correct across processes.

A version token lives in Django's cache (Redis in production, so every process sees it).
Any save or delete of reference data replaces the token, at once and again when the
transaction commits (so no process can cache pre-commit data under the new token); a process
rebuilds a cached value when the token it was built under is no longer current.
Reads inside a transaction bypass the cache, since the transaction may yet be rolled back.
Batch work (an import, a re-evaluation chunk) reads the token once per batch (`pinned`)
rather than once per lookup.
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
VERSION_KEY = "envoy:reference-version"
_built: dict[str, tuple[str, Any]] = {}
_pinned: ContextVar[str | None] = ContextVar("reference_version_pinned", default=None)


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def cached(name: str, build: Callable[[], T]) -> T:
    """The value built by `build`, rebuilt when reference data changed.

    Inside a transaction nothing is cached: what it reads may still be rolled back.
    """
    if connection.in_atomic_block:
        return build()
    version = _pinned.get() or current_version()
    hit = _built.get(name)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = build()
    _built[name] = (version, value)
    return value


@contextmanager
def pinned(pause_collector: bool = False) -> Iterator[None]:
    """Within the block, cached values are checked against the token read at its start: for
    batch work, which then sees one consistent version of the reference data throughout.

    With `pause_collector`, Python's cyclic garbage collector also waits until the block ends
    (for a bounded batch: evaluating hundreds of inputs allocates so many containers that the
    collector would otherwise scan the heap again and again; reference counting still frees
    them)."""
    token = _pinned.set(current_version())
    paused = pause_collector and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        _pinned.reset(token)
        if paused:
            gc.enable()


def invalidate(**kwargs: Any) -> None:
    def bump() -> None:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def connect(models: list[type]) -> None:
    for model in models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"refcache-save-{model.__name__}")
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"refcache-delete-{model.__name__}"
        )

"""Fail fast on a hung or dead Chroma server, without failing slow-but-working calls.

A daemon thread pings the server (heartbeat) every half second with a short timeout (HMS_CHROMA_TIMEOUT_S).
Calls to the server run in a small thread pool; the caller waits for the result while the pings succeed,
and gives up with IndexNotReady as soon as a ping fails. So a stopped server (SIGSTOP) or a dead one is a
503 within about the ping timeout, while a query that is merely slow on a loaded machine still answers.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from assistant.index.errors import IndexNotReady

T = TypeVar("T")
PING_EVERY_S = 0.5
WAIT_SLICE_S = 0.05
CALL_THREADS = 16
RECHECK_AFTER_S = 0.1


class ChromaHealth:
    """Whether the last heartbeat answered within its timeout."""

    def __init__(self, ping: Callable[[], object], *, every_s: float = PING_EVERY_S):
        self._ping = ping
        self.every_s = every_s
        self.healthy = True
        self.reason = ""
        self.pinged_at = 0.0
        self._started = False
        self._lock = threading.Lock()
        self._ping_lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        self.ping_once()
        threading.Thread(
            target=_ping_loop, args=(weakref.ref(self),), name="hms-chroma-ping", daemon=True
        ).start()

    def recheck(self) -> bool:
        """While unhealthy: one caller at a time pings now (a server that came back is used at once)."""
        if self.healthy or not self._ping_lock.acquire(blocking=False):
            return self.healthy
        try:
            if time.monotonic() - self.pinged_at >= RECHECK_AFTER_S:
                self.ping_once()
            return self.healthy
        finally:
            self._ping_lock.release()

    def ping_once(self) -> None:
        try:
            self._ping()
            self.healthy, self.reason = True, ""
        except Exception as exc:  # timeout, refused, 5xx, auth: all mean "not usable now"
            self.healthy, self.reason = False, type(exc).__name__
        self.pinged_at = time.monotonic()


def _ping_loop(ref: weakref.ReferenceType[ChromaHealth]) -> None:
    while (health := ref()) is not None:
        every = health.every_s
        health.ping_once()
        del health
        time.sleep(every)


class GuardedCalls:
    """Runs calls to the server in a thread pool and abandons them when the server stops answering pings."""

    def __init__(self, health: ChromaHealth, *, where: str):
        self.health = health
        self.where = where
        self._pool = ThreadPoolExecutor(max_workers=CALL_THREADS, thread_name_prefix="hms-chroma")

    def unreachable(self) -> IndexNotReady:
        return IndexNotReady(
            f"Får ikke kontakt med Chroma-serveren på {self.where} ({self.health.reason or 'svarer ikke'}).",
            code="chroma_unreachable",
        )

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        self.health.start()
        if not self.health.recheck():
            raise self.unreachable()
        future: Future[T] = self._pool.submit(fn, *args, **kwargs)
        while True:
            try:
                return future.result(timeout=WAIT_SLICE_S)
            except FutureTimeout:
                if not self.health.healthy:
                    raise self.unreachable() from None


class GuardedCollection:
    """A Chroma collection whose get/query/count go through GuardedCalls (what the retriever uses)."""

    def __init__(self, collection: Any, calls: GuardedCalls):
        self._collection = collection
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self._collection, name)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._calls.call(self._collection.get, *args, **kwargs)

    def query(self, *args: Any, **kwargs: Any) -> Any:
        return self._calls.call(self._collection.query, *args, **kwargs)

    def count(self) -> Any:
        return self._calls.call(self._collection.count)

"""Run a provider call in a worker thread so the answer never waits past its deadline.

The client has its own timeout (HMS_LLM_TIMEOUT_S) and a call we stop waiting for ends on that; a stream we
stop reading is closed at its next chunk.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """The provider did not answer before the answer's deadline."""


# Reused workers: starting a thread per call cost ~30 ms on a busy 2-core machine. A call we stopped waiting
# for keeps its worker until the client's own timeout; when all are busy, new calls queue and time out.
_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="hms-llm")


def _start(target: Callable[[], None]) -> None:
    context = contextvars.copy_context()  # keeps the request id on the worker's log records
    _POOL.submit(context.run, target)


def call_within(fn: Callable[[], T], *, deadline: float) -> T:
    """fn(), or DeadlineExceeded when time.monotonic() passes the deadline first; fn's errors re-raise."""
    box: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            box.put((True, fn()))
        except BaseException as exc:  # handed to the caller
            box.put((False, exc))

    _start(run)
    try:
        ok, value = box.get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        raise DeadlineExceeded("no answer before the deadline") from None
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


def stream_within(make: Callable[[], Iterator[T]], *, deadline: float) -> Iterator[T]:
    """The items of make(), read in a worker thread; DeadlineExceeded when the deadline passes first."""
    items: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def run() -> None:
        try:
            for item in make():
                if stop.is_set():
                    break
                items.put(("item", item))
            items.put(("end", None))
        except BaseException as exc:
            items.put(("error", exc))

    _start(run)
    try:
        while True:
            try:
                kind, value = items.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise DeadlineExceeded("the stream did not finish before the deadline") from None
            if kind == "end":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()

"""Run a provider call in a worker thread so the answer never waits past its deadline.

A call we stop waiting for must not keep its worker long: the answerer gives each call a client timeout of
the time left before the deadline (not HMS_LLM_TIMEOUT_S), and a stream we stop reading is closed, with its
HTTP response, at its next chunk. `active_calls()` and `wait_idle()` show the pool's slots being released.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """The provider did not answer before the answer's deadline."""


# Reused workers: starting a thread per call cost ~30 ms on a busy 2-core machine. A call we stopped waiting
# for holds its worker until its own timeout, which ends at the answer's deadline; when all are busy, new calls
# queue and time out.
_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="hms-llm")
_idle = threading.Condition()
_active = 0


def _start(target: Callable[[], None]) -> None:
    global _active
    context = contextvars.copy_context()  # keeps the request id on the worker's log records

    def tracked() -> None:
        global _active
        try:
            context.run(target)
        finally:
            with _idle:
                _active -= 1
                _idle.notify_all()

    with _idle:
        _active += 1
    _POOL.submit(tracked)


def active_calls() -> int:
    """Provider calls started and not yet finished, including those nobody waits for any more."""
    with _idle:
        return _active


def wait_idle(timeout: float) -> bool:
    """Wait until no provider call holds a worker; False if some still do after ``timeout`` seconds."""
    with _idle:
        return _idle.wait_for(lambda: _active == 0, timeout=timeout)


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


def stream_within(make: Callable[[], Iterator[T]], *, deadline: float) -> Generator[T, None, None]:
    """The items of make(), read in a worker thread; DeadlineExceeded when the deadline passes first."""
    items: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def run() -> None:
        iterator: Iterator[T] | None = None
        try:
            iterator = make()
            for item in iterator:
                if stop.is_set():
                    break
                items.put(("item", item))
            items.put(("end", None))
        except BaseException as exc:
            items.put(("error", exc))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()  # a stream we stopped reading: close its HTTP response now

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

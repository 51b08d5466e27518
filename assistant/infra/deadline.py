"""The answer's deadline, shared by the caller that waits and the thread that works.

A front end that stops waiting (a 504) cancels the deadline; the service checks it between its steps
(retrieval, answer) and stops with `DeadlinePassed` instead of finishing work nobody will read.
"""

from __future__ import annotations

import threading
import time


class DeadlinePassed(TimeoutError):
    """The answer's deadline passed, or its caller gave up, before ``step`` began."""

    def __init__(self, step: str):
        super().__init__(f"deadline passed before {step}")
        self.step = step


class Deadline:
    """A point in time.monotonic() plus a cancel flag; `check()` raises once either is reached."""

    def __init__(self, at: float):
        self.at = at
        self._cancelled = threading.Event()

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def cancel(self) -> None:
        """The caller stopped waiting: the worker stops at its next check."""
        self._cancelled.set()

    @property
    def expired(self) -> bool:
        return self._cancelled.is_set() or time.monotonic() >= self.at

    def check(self, step: str) -> None:
        if self.expired:
            raise DeadlinePassed(step)

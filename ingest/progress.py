"""Progress reporting: a tqdm bar on a terminal, plain lines when output is piped (CI, logs)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class Progress:
    def __init__(self, total: int, label: str, *, stream: Any = None):
        self.stream = stream or sys.stderr
        self.total, self.label, self.done = total, label, 0
        self._bar: Any = None
        self._last_pct = -1
        if self.stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit="chunk", file=self.stream)

    def update(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        pct = int(100 * self.done / self.total) if self.total else 100
        if pct // 10 != self._last_pct // 10 or self.done == self.total:
            self._last_pct = pct
            print(f"{self.label}: {self.done}/{self.total} ({pct}%)", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def plain_logger(stream: Any = None) -> Callable[[str], None]:
    def log(message: str) -> None:
        print(message, file=stream or sys.stderr, flush=True)

    return log

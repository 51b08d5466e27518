"""Rate limits and the widget's daily cap, counted in the state database: global across workers and hosts.
Keys are pseudonymous (a keyed hash of the IP address or Slack user id)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from assistant.infra.state.base import StateBackend

RATE_LIMIT_MESSAGE = "Du har stilt mange spørsmål på kort tid. Vent litt og prøv igjen."


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int


class RateLimiter:
    """At most ``per_minute`` answered requests per key in any ``window_s`` seconds (a sliding window counted per
    second, so a client cannot send twice the limit across the edge of a fixed minute). Refused requests are not
    counted: retrying does not lengthen the wait."""

    def __init__(
        self,
        backend: StateBackend,
        *,
        per_minute: int,
        window_s: int = 60,
        clock: Callable[[], float] = time.time,
    ):
        self.backend = backend
        self.per_minute = per_minute
        self.window_s = window_s
        self.clock = clock

    def hit(self, key: str) -> Verdict:
        """Count one request for ``key``; not allowed once the window holds the limit (0 = no limit)."""
        if self.per_minute <= 0:
            return Verdict(True, 0)
        now = self.clock()
        counted, rows = self.backend.count_hit(
            key, second=int(now), span_s=self.window_s, limit=self.per_minute
        )
        if counted:
            return Verdict(True, 0)
        return Verdict(False, seconds_to_wait(rows, self.per_minute, self.window_s, now))


def seconds_to_wait(rows: list[tuple[int, int]], limit: int, span_s: int, now: float) -> int:
    """Whole seconds until the oldest counted requests have left the window and one more fits."""
    left = sum(count for _, count in rows)
    for second, count in rows:
        left -= count
        if left < limit:
            return max(1, math.ceil(second + span_s - now))
    return 1


class WidgetQuota:
    """One counter per UTC day."""

    def __init__(self, backend: StateBackend, *, daily_cap: int):
        self.backend = backend
        self.daily_cap = daily_cap

    @staticmethod
    def today() -> str:
        return time.strftime("%Y-%m-%d", time.gmtime())

    def take(self) -> bool:
        """Count one widget answer for today; False (and nothing counted) once the cap is reached."""
        return self.daily_cap > 0 and self.backend.take_quota(self.today(), self.daily_cap)

    def used(self) -> int:
        return self.backend.quota_used(self.today())

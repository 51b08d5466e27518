"""Rate limits and the widget's daily cap, counted in the state database: global across workers and hosts.
Keys are pseudonymous (a keyed hash of the IP address or Slack user id)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.infra.state.base import StateBackend

RATE_LIMIT_MESSAGE = "Du har stilt mange spørsmål på kort tid. Vent litt og prøv igjen."


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int


class RateLimiter:
    """Fixed windows of ``window_s`` seconds."""

    def __init__(self, backend: StateBackend, *, per_minute: int, window_s: int = 60):
        self.backend = backend
        self.per_minute = per_minute
        self.window_s = window_s

    def hit(self, key: str) -> Verdict:
        """Count one request for ``key``; not allowed once the window's limit is reached (0 = no limit)."""
        if self.per_minute <= 0:
            return Verdict(True, 0)
        now = time.time()
        window = int(now // self.window_s)
        allowed = self.backend.count_hit(key, window) <= self.per_minute
        retry = int((window + 1) * self.window_s - now) + 1
        return Verdict(allowed, 0 if allowed else retry)


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

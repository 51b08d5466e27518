"""Fixed-window rate limits shared by every worker process on a host (SQLite), for web clients and Slack
users alike. Keys are pseudonymous (a keyed hash of the IP address or Slack user id)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from assistant.sqlite import SqliteFile

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rate_limits (key TEXT NOT NULL, window INTEGER NOT NULL, count INTEGER NOT NULL, "
    "PRIMARY KEY (key, window))"
)
RATE_LIMIT_MESSAGE = "Du har stilt mange spørsmål på kort tid. Vent litt og prøv igjen."
RATE_LIMIT_MESSAGE_EN = "You have asked many questions in a short time. Please wait a little and try again."


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int


class RateLimiter:
    def __init__(self, path: Path, *, per_minute: int, window_s: int = 60):
        self.path = path
        self.per_minute = per_minute
        self.window_s = window_s
        self._db = SqliteFile(path, SCHEMA, synchronous="NORMAL")

    def hit(self, key: str) -> Verdict:
        """Count one request for ``key``; not allowed once the window's limit is reached (0 = no limit)."""
        if self.per_minute <= 0:
            return Verdict(True, 0)
        now = time.time()
        window = int(now // self.window_s)
        with self._db.connect() as conn:
            row = conn.execute(
                "INSERT INTO rate_limits (key, window, count) VALUES (?, ?, 1) "
                "ON CONFLICT(key, window) DO UPDATE SET count = count + 1 RETURNING count",
                (key, window),
            ).fetchone()
            if window % 10 == 0:  # now and then, forget old windows
                conn.execute("DELETE FROM rate_limits WHERE window < ?", (window - 1,))
        allowed = int(row[0]) <= self.per_minute
        retry = int((window + 1) * self.window_s - now) + 1
        return Verdict(allowed, 0 if allowed else retry)

"""The widget's daily cap: one counter per UTC day in SQLite, shared by every worker process."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS widget_usage (day TEXT PRIMARY KEY, count INTEGER NOT NULL)"


class WidgetQuota:
    def __init__(self, path: Path, *, daily_cap: int):
        self.path = path
        self.daily_cap = daily_cap
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        if not self._ready:
            conn.execute(SCHEMA)
            self._ready = True
        return conn

    @staticmethod
    def today() -> str:
        return time.strftime("%Y-%m-%d", time.gmtime())

    def take(self) -> bool:
        """Count one widget answer for today; False (and nothing counted) once the cap is reached."""
        if self.daily_cap <= 0:
            return False
        with contextlib.closing(self._connect()) as conn, conn:
            row = conn.execute(
                "INSERT INTO widget_usage (day, count) VALUES (?, 1) "
                "ON CONFLICT(day) DO UPDATE SET count = count + 1 WHERE count < ? RETURNING count",
                (self.today(), self.daily_cap),
            ).fetchone()
        return row is not None

    def used(self) -> int:
        with contextlib.closing(self._connect()) as conn:
            row = conn.execute("SELECT count FROM widget_usage WHERE day = ?", (self.today(),)).fetchone()
        return int(row[0]) if row else 0

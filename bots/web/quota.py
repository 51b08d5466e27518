"""The widget's daily cap: one counter per UTC day in SQLite, shared by every worker process."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.sqlite import SqliteFile

SCHEMA = "CREATE TABLE IF NOT EXISTS widget_usage (day TEXT PRIMARY KEY, count INTEGER NOT NULL)"


class WidgetQuota:
    def __init__(self, path: Path, *, daily_cap: int):
        self.path = path
        self.daily_cap = daily_cap
        self._db = SqliteFile(path, SCHEMA, synchronous="NORMAL")

    @staticmethod
    def today() -> str:
        return time.strftime("%Y-%m-%d", time.gmtime())

    def take(self) -> bool:
        """Count one widget answer for today; False (and nothing counted) once the cap is reached."""
        if self.daily_cap <= 0:
            return False
        with self._db.connect() as conn:
            row = conn.execute(
                "INSERT INTO widget_usage (day, count) VALUES (?, 1) "
                "ON CONFLICT(day) DO UPDATE SET count = count + 1 WHERE count < ? RETURNING count",
                (self.today(), self.daily_cap),
            ).fetchone()
        return row is not None

    def used(self) -> int:
        with self._db.connect() as conn:
            row = conn.execute("SELECT count FROM widget_usage WHERE day = ?", (self.today(),)).fetchone()
        return int(row[0]) if row else 0

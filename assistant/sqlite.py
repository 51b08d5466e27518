"""One SQLite file shared by the worker processes on a host: created on first use (WAL, the caller's schema),
then a short-lived connection per operation, committed on success and rolled back on error."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path


class SqliteFile:
    def __init__(self, path: Path, schema: str, *, synchronous: str = "FULL"):
        self.path = path
        self.schema = schema
        self.synchronous = synchronous  # FULL: a committed row survives a power cut; NORMAL: a crash
        self._init_lock = threading.Lock()
        self._ready = False

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as conn:
                        conn.execute("PRAGMA journal_mode=WAL")
                        conn.executescript(self.schema)
                    self._ready = True
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute(f"PRAGMA synchronous={self.synchronous}")
            with conn:
                yield conn
        finally:
            conn.close()

"""Audit rows that could not be written (the database is down) wait in a local file and are written later.

One JSON line per row in `audit-spool-<pid>.jsonl`, fsynced before the call returns. `replay` writes every
spooled row (any process's file) once the database is back; rows are keyed by answer id, so a replay that
is interrupted and repeated never doubles a row.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path
from typing import Any

from assistant.infra.state.base import StateBackend, StateUnavailable


class AuditSpool:
    def __init__(self, directory: Path):
        self.directory = directory

    def add(self, row: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps(row, ensure_ascii=False) + "\n"
        path = self.directory / f"audit-spool-{os.getpid()}.jsonl"
        while True:
            with open(path, "a", encoding="utf-8") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                if os.fstat(handle.fileno()).st_nlink == 0:  # a replay took the file meanwhile
                    continue
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
                return

    def pending(self) -> bool:
        return self.directory.is_dir() and any(self.directory.glob("audit-spool-*.jsonl"))

    def replay(self, backend: StateBackend) -> int:
        """Write the spooled rows; returns how many. Stops (keeping the rest) if the database fails again."""
        written = 0
        for path in sorted(self.directory.glob("audit-spool-*.jsonl")) if self.directory.is_dir() else []:
            with open(path, encoding="utf-8") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # being written or replayed right now
                for line in handle:
                    with contextlib.suppress(json.JSONDecodeError):  # a torn last line from a crash
                        row = json.loads(line)
                        try:
                            backend.add_audit(row)
                        except StateUnavailable:
                            return written
                        written += 1
                path.unlink()
        return written

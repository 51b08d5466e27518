"""The embedded default: one SQLite file (WAL) shared by the worker processes of one host.

Each thread keeps one connection. Feedback and audit rows commit with synchronous=FULL (a committed row
survives a power cut); counters and Slack state with NORMAL (they survive a crash of the process).
The pseudonym key is a file beside the database, created atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.infra.metrics import STORE_ERRORS
from assistant.infra.state import migrate
from assistant.infra.state.base import Cursor, Executor, SqlBackend, StateUnavailable


def installation_key(directory: Path) -> str:
    """A random key kept beside the database (readable by the owner only), created once. The key is written
    to a temporary file and then linked into place, which fails if another process linked first, so every
    process starting at once reads the same complete key."""
    path = directory / "pseudonym.key"
    if not path.is_file():
        directory.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        tmp = directory / f".pseudonym.key.{os.getpid()}.{threading.get_ident()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process was first; its key wins
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_text().strip()


class SqliteBackend(SqlBackend):
    kind = "sqlite"

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._init_lock = threading.Lock()
        self._ready = False

    def _migrate(self) -> None:
        """Switching a new file to WAL takes an exclusive lock, and SQLite answers "database is locked" at once,
        without its busy wait, when another connection switches at the same moment. So processes (and backends
        within one) that open the file take turns here, under a file lock beside it."""
        try:
            with self.lock("migrate", wait_s=30):
                self._migrate_locked()
        except TimeoutError as exc:
            raise sqlite3.OperationalError(
                f"another process has held the migration lock for 30 s ({exc})"
            ) from exc

    def _migrate_locked(self) -> None:
        with contextlib.closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it done
            try:
                conn.execute(migrate.TRACKING)
                done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
                for migration in migrate.migrations("sqlite"):
                    if migration.version in done:
                        continue
                    for statement in migration.statements():
                        conn.execute(statement)
                    conn.execute(*migrate.stamp(migration.version, migration.name))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _connection(self) -> sqlite3.Connection:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    self._migrate()
                    self._ready = True
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._local.conn = conn
            self._local.sync = None
        return conn

    @contextlib.contextmanager
    def _transaction(self, *, durable: bool = False) -> Iterator[Executor]:
        try:
            conn = self._connection()
            sync = "FULL" if durable else "NORMAL"
            if self._local.sync != sync:
                conn.execute(f"PRAGMA synchronous={sync}")
                self._local.sync = sync
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            STORE_ERRORS.labels(store="sqlite").inc()
            raise StateUnavailable(f"SQLite {self.path}: {exc}") from exc

        def run(sql: str, params: Sequence[Any] = ()) -> Cursor:
            return conn.execute(sql, tuple(params))

        try:
            yield run
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                STORE_ERRORS.labels(store="sqlite").inc()
                raise StateUnavailable(f"SQLite {self.path}: {exc}") from exc
            raise

    def pseudonym_key(self) -> str:
        return installation_key(self.path.parent)

    @contextlib.contextmanager
    def lock(self, name: str, *, wait_s: float) -> Iterator[None]:
        """An advisory file lock beside the database (one host)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait_s
        with open(self.path.parent / f".{name}.lock", "w") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError as exc:
                    if time.monotonic() > deadline:
                        raise TimeoutError(name) from exc
                    time.sleep(0.2)
            yield

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

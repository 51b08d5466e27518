"""PostgreSQL (HMS_DATABASE_URL=postgresql://...) for several hosts: psycopg 3, a small connection pool per
process, the same SQL as SQLite. The pseudonym key is a row every host shares; the ingest lock is a session
advisory lock (released by PostgreSQL itself if the holder dies). The schema is upgraded only by
`hms db upgrade`.
"""

from __future__ import annotations

import collections
import contextlib
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg

from assistant.infra.metrics import STORE_ERRORS
from assistant.infra.state import migrate
from assistant.infra.state.base import Cursor, Executor, SqlBackend, StateUnavailable

CONNECT_TIMEOUT_S = 3
MAX_IDLE = 8
UPGRADE_LOCK = 0x484D5301  # pg_advisory_xact_lock key while migrating ("HMS" 1)


def redact_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://…"
    return f"postgresql://{info.get('user', '')}@{info.get('host', '')}:{info.get('port', '5432')}/{info.get('dbname', '')}"


class PostgresBackend(SqlBackend):
    kind = "postgres"

    def __init__(self, url: str):
        self.url = url
        self.where = redact_url(url)
        self._idle: collections.deque[psycopg.Connection[Any]] = collections.deque()
        self._lock = threading.Lock()

    # -- connections ---------------------------------------------------------------------------------
    def _connect(self, *, autocommit: bool = False) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(
                self.url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=autocommit, application_name="hms"
            )
        except psycopg.Error as exc:
            raise StateUnavailable(self._describe(exc)) from exc

    def _describe(self, exc: Exception) -> str:
        """One line (psycopg's messages span lines); counted as a store error."""
        STORE_ERRORS.labels(store="postgres").inc()
        return f"PostgreSQL {self.where}: {type(exc).__name__}: {' '.join(str(exc).split())}"

    def _checkout(self) -> psycopg.Connection[Any]:
        with self._lock:
            while self._idle:
                conn = self._idle.pop()
                if not conn.closed and not conn.broken:
                    return conn
        return self._connect()

    def _checkin(self, conn: psycopg.Connection[Any]) -> None:
        if conn.closed or conn.broken or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            with contextlib.suppress(psycopg.Error):
                conn.close()
            return
        with self._lock:
            if len(self._idle) < MAX_IDLE:
                self._idle.append(conn)
                return
        conn.close()

    @contextlib.contextmanager
    def _transaction(self, *, durable: bool = False) -> Iterator[Executor]:
        conn = self._checkout()

        def run(sql: str, params: Sequence[Any] = ()) -> Cursor:
            query: Any = sql.replace("?", "%s")  # our own SQL text: psycopg wants a LiteralString
            return conn.execute(query, tuple(params) or None)

        try:
            yield run
            conn.commit()
        except BaseException as exc:
            with contextlib.suppress(psycopg.Error):
                conn.rollback()
            self._checkin(conn)
            if isinstance(exc, psycopg.Error):
                raise StateUnavailable(self._describe(exc)) from exc
            raise
        self._checkin(conn)

    # -- schema --------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self._transaction() as run:
            exists = run("SELECT to_regclass('schema_migrations')").fetchone()[0]
            if exists is None:
                return 0
            return int(run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])

    def upgrade(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; returns the names applied."""
        applied = []
        for migration in migrate.migrations("postgres"):
            with self._transaction() as run:
                run("SELECT pg_advisory_xact_lock(?)", (UPGRADE_LOCK,))
                run(migrate.TRACKING)
                if run("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
                    continue
                for statement in migration.statements():
                    run(statement)
                run(*migrate.stamp(migration.version, migration.name))
                applied.append(f"{migration.version:04d}_{migration.name}")
        return applied

    def check_schema(self) -> None:
        """Raise SchemaOutdated when `hms db upgrade` has not been run for this code's migrations."""
        current, wanted = self.schema_version(), migrate.latest("postgres")
        if current < wanted:
            raise migrate.SchemaOutdated(migrate.outdated_message(current, wanted))

    # -- shared key and lock -------------------------------------------------------------------------
    def pseudonym_key(self) -> str:
        return self.shared_setting("pseudonym_key", secrets.token_hex(32))

    @contextlib.contextmanager
    def lock(self, name: str, *, wait_s: float) -> Iterator[None]:
        """A session advisory lock on ``name``, held on its own connection until the block ends."""
        conn = self._connect(autocommit=True)
        try:
            deadline = time.monotonic() + wait_s
            while not conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (name,)).fetchone()[0]:  # type: ignore[index]
                if time.monotonic() > deadline:
                    raise TimeoutError(name)
                time.sleep(0.2)
            yield
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.close()  # ending the session releases the lock

    def close(self) -> None:
        with self._lock:
            while self._idle:
                with contextlib.suppress(psycopg.Error):
                    self._idle.pop().close()

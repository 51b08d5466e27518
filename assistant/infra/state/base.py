"""The one interface to shared state, and its implementation in SQL that SQLite and PostgreSQL both run.

Everything the front ends keep between requests goes through `StateBackend`: feedback, the audit trail,
conversation turns, rate-limit windows, the widget's daily counter, Slack event ids and shareable answers,
the pseudonym key and the ingest lock. The backends differ only in how they connect (`_transaction`), the
placeholder style, and where the pseudonym key and the lock live.
Counters are single-statement upserts, so concurrent workers and hosts never race on read-modify-write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

AUDIT_COLUMNS = (
    "answer_id",
    "request_id",
    "user_hash",
    "source",
    "question",
    "cited",
    "law_as_of",
    "abstained",
    "model",
    "index_version",
    "mode",
    "latency_ms",
    "created_at",
)


class StateUnavailable(RuntimeError):
    """The state database cannot be reached or refused the operation; the message is for the log."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Executor(Protocol):
    def __call__(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...


class StateBackend(Protocol):
    """Shared state. Every method raises StateUnavailable when the database cannot be used."""

    kind: str

    def add_feedback(self, row: dict[str, Any], *, key: str | None) -> tuple[int, bool]: ...
    def replace_vote(self, row: dict[str, Any]) -> int: ...
    def feedback_rows(self) -> list[dict[str, Any]]: ...
    def add_turn(
        self, conversation_id: str, question: str, answer_id: str | None, *, now: float, keep: int
    ) -> None: ...
    def history(self, conversation_id: str, *, limit: int, since: float) -> list[str]: ...
    def add_audit(self, row: dict[str, Any]) -> None: ...
    def audit_rows(self) -> list[dict[str, Any]]: ...
    def purge(self, *, before: float, turns_before: float) -> int: ...
    def count_hit(
        self, key: str, *, second: int, span_s: int, limit: int
    ) -> tuple[bool, list[tuple[int, int]]]: ...
    def take_quota(self, day: str, cap: int) -> bool: ...
    def quota_used(self, day: str) -> int: ...
    def first_delivery(self, event_id: str, *, now: float, ttl_s: float) -> bool: ...
    def keep_shared(self, answer_id: str, payload: str, *, now: float, ttl_s: float) -> None: ...
    def shared(self, answer_id: str, *, since: float) -> str | None: ...
    def follow_thread(
        self, channel: str, thread_ts: str, user_hash: str, *, now: float, ttl_s: float
    ) -> None: ...
    def follows(self, channel: str, thread_ts: str, user_hash: str, *, since: float) -> bool: ...
    def pseudonym_key(self) -> str: ...
    def lock(self, name: str, *, wait_s: float) -> contextlib.AbstractContextManager[None]: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


def as_dicts(cursor: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class SqlBackend:
    """StateBackend in portable SQL (upserts with ON CONFLICT ... RETURNING: SQLite >= 3.35, PostgreSQL)."""

    kind = "sql"

    def _transaction(self, *, durable: bool = False) -> contextlib.AbstractContextManager[Executor]:
        """One transaction; ``durable`` rows (feedback, audit) must survive a power cut once committed."""
        raise NotImplementedError

    # -- feedback ------------------------------------------------------------------------------------
    def add_feedback(self, row: dict[str, Any], *, key: str | None) -> tuple[int, bool]:
        """Store one vote; with ``key``, a retry of the same (answer, key) returns the first row's id.
        Returns (id, created)."""
        cols = ("answer_id", "helpful", "comment", "source", "user_hash", "created_at", "idem_key")
        values = [*(row[c] for c in cols[:-1]), key]
        with self._transaction(durable=True) as run:
            got = run(
                f"INSERT INTO feedback ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                "ON CONFLICT (answer_id, idem_key) DO NOTHING RETURNING id",
                values,
            ).fetchone()
            if got is not None:
                return int(got[0]), True
            first = run(
                "SELECT id FROM feedback WHERE answer_id = ? AND idem_key = ?", (row["answer_id"], key)
            ).fetchone()
            return int(first[0]), False

    def replace_vote(self, row: dict[str, Any]) -> int:
        """Delete the user's earlier vote on the answer (one without a comment), then store this one."""
        cols = ("answer_id", "helpful", "comment", "source", "user_hash", "created_at")
        with self._transaction(durable=True) as run:
            run(
                "DELETE FROM feedback WHERE answer_id = ? AND source = ? AND user_hash = ? AND comment IS NULL",
                (row["answer_id"], row["source"], row["user_hash"]),
            )
            got = run(
                f"INSERT INTO feedback ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) RETURNING id",
                [row[c] for c in cols],
            ).fetchone()
            return int(got[0])

    def feedback_rows(self) -> list[dict[str, Any]]:
        with self._transaction() as run:
            return as_dicts(run("SELECT * FROM feedback ORDER BY id"))

    # -- conversations -------------------------------------------------------------------------------
    def add_turn(
        self, conversation_id: str, question: str, answer_id: str | None, *, now: float, keep: int
    ) -> None:
        with self._transaction() as run:
            run(
                "INSERT INTO turns (conversation_id, question, answer_id, created_at) VALUES (?, ?, ?, ?)",
                (conversation_id, question, answer_id, now),
            )
            run(
                "DELETE FROM turns WHERE conversation_id = ? AND id NOT IN "
                "(SELECT id FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)",
                (conversation_id, conversation_id, keep),
            )

    def history(self, conversation_id: str, *, limit: int, since: float) -> list[str]:
        with self._transaction() as run:
            rows = run(
                "SELECT question FROM turns WHERE conversation_id = ? AND created_at >= ? "
                "ORDER BY id DESC LIMIT ?",
                (conversation_id, since, limit),
            ).fetchall()
        return [r[0] for r in reversed(rows)]

    # -- audit ---------------------------------------------------------------------------------------
    def add_audit(self, row: dict[str, Any]) -> None:
        """One row per answer id: writing the same answer twice (a replayed spool) keeps one row.
        Not ``durable``: on SQLite an fsync per answer cost 7.6 ms under the write lock (it halved HTTP
        throughput); a committed row still survives a crash of the process, a power cut may lose the last ones."""
        with self._transaction() as run:
            run(
                f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(AUDIT_COLUMNS))}) "
                "ON CONFLICT (answer_id) DO NOTHING",
                [row.get(c) for c in AUDIT_COLUMNS],
            )

    def audit_rows(self) -> list[dict[str, Any]]:
        with self._transaction() as run:
            return as_dicts(run("SELECT * FROM audit ORDER BY created_at, id"))

    def purge(self, *, before: float, turns_before: float) -> int:
        with self._transaction() as run:
            deleted = run("DELETE FROM turns WHERE created_at < ?", (turns_before,)).rowcount
            for table in ("feedback", "audit", "slack_events", "slack_answers"):
                deleted += run(f"DELETE FROM {table} WHERE created_at < ?", (before,)).rowcount
            return deleted

    # -- counters ------------------------------------------------------------------------------------
    def count_hit(
        self, key: str, *, second: int, span_s: int, limit: int
    ) -> tuple[bool, list[tuple[int, int]]]:
        """Count one request for ``key`` at ``second`` unless ``limit`` are counted in the ``span_s`` seconds up to it.
        Returns whether it was counted and, when not, the span's (second, count) rows, oldest first. Atomic across
        workers and hosts: the key's row at second 0 is written first, which makes any other transaction for the key
        wait until this one ends, and deleted at the end, so it leaves nothing behind."""
        with self._transaction() as run:
            run(
                'INSERT INTO rate_limits (key, "window", count) VALUES (?, 0, 0) '
                'ON CONFLICT (key, "window") DO UPDATE SET count = 0',
                (key,),
            )
            rows = run(
                'SELECT "window", count FROM rate_limits WHERE key = ? AND "window" > ? ORDER BY "window"',
                (key, second - span_s),
            ).fetchall()
            counted = sum(int(count) for _, count in rows) < limit
            if counted:
                run(
                    'INSERT INTO rate_limits (key, "window", count) VALUES (?, ?, 1) '
                    'ON CONFLICT (key, "window") DO UPDATE SET count = rate_limits.count + 1',
                    (key, second),
                )
            run('DELETE FROM rate_limits WHERE key = ? AND "window" = 0', (key,))
        # now and then, forget the seconds past every span (and old minute rows)
        if counted and second % 10 == 0:
            with contextlib.suppress(StateUnavailable), self._transaction() as run:
                run('DELETE FROM rate_limits WHERE "window" > 0 AND "window" <= ?', (second - span_s,))
        return counted, [] if counted else [(int(at), int(count)) for at, count in rows]

    def take_quota(self, day: str, cap: int) -> bool:
        """Count one use of the day's quota; False (nothing counted) once ``cap`` is reached."""
        with self._transaction() as run:
            row = run(
                "INSERT INTO widget_usage (day, count) VALUES (?, 1) ON CONFLICT (day) DO UPDATE "
                "SET count = widget_usage.count + 1 WHERE widget_usage.count < ? RETURNING count",
                (day, cap),
            ).fetchone()
        return row is not None

    def quota_used(self, day: str) -> int:
        with self._transaction() as run:
            row = run("SELECT count FROM widget_usage WHERE day = ?", (day,)).fetchone()
        return int(row[0]) if row else 0

    # -- Slack ---------------------------------------------------------------------------------------
    def first_delivery(self, event_id: str, *, now: float, ttl_s: float) -> bool:
        with self._transaction() as run:
            run("DELETE FROM slack_events WHERE created_at < ?", (now - ttl_s,))
            cur = run(
                "INSERT INTO slack_events (event_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (event_id, now),
            )
            return cur.rowcount == 1

    def keep_shared(self, answer_id: str, payload: str, *, now: float, ttl_s: float) -> None:
        with self._transaction() as run:
            run("DELETE FROM slack_answers WHERE created_at < ?", (now - ttl_s,))
            run(
                "INSERT INTO slack_answers (answer_id, answer, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (answer_id) DO UPDATE SET answer = excluded.answer, created_at = excluded.created_at",
                (answer_id, payload, now),
            )

    def shared(self, answer_id: str, *, since: float) -> str | None:
        with self._transaction() as run:
            row = run(
                "SELECT answer FROM slack_answers WHERE answer_id = ? AND created_at >= ?", (answer_id, since)
            ).fetchone()
        return str(row[0]) if row else None

    def follow_thread(
        self, channel: str, thread_ts: str, user_hash: str, *, now: float, ttl_s: float
    ) -> None:
        with self._transaction() as run:
            run("DELETE FROM slack_threads WHERE created_at < ?", (now - ttl_s,))
            run(
                "INSERT INTO slack_threads (channel, thread_ts, user_hash, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (channel, thread_ts, user_hash) DO UPDATE SET created_at = excluded.created_at",
                (channel, thread_ts, user_hash, now),
            )

    def follows(self, channel: str, thread_ts: str, user_hash: str, *, since: float) -> bool:
        with self._transaction() as run:
            row = run(
                "SELECT 1 FROM slack_threads WHERE channel = ? AND thread_ts = ? AND user_hash = ? AND created_at >= ?",
                (channel, thread_ts, user_hash, since),
            ).fetchone()
        return row is not None

    # -- shared settings -----------------------------------------------------------------------------
    def shared_setting(self, name: str, candidate: str) -> str:
        """The stored value of ``name``; ``candidate`` is stored first if there is none (first writer wins)."""
        with self._transaction() as run:
            run(
                "INSERT INTO state_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (name, candidate),
            )
            return str(run("SELECT value FROM state_settings WHERE name = ?", (name,)).fetchone()[0])

    def ping(self) -> None:
        with self._transaction() as run:
            run("SELECT 1").fetchone()

    def close(self) -> None:
        return None


@contextlib.contextmanager
def nothing() -> Iterator[None]:
    yield

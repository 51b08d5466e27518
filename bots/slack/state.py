"""Slack state that must survive several workers: event ids already answered (Slack resends events) and other
one-time keys (a shared answer), recent ephemeral answers a user may still share with "Del i kanalen", and the
threads the bot answered someone in (it follows up there without a new mention). Small tables in the project's
SQLite file (WAL), next to the feedback table. The per-user rate limit is assistant.ratelimit's, shared too.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from assistant.privacy import redact
from assistant.sqlite import SqliteFile
from assistant.types import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS slack_events (
    event_id TEXT PRIMARY KEY,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS slack_answers (
    answer_id TEXT PRIMARY KEY,
    answer TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS slack_threads (
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts, user_hash)
);
"""

EVENT_TTL_S = 3600.0  # Slack retries within minutes (immediately, after 1 and after 5 minutes)
ANSWER_TTL_S = 24 * 3600.0  # how long a private answer can still be shared
THREAD_TTL_S = 7 * 24 * 3600.0  # how long the bot follows up in a thread it answered


class SlackState:
    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock
        # NORMAL: survives a crash; a power cut may forget an event id (Slack then gets a second answer)
        self._db = SqliteFile(path, SCHEMA, synchronous="NORMAL")

    def _connect(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self._db.connect()

    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id (or another one-time key, such as "share:<answer id>") is seen,
        across workers; False for a resent event or a second click."""
        now = self.clock()
        with self._connect() as conn:
            conn.execute("DELETE FROM slack_events WHERE created_at < ?", (now - EVENT_TTL_S,))
            cur = conn.execute(
                "INSERT OR IGNORE INTO slack_events (event_id, created_at) VALUES (?, ?)", (event_id, now)
            )
            return cur.rowcount == 1

    def keep_answer(self, answer: Answer) -> None:
        """Keep a private answer (question redacted) so its "Del i kanalen" button can post it later."""
        now = self.clock()
        stored = answer.model_copy(update={"question": redact(answer.question)})
        with self._connect() as conn:
            conn.execute("DELETE FROM slack_answers WHERE created_at < ?", (now - ANSWER_TTL_S,))
            conn.execute(
                "INSERT OR REPLACE INTO slack_answers (answer_id, answer, created_at) VALUES (?, ?, ?)",
                (answer.answer_id, stored.model_dump_json(), now),
            )

    def shared_answer(self, answer_id: str) -> Answer | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT answer FROM slack_answers WHERE answer_id = ? AND created_at >= ?",
                (answer_id, self.clock() - ANSWER_TTL_S),
            ).fetchone()
        return Answer.model_validate_json(row[0]) if row else None

    def follow_thread(self, channel: str, thread_ts: str, user_hash: str) -> None:
        """Remember that the bot answered this user (keyed hash) in this thread."""
        now = self.clock()
        with self._connect() as conn:
            conn.execute("DELETE FROM slack_threads WHERE created_at < ?", (now - THREAD_TTL_S,))
            conn.execute(
                "INSERT OR REPLACE INTO slack_threads (channel, thread_ts, user_hash, created_at) "
                "VALUES (?, ?, ?, ?)",
                (channel, thread_ts, user_hash, now),
            )

    def follows(self, channel: str, thread_ts: str, user_hash: str) -> bool:
        """True if the bot answered this user in this thread (within THREAD_TTL_S)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT 1 FROM slack_threads WHERE channel = ? AND thread_ts = ? AND user_hash = ? "
                "AND created_at >= ?",
                (channel, thread_ts, user_hash, self.clock() - THREAD_TTL_S),
            ).fetchone()
        return row is not None

"""Durable state shared by the front ends: feedback, conversation turns and the audit trail.

SQLite (WAL, synchronous=FULL) under the data dir is the default and is safe for several worker
processes on one host. Every statement goes through `_connect`, so another database (Postgres) needs a
new implementation of this small class, not changes to its callers.
Nothing stored holds raw personal identifiers: text is redacted first, and user ids are keyed hashes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

from assistant.privacy import pseudonym, redact
from assistant.sqlite import SqliteFile

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    source TEXT NOT NULL,
    user_hash TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_id TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_conversation ON turns (conversation_id, id);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    request_id TEXT,
    user_hash TEXT,
    source TEXT NOT NULL,
    question TEXT,
    cited TEXT NOT NULL,
    law_as_of TEXT,
    abstained INTEGER NOT NULL,
    model TEXT,
    index_version TEXT,
    mode TEXT,
    latency_ms REAL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_answer ON audit (answer_id);
"""


def installation_key(directory: Path) -> str:
    """A random key kept beside the database (created once, readable by the owner only), so user ids are
    hashed with a secret even when HMS_PSEUDONYM_KEY is not set."""
    path = directory / "pseudonym.key"
    if not path.is_file():
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


class Storage:
    def __init__(self, path: Path, *, pseudonym_key: str | None = None, log_questions: bool = False):
        self.path = path
        self.pseudonym_key = pseudonym_key or installation_key(path.parent)
        self.log_questions = log_questions
        self._db = SqliteFile(path, SCHEMA, synchronous="FULL")

    def _connect(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self._db.connect()

    def user_hash(self, user: str | None) -> str | None:
        return pseudonym(user, self.pseudonym_key) if user else None

    # -- feedback -----------------------------------------------------------------------------------
    def add_feedback(
        self, *, answer_id: str, helpful: bool, comment: str | None, source: str, user: str | None = None
    ) -> int:
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (answer_id, helpful, comment, source, user_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    int(helpful),
                    redact(comment) if comment else None,
                    source,
                    self.user_hash(user),
                    time.time(),
                ),
            )
            return int(cur.lastrowid or 0)

    def replace_vote(self, *, answer_id: str, helpful: bool, source: str, user: str) -> int:
        """A user's 👍/👎 on an answer: the last vote wins (their earlier vote on it, without a comment, goes)."""
        user_hash = self.user_hash(user)
        with self._connect() as conn:
            conn.execute(
                "DELETE FROM feedback WHERE answer_id = ? AND source = ? AND user_hash = ? AND comment IS NULL",
                (answer_id, source, user_hash),
            )
            cur = conn.execute(
                "INSERT INTO feedback (answer_id, helpful, comment, source, user_hash, created_at) "
                "VALUES (?, ?, NULL, ?, ?, ?)",
                (answer_id, int(helpful), source, user_hash, time.time()),
            )
            return int(cur.lastrowid or 0)

    def feedback(self) -> list[dict[str, Any]]:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]

    def feedback_summary(self) -> dict[str, int]:
        with self._connect() as conn:
            row = conn.execute("SELECT COUNT(*), COALESCE(SUM(helpful), 0) FROM feedback").fetchone()
        return {"total": int(row[0]), "helpful": int(row[1]), "not_helpful": int(row[0]) - int(row[1])}

    # -- conversations ------------------------------------------------------------------------------
    def add_turn(self, conversation_id: str, question: str, answer_id: str | None, *, keep: int = 6) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO turns (conversation_id, question, answer_id, created_at) VALUES (?, ?, ?, ?)",
                (conversation_id, redact(question), answer_id, time.time()),
            )
            conn.execute(
                "DELETE FROM turns WHERE conversation_id = ? AND id NOT IN "
                "(SELECT id FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)",
                (conversation_id, conversation_id, keep),
            )

    def history(self, conversation_id: str, *, limit: int = 3) -> list[str]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT question FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?",
                (conversation_id, limit),
            ).fetchall()
        return [r[0] for r in reversed(rows)]

    # -- audit trail --------------------------------------------------------------------------------
    def audit(
        self,
        *,
        answer: Any,
        source: str,
        user: str | None,
        request_id: str | None,
        model: str,
        index_version: str | None,
    ) -> None:
        cited = ";".join(getattr(c, "ref", None) or f"faq:{c.faq_id}" for c in answer.citations)
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO audit (answer_id, request_id, user_hash, source, question, cited, law_as_of, "
                "abstained, model, index_version, mode, latency_ms, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer.answer_id,
                    request_id,
                    self.user_hash(user),
                    source,
                    redact(answer.question) if self.log_questions else None,
                    cited,
                    answer.law_as_of,
                    int(answer.abstained),
                    model,
                    index_version,
                    answer.mode,
                    answer.latency_ms,
                    time.time(),
                ),
            )

    def audit_rows(self) -> list[dict[str, Any]]:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY id")]

    def purge(self, *, older_than_s: float, turns_older_than_s: float | None = None) -> int:
        """Delete feedback and audit rows older than the retention period, and conversation turns older
        than theirs (by default the same); returns the number of rows deleted."""
        now = time.time()
        turns_cutoff = now - (older_than_s if turns_older_than_s is None else turns_older_than_s)
        with self._connect() as conn:
            deleted = conn.execute("DELETE FROM turns WHERE created_at < ?", (turns_cutoff,)).rowcount
            return deleted + sum(
                conn.execute(f"DELETE FROM {table} WHERE created_at < ?", (now - older_than_s,)).rowcount
                for table in ("feedback", "audit")
            )

"""Feedback, conversation turns and the audit trail, on any StateBackend.

Nothing stored holds raw personal identifiers: text is redacted first, and user ids are keyed hashes. An
audit row the database cannot take is spooled locally and written when it is back (nothing is lost).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from assistant.infra.privacy import pseudonym, redact
from assistant.infra.state.base import StateBackend, StateUnavailable
from assistant.infra.state.spool import AuditSpool

log = logging.getLogger("hms.state")


class State:
    def __init__(
        self,
        backend: StateBackend,
        *,
        pseudonym_key: str | None = None,
        log_questions: bool = False,
        spool: AuditSpool | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.backend = backend
        self._key = pseudonym_key
        self.log_questions = log_questions
        self.spool = spool
        self.clock = clock

    @property
    def pseudonym_key(self) -> str:
        if self._key is None:
            self._key = self.backend.pseudonym_key()
        return self._key

    def user_hash(self, user: str | None) -> str | None:
        return pseudonym(user, self.pseudonym_key) if user else None

    # -- feedback -----------------------------------------------------------------------------------
    def add_feedback(
        self,
        *,
        answer_id: str,
        helpful: bool,
        comment: str | None,
        source: str,
        user: str | None = None,
        key: str | None = None,
    ) -> int:
        """Store a vote and return its id; a retry with the same ``key`` returns the first id."""
        return self.add_feedback_once(
            answer_id=answer_id, helpful=helpful, comment=comment, source=source, user=user, key=key
        )[0]

    def add_feedback_once(
        self,
        *,
        answer_id: str,
        helpful: bool,
        comment: str | None,
        source: str,
        user: str | None,
        key: str | None,
    ) -> tuple[int, bool]:
        """(id, created): created is False when ``key`` was already stored for this answer."""
        row = {
            "answer_id": answer_id,
            "helpful": int(helpful),
            "comment": redact(comment) if comment else None,
            "source": source,
            "user_hash": self.user_hash(user),
            "created_at": self.clock(),
        }
        return self.backend.add_feedback(row, key=key)

    def replace_vote(self, *, answer_id: str, helpful: bool, source: str, user: str) -> int:
        """A user's 👍/👎 on an answer: the last vote wins (their earlier vote on it, without a comment, goes)."""
        row = {
            "answer_id": answer_id,
            "helpful": int(helpful),
            "comment": None,
            "source": source,
            "user_hash": self.user_hash(user),
            "created_at": self.clock(),
        }
        return self.backend.replace_vote(row)

    def feedback(self) -> list[dict[str, Any]]:
        return self.backend.feedback_rows()

    # -- conversations ------------------------------------------------------------------------------
    def add_turn(self, conversation_id: str, question: str, answer_id: str | None, *, keep: int = 6) -> None:
        self.backend.add_turn(conversation_id, redact(question), answer_id, now=self.clock(), keep=keep)

    def history(self, conversation_id: str, *, limit: int = 3, max_age_s: float | None = None) -> list[str]:
        since = self.clock() - max_age_s if max_age_s else 0.0
        return self.backend.history(conversation_id, limit=limit, since=since)

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
        """Write the answer's audit row; spooled locally (and written later) if the database is down."""
        row = {
            "answer_id": answer.answer_id,
            "request_id": request_id,
            "user_hash": self.user_hash(user),
            "source": source,
            "question": redact(answer.question) if self.log_questions else None,
            "cited": ";".join(getattr(c, "ref", None) or f"faq:{c.faq_id}" for c in answer.citations),
            "law_as_of": answer.law_as_of,
            "abstained": int(answer.abstained),
            "model": model,
            "index_version": index_version,
            "mode": answer.mode,
            "latency_ms": answer.latency_ms,
            "created_at": self.clock(),
        }
        try:
            self.backend.add_audit(row)
        except StateUnavailable:
            if self.spool is None:
                raise
            self.spool.add(row)
            log.warning("audit row spooled: the state database is unavailable")
            return
        if self.spool is not None and self.spool.pending():
            self.flush_spool()

    def flush_spool(self) -> int:
        """Write spooled audit rows now (no-op without a spool or when the database is still down)."""
        if self.spool is None:
            return 0
        written = self.spool.replay(self.backend)
        if written:
            log.info("spooled audit rows written", extra={"rows": written})
        return written

    def audit_rows(self) -> list[dict[str, Any]]:
        return self.backend.audit_rows()

    def purge(self, *, older_than_s: float, turns_older_than_s: float | None = None) -> int:
        """Delete feedback, audit and Slack rows older than the retention period, and conversation turns
        older than theirs (by default the same); returns the number of rows deleted."""
        now = self.clock()
        turns = older_than_s if turns_older_than_s is None else turns_older_than_s
        return self.backend.purge(before=now - older_than_s, turns_before=now - turns)

"""Conversation turns and the audit trail around one answer. Storage trouble never costs the user the answer."""

from __future__ import annotations

import logging
import sqlite3

from assistant.service import Assistant
from assistant.storage import Storage
from assistant.types import Answer

log = logging.getLogger("hms.web")

HISTORY_TURNS = 3


def recent_questions(storage: Storage, conversation_id: str | None) -> list[str]:
    """The last few questions of the conversation, oldest first ([] without an id or when storage fails)."""
    if not conversation_id:
        return []
    try:
        return storage.history(conversation_id, limit=HISTORY_TURNS)
    except sqlite3.Error:
        log.exception("could not read conversation history")
        return []


def remember(
    storage: Storage,
    assistant: Assistant,
    *,
    answer: Answer,
    conversation_id: str | None,
    source: str,
    user: str | None = None,
) -> None:
    """Keep the turn for follow-ups and write the audit row; logs (and swallows) storage errors."""
    try:
        if conversation_id:
            storage.add_turn(conversation_id, answer.question, answer.answer_id)
        storage.audit(
            answer=answer,
            source=source,
            user=user,
            request_id=answer.request_id,
            model=assistant.settings.llm or "extractive",
            index_version=assistant.index_version,
        )
    except sqlite3.Error:
        log.exception("could not store the conversation turn or audit row")

"""Conversation turns and the audit trail around one answer. Storage trouble never costs the user the answer."""

from __future__ import annotations

import logging

from assistant.infra.state import State, StateUnavailable
from assistant.service import Assistant
from assistant.types import Answer

log = logging.getLogger("hms.web")

HISTORY_TURNS = 3


def recent_questions(storage: State, conversation_id: str | None) -> list[str]:
    """The last few questions of the conversation, oldest first ([] without an id or when storage fails)."""
    if not conversation_id:
        return []
    try:
        return storage.history(conversation_id, limit=HISTORY_TURNS)
    except StateUnavailable:
        log.warning("could not read conversation history: the state database is unavailable")
        return []


def remember(
    storage: State,
    assistant: Assistant,
    *,
    answer: Answer,
    conversation_id: str | None,
    source: str,
    user: str | None = None,
) -> None:
    """Keep the turn for follow-ups and write the audit row; logs (and swallows) storage errors."""
    if conversation_id:
        try:
            storage.add_turn(conversation_id, answer.question, answer.answer_id)
        except StateUnavailable:
            log.warning("conversation turn not kept: the state database is unavailable")
    try:
        storage.audit(
            answer=answer,
            source=source,
            user=user,
            request_id=answer.request_id,
            model=assistant.settings.llm or "extractive",
            index_version=assistant.index_version,
        )
    except (StateUnavailable, OSError):  # neither the database nor the local spool took the row
        log.exception("could not store the audit row")

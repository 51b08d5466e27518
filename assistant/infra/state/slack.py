"""Slack state that must hold across workers and hosts: event ids already answered (Slack resends events)
and other one-time keys (a shared answer: "share:<answer id>"), recent private answers a user may still share
with "Del i kanalen", and the threads the bot answered someone in (it follows up there without a new mention)."""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.infra.privacy import redact
from assistant.infra.state.base import StateBackend
from assistant.types import Answer

EVENT_TTL_S = 3600.0  # Slack retries within minutes (immediately, after 1 and after 5 minutes)
ANSWER_TTL_S = 24 * 3600.0  # how long a private answer can still be shared
THREAD_TTL_S = 7 * 24 * 3600.0  # how long the bot follows up in a thread it answered


class SlackState:
    def __init__(self, backend: StateBackend, *, clock: Callable[[], float] = time.time):
        self.backend = backend
        self.clock = clock

    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen (by any worker on any host); False for a resent event."""
        return self.backend.first_delivery(event_id, now=self.clock(), ttl_s=EVENT_TTL_S)

    def keep_answer(self, answer: Answer) -> None:
        """Keep a private answer (question redacted) so its "Del i kanalen" button can post it later."""
        stored = answer.model_copy(update={"question": redact(answer.question)})
        self.backend.keep_shared(
            answer.answer_id, stored.model_dump_json(), now=self.clock(), ttl_s=ANSWER_TTL_S
        )

    def shared_answer(self, answer_id: str) -> Answer | None:
        raw = self.backend.shared(answer_id, since=self.clock() - ANSWER_TTL_S)
        return Answer.model_validate_json(raw) if raw else None

    def follow_thread(self, channel: str, thread_ts: str, user_hash: str) -> None:
        """Remember that the bot answered this user (keyed hash) in this thread."""
        self.backend.follow_thread(channel, thread_ts, user_hash, now=self.clock(), ttl_s=THREAD_TTL_S)

    def follows(self, channel: str, thread_ts: str, user_hash: str) -> bool:
        """True if the bot answered this user in this thread (within THREAD_TTL_S)."""
        return self.backend.follows(channel, thread_ts, user_hash, since=self.clock() - THREAD_TTL_S)

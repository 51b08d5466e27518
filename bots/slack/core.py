"""What every Slack entry point shares: asking the assistant (a Norwegian notice instead of an error), the
channel allowlist and the per-user rate limit, the audit row, and posting an answer so that the user always
gets something: the answer in messages Slack takes, or a short fallback when Slack refuses one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.index.errors import IndexNotReady
from assistant.infra.config import Settings
from assistant.infra.state import RateLimiter, SlackState, State
from assistant.question.validation import InvalidQuestion
from assistant.service import Assistant
from assistant.types import Answer
from bots.slack.blocks import notice
from bots.slack.layout import Message, answer_messages, not_shown_text
from bots.slack.mrkdwn import safe_url
from bots.slack.texts import FAILED, NOT_READY, SLOW_DOWN

log = logging.getLogger("hms.slack")
MAX_LLM_ANSWER_CHARS = 1500  # an LLM's prose in Slack: lower than the web's (HMS_LLM_MAX_ANSWER_CHARS)


@dataclass(frozen=True)
class Notice:
    """A message instead of an answer; `private` ones (about the asker's own input) only the asker sees."""

    text: str
    private: bool = False


class SlackCore:
    def __init__(
        self,
        *,
        settings: Settings,
        assistant: Assistant,
        storage: State,
        state: SlackState,
        limiter: RateLimiter,
    ):
        self.settings = settings
        self.assistant = assistant
        self.storage = storage
        self.state = state
        self.limiter = limiter
        self.allowed_channels = frozenset(settings.slack_channels)
        self.web_url = (safe_url(settings.public_url or "") or "").rstrip("/") or None

    # -- who may ask, where -------------------------------------------------------------------------
    def channel_allowed(self, channel: str) -> bool:
        """DMs always; other conversations only if HMS_SLACK_CHANNELS is empty or lists them."""
        return not self.allowed_channels or channel.startswith("D") or channel in self.allowed_channels

    def allowed(self, user: str | None) -> bool:
        """HMS_SLACK_RATE_LIMIT_PER_MINUTE per Slack user, counted across every worker (keyed hash of the id)."""
        return not user or self.limiter.hit(f"slack:{self.storage.user_hash(user)}").allowed

    def follow_ups_on(self, channel: str, channel_type: str | None) -> bool:
        """Follow-ups without a new mention: in group DMs unless turned off, in listed channels ('*': all)."""
        if channel_type in ("im", "mpim"):
            return self.settings.slack_follow_up_in_dms
        listed = self.settings.slack_follow_up_channels
        return "*" in listed or channel in listed

    # -- answering ----------------------------------------------------------------------------------
    def ask(self, question: str, *, history: Sequence[str] = (), request_id: str | None) -> Answer | Notice:
        """The Answer, or a Norwegian notice saying why there is none (never a stack trace)."""
        try:
            return self.assistant.ask(question, history=history, max_answer_chars=MAX_LLM_ANSWER_CHARS)
        except InvalidQuestion as exc:
            return Notice(exc.message, private=True)
        except IndexNotReady as exc:
            log.error("index not ready: %s", exc.reason, extra={"request_id": request_id})
            return Notice(NOT_READY)
        except Exception:
            log.exception("answer failed", extra={"request_id": request_id})
            return Notice(FAILED)

    def slow_down(self) -> Notice:
        return Notice(SLOW_DOWN, private=True)

    def messages(self, answer: Answer, *, intro: str | None = None, share: bool = False) -> list[Message]:
        return answer_messages(answer, intro=intro, share=share, web_url=self.web_url)

    def audit(self, answer: Answer, *, user: str | None, request_id: str | None) -> None:
        """The audit row, written after the answer is posted (storage trouble never loses an answer)."""
        try:
            self.storage.audit(
                answer=answer,
                source="slack",
                user=user,
                request_id=request_id,
                model=getattr(self.assistant.answerer, "name", answer.mode),
                index_version=self.assistant.index_version,
            )
        except Exception:
            log.exception("could not write the audit row", extra={"request_id": request_id})

    # -- posting ------------------------------------------------------------------------------------
    def post(
        self,
        client: WebClient,
        messages: list[Message],
        *,
        channel: str,
        thread_ts: str | None,
        answer: Answer | None = None,
    ) -> str | None:
        """Post the messages in order; the channel of the first one, or None if Slack refused it. After a
        refusal the rest are not sent: a short text with a link to the whole answer (or its sources) is."""
        posted: str | None = None
        for message in messages:
            try:
                result = client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message
                )
                posted = posted or str(result.get("channel") or channel)
            except SlackApiError as exc:
                error = exc.response.get("error")
                log.error("slack refused a message: %s", error)
                if error in ("not_in_channel", "channel_not_found", "is_archived") and posted is None:
                    raise
                self.post_text(
                    client, not_shown_text(answer, self.web_url), channel=channel, thread_ts=thread_ts
                )
                return posted
        return posted

    def post_text(self, client: WebClient, text: str, *, channel: str, thread_ts: str | None) -> None:
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, unfurl_links=False)
        except SlackApiError as exc:
            log.error("slack refused the fallback too: %s", exc.response.get("error"))

    def tell(
        self, client: WebClient, what: Notice, *, channel: str, user: str | None, thread_ts: str | None
    ) -> None:
        """A notice: only the asker sees a private one (outside a DM); the others go in the conversation."""
        message: dict[str, Any] = notice(what.text)
        if what.private and user and not channel.startswith("D"):
            client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **message)
        else:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)

    def respond(self, respond: Any, messages: list[Message], *, answer: Answer | None, **first: Any) -> bool:
        """Send the messages to a response_url (`first` holds e.g. replace_original for the first one); on a
        refusal, replace them with the short fallback. True if all were taken."""
        first = {"response_type": "ephemeral", **first}
        for n, message in enumerate(messages):
            extra = first if n == 0 else {**first, "replace_original": False}
            result = respond(**extra, **message)
            if getattr(result, "status_code", 200) != 200:
                log.error("slack refused a response: %s", getattr(result, "body", ""))
                respond(**extra, text=not_shown_text(answer, self.web_url))
                return False
        return True

"""What the Slack listeners do, after Slack has had its ack: turn a mention, a DM or `/hms` into
`Assistant.ask(...)` and the Answer into Block Kit; store 👍/👎; share a private answer in the channel.

The listeners in `bots.slack.listeners` register these methods as Bolt lazy listeners, so the same code
runs in Socket Mode and in HTTP mode. No retrieval or answer logic lives here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.config import Settings
from assistant.ratelimit import RateLimiter
from assistant.service import Assistant
from assistant.storage import Storage
from assistant.store import IndexNotReady
from assistant.types import Answer
from assistant.validation import InvalidQuestion
from bots.slack.blocks import (
    ACTION_HELPFUL,
    TEXT,
    answer_blocks,
    asked_intro,
    fallback_text,
    notice,
    section,
    shared_intro,
)
from bots.slack.mrkdwn import from_slack
from bots.slack.state import SlackState

log = logging.getLogger("hms.slack")

WORKING_REACTION = "eyes"
HISTORY_TURNS = 3
DM_CONTEXT_S = 30 * 60  # top-level DMs: earlier questions from the last half hour count as context
MAX_LLM_ANSWER_CHARS = 1500  # an LLM's prose in Slack: lower than the web's (HMS_LLM_MAX_ANSWER_CHARS)
_ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")
_USER_SUBTYPES = (None, "file_share", "thread_broadcast")

HELP = (
    "Hei! Jeg svarer på spørsmål om HMS ut fra HMS Kontorets FAQ, arbeidsmiljøloven og deler av to "
    "forskrifter, med henvisning til paragraf og ledd.\n"
    "- Nevn meg i en kanal, så svarer jeg i tråden. Oppfølgingsspørsmål i tråden forstår jeg i sammenheng.\n"
    "- Send meg en direktemelding.\n"
    "- `/hms <spørsmål>` gir et privat svar som du kan dele i kanalen.\n"
    "- `/hms § 3-5` eller `/hms aml 6-5` viser paragrafen ordrett."
)
NOT_HERE = (
    "Jeg svarer ikke i denne kanalen. Send meg en direktemelding, eller spør i en kanal jeg er satt opp for."
)
SLOW_DOWN = "Du har stilt mange spørsmål det siste minuttet. Vent litt og prøv igjen."
NOT_READY = "Jeg kan ikke svare akkurat nå fordi kunnskapsbasen ikke er klar. Prøv igjen om litt."
FAILED = "Beklager, noe gikk galt da jeg skulle svare. Prøv igjen om litt."
EXPIRED = "Dette svaret kan ikke deles lenger. Still spørsmålet på nytt med `/hms`."
THANKS = {"nb": "Takk for tilbakemeldingen!", "en": "Thanks for the feedback!"}


class SlackBot:
    def __init__(
        self,
        *,
        settings: Settings,
        assistant: Assistant,
        storage: Storage,
        state: SlackState,
        limiter: RateLimiter,
    ):
        self.settings = settings
        self.assistant = assistant
        self.storage = storage
        self.state = state
        self.limiter = limiter
        self.allowed_channels = frozenset(settings.slack_channels)

    # -- events: app_mention and message.im ---------------------------------------------------------
    def answer_mention(
        self, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: Any
    ) -> None:
        """An @mention in a channel: answered in the message's thread."""
        if str(event.get("channel", "")).startswith("D"):
            return  # a mention inside a DM also arrives as message.im, which answers it
        self._answer_event(event, body, client, bot_user_id=context.bot_user_id, threaded=True)

    def answer_dm(self, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: Any) -> None:
        """A direct message: answered in the DM (in its thread if the user wrote in one)."""
        if (
            event.get("channel_type") != "im"
            or event.get("bot_id")
            or event.get("subtype") not in _USER_SUBTYPES
        ):
            return
        self._answer_event(event, body, client, bot_user_id=context.bot_user_id, threaded=False)

    def _answer_event(
        self,
        event: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        *,
        bot_user_id: str | None,
        threaded: bool,
    ) -> None:
        event_id = body.get("event_id")
        if event_id and not self.state.first_delivery(str(event_id)):
            log.info("resent event ignored", extra={"event_id": event_id})
            return
        channel, ts, user = str(event["channel"]), str(event["ts"]), event.get("user")
        thread_ts = event.get("thread_ts") or (ts if threaded else None)

        def post(message: dict[str, Any]) -> None:
            client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message
            )

        try:
            if not self.channel_allowed(channel):
                client.chat_postEphemeral(
                    channel=channel, user=str(user), thread_ts=thread_ts, **notice(NOT_HERE)
                )
                return
            question = from_slack(str(event.get("text", "")), bot_user_id=bot_user_id)
            if not question:
                post(notice(HELP))
                return
            if user and not self.allowed(user):
                post(notice(SLOW_DOWN))
                return
            self._react(client.reactions_add, channel, ts)
            try:
                history = self.history(
                    client, channel=channel, ts=ts, thread_ts=event.get("thread_ts"), bot_user_id=bot_user_id,
                    dm=not threaded, asker=user,
                )  # fmt: skip
                answer = self.ask(question, history=history, request_id=event_id)
                if isinstance(answer, Answer):
                    post({"text": fallback_text(answer), "blocks": answer_blocks(answer)})
                    self.audit(answer, user=user, request_id=event_id)
                else:
                    post(notice(answer))
            finally:
                self._react(client.reactions_remove, channel, ts)
        except SlackApiError as exc:
            log.error("slack api error: %s", exc.response.get("error"), extra={"event_id": event_id})

    def allowed(self, user: str) -> bool:
        """HMS_SLACK_RATE_LIMIT_PER_MINUTE per Slack user, counted across every worker (keyed hash of the id)."""
        return self.limiter.hit(f"slack:{self.storage.user_hash(user)}").allowed

    # -- /hms ---------------------------------------------------------------------------------------
    def answer_command(self, command: dict[str, Any], respond: Any) -> None:
        """`/hms <question>`: a private (ephemeral) answer that restates the question and can be shared."""
        question = from_slack(str(command.get("text", "")))
        user, channel = command.get("user_id"), str(command.get("channel_id", ""))
        if not question or question.lower() in ("hjelp", "help"):
            respond(response_type="ephemeral", **notice(HELP))
            return
        if not self.channel_allowed(channel):
            respond(response_type="ephemeral", **notice(NOT_HERE))
            return
        if user and not self.allowed(user):
            respond(response_type="ephemeral", **notice(SLOW_DOWN))
            return
        request_id = command.get("trigger_id")
        answer = self.ask(question, request_id=request_id)
        if isinstance(answer, Answer):
            self.state.keep_answer(answer)  # for its "Del i kanalen" button
            blocks = answer_blocks(answer, intro=asked_intro(question, answer.language), share=True)
            respond(response_type="ephemeral", text=fallback_text(answer), blocks=blocks)
            self.audit(answer, user=user, request_id=request_id)
        else:
            message = notice(answer)
            message["blocks"].insert(0, section(asked_intro(question, "nb")))
            respond(response_type="ephemeral", **message)

    # -- buttons ------------------------------------------------------------------------------------
    def record_feedback(self, body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        """👍/👎: stored with the web chat's feedback (source 'slack', the user id pseudonymized)."""
        answer_id = str(action.get("value", ""))
        if not _ANSWER_ID.match(answer_id):
            log.warning("feedback for a malformed answer id ignored")
            return
        self.storage.add_feedback(
            answer_id=answer_id,
            helpful=action.get("action_id") == ACTION_HELPFUL,
            comment=None,
            source="slack",
            user=(body.get("user") or {}).get("id"),
        )
        lang = (
            "en"
            if action.get("text", {}).get("text") in (TEXT["helpful"]["en"], TEXT["unhelpful"]["en"])
            else "nb"
        )
        respond(response_type="ephemeral", replace_original=False, text=THANKS[lang])

    def share_answer(
        self, body: dict[str, Any], action: dict[str, Any], respond: Any, client: WebClient
    ) -> None:
        """ "Del i kanalen": post a private /hms answer publicly in the channel, then remove the private one."""
        user = str((body.get("user") or {}).get("id", ""))
        channel = str(
            (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
        )
        answer = self.state.shared_answer(str(action.get("value", "")))
        if answer is None:
            respond(response_type="ephemeral", replace_original=False, **notice(EXPIRED))
            return
        if not self.channel_allowed(channel):
            respond(response_type="ephemeral", replace_original=False, **notice(NOT_HERE))
            return
        intro = shared_intro(user, answer.question, answer.language)
        message: dict[str, Any] = {
            "text": fallback_text(answer),
            "blocks": answer_blocks(answer, intro=intro),
        }
        try:
            client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **message)
        except SlackApiError as exc:
            if exc.response.get("error") not in ("not_in_channel", "channel_not_found"):
                raise
            # the bot is not a member of the channel: the interaction's response_url can still post there
            respond(response_type="in_channel", replace_original=False, **message)
        respond(delete_original=True)

    # -- shared steps -------------------------------------------------------------------------------
    def channel_allowed(self, channel: str) -> bool:
        """DMs always; other channels only if HMS_SLACK_CHANNELS is empty or lists them."""
        return not self.allowed_channels or channel.startswith("D") or channel in self.allowed_channels

    def ask(self, question: str, *, history: Sequence[str] = (), request_id: str | None) -> Answer | str:
        """The Answer, or a Norwegian message saying why there is none (never a stack trace)."""
        try:
            return self.assistant.ask(question, history=history, max_answer_chars=MAX_LLM_ANSWER_CHARS)
        except InvalidQuestion as exc:
            return exc.message
        except IndexNotReady as exc:
            log.error("index not ready: %s", exc.reason, extra={"request_id": request_id})
            return NOT_READY
        except Exception:
            log.exception("answer failed", extra={"request_id": request_id})
            return FAILED

    def audit(self, answer: Answer, *, user: str | None, request_id: str | None) -> None:
        """The audit row, written after the answer is posted (storage trouble never loses an answer)."""
        try:
            self.storage.audit(
                answer=answer, source="slack", user=user, request_id=request_id,
                model=getattr(self.assistant.answerer, "name", answer.mode), index_version=self.assistant.index_version,
            )  # fmt: skip
        except Exception:
            log.exception("could not write the audit row", extra={"request_id": request_id})

    def history(
        self,
        client: WebClient,
        *,
        channel: str,
        ts: str,
        thread_ts: str | None,
        bot_user_id: str | None,
        dm: bool,
        asker: str | None = None,
    ) -> list[str]:
        """The asker's earlier questions in the thread (conversations.replies), or in a DM's last half hour:
        other people's messages in a thread never reach the answer (nor an LLM's condensing prompt)."""
        try:
            if thread_ts and thread_ts != ts:
                messages = client.conversations_replies(channel=channel, ts=thread_ts, limit=50).get(
                    "messages"
                )
            elif dm:
                oldest = f"{float(ts) - DM_CONTEXT_S:.6f}"
                found = client.conversations_history(channel=channel, latest=ts, oldest=oldest, limit=10)
                messages = list(reversed(found.get("messages") or []))
            else:
                return []
        except SlackApiError as exc:
            log.warning("could not read the conversation: %s", exc.response.get("error"))
            return []
        questions = []
        for m in messages or []:
            if (
                float(m.get("ts", 0)) >= float(ts)
                or m.get("bot_id")
                or m.get("subtype") not in _USER_SUBTYPES
            ):
                continue
            if (bot_user_id and m.get("user") == bot_user_id) or (asker and m.get("user") != asker):
                continue
            text = from_slack(str(m.get("text", "")), bot_user_id=bot_user_id)
            if text:
                questions.append(text)
        return questions[-HISTORY_TURNS:]

    @staticmethod
    def _react(call: Callable[..., Any], channel: str, ts: str) -> None:
        try:
            call(channel=channel, timestamp=ts, name=WORKING_REACTION)
        except SlackApiError as exc:  # a missing reaction is cosmetic
            log.warning("reaction failed: %s", exc.response.get("error"))

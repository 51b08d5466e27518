"""Mentions, messages and `/hms`, after Slack has had its ack: each turns into `SlackCore.ask(...)` and the
Answer into messages. An @mention is answered in its thread; a direct message in the DM; a reply in a thread the
bot answered the writer in, without a new mention where follow-ups are on (group DMs; channels by setting).
Messages from bots are never answered, and the bot reads no thread it was not asked in.

The listeners in `bots.slack.listeners` register these methods as Bolt lazy listeners, so the same code runs
in Socket Mode and in HTTP mode. No retrieval or answer logic lives here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.infra.metrics import SLACK_EVENTS
from bots.slack.blocks import asked_intro, notice, section
from bots.slack.core import Notice, SlackCore
from bots.slack.history import USER_SUBTYPES, read_history
from bots.slack.mrkdwn import from_slack
from bots.slack.texts import HELP, NOT_HERE, WORKING

log = logging.getLogger("hms.slack")

WORKING_REACTION = "eyes"
FOLLOW_UP_TYPES = ("channel", "group", "mpim")  # message.channels, message.groups, message.mpim


def is_help(question: str) -> bool:
    return not question or question.lower() in ("hjelp", "help")


def from_a_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return bool(event.get("bot_id")) or (bool(bot_user_id) and event.get("user") == bot_user_id)


class SlackBot:
    def __init__(self, core: SlackCore):
        self.core = core

    # -- events: app_mention and message ------------------------------------------------------------
    def answer_mention(
        self, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: Any
    ) -> None:
        """An @mention in a channel or group DM: answered in the message's thread."""
        if from_a_bot(event, context.bot_user_id):
            log.info("event from a bot ignored", extra={"event_id": body.get("event_id")})
            return
        if str(event.get("channel", "")).startswith("D"):
            return  # a mention inside a DM also arrives as message.im, which answers it
        self._answer(event, body, client, bot_user_id=context.bot_user_id, threaded=True)

    def answer_message(
        self, event: dict[str, Any], body: dict[str, Any], client: WebClient, context: Any
    ) -> None:
        """A direct message (answered in the DM), or a follow-up in a thread the bot answered the writer in."""
        if from_a_bot(event, context.bot_user_id) or event.get("subtype") not in USER_SUBTYPES:
            return
        if event.get("channel_type") == "im":
            self._answer(event, body, client, bot_user_id=context.bot_user_id, threaded=False)
        elif event.get("channel_type") in FOLLOW_UP_TYPES and self.follows_up(event, context.bot_user_id):
            self._answer(event, body, client, bot_user_id=context.bot_user_id, threaded=True)

    def follows_up(self, event: dict[str, Any], bot_user_id: str | None) -> bool:
        """A reply in a thread where the bot answered this user, with follow-ups on and no new mention."""
        thread_ts, channel = event.get("thread_ts"), str(event.get("channel", ""))
        if not thread_ts or thread_ts == event.get("ts"):
            return False  # not in a thread: only a mention is answered
        reason = None
        user_hash = self.core.storage.user_hash(event.get("user"))
        if bot_user_id and f"<@{bot_user_id}>" in str(event.get("text", "")):
            reason = "a mention (app_mention answers it)"
        elif not user_hash or not self.core.follow_ups_on(channel, event.get("channel_type")):
            reason = "follow-ups are off here"
        elif not self.core.state.follows(channel, str(thread_ts), user_hash):
            reason = "the bot has not answered this user in this thread"
        if reason:
            log.debug("thread reply not answered: %s", reason)
        return reason is None

    def _answer(
        self,
        event: dict[str, Any],
        body: dict[str, Any],
        client: WebClient,
        *,
        bot_user_id: str | None,
        threaded: bool,
    ) -> None:
        event_id = body.get("event_id")
        if event_id and not self.core.state.first_delivery(str(event_id)):
            SLACK_EVENTS.labels(outcome="resent").inc()
            log.info("resent event ignored", extra={"event_id": event_id})
            return
        SLACK_EVENTS.labels(outcome="first").inc()
        try:
            self._reply(event, client, bot_user_id=bot_user_id, threaded=threaded, event_id=event_id)
        except SlackApiError as exc:
            log.error("slack api error: %s", exc.response.get("error"), extra={"event_id": event_id})

    def _reply(
        self,
        event: dict[str, Any],
        client: WebClient,
        *,
        bot_user_id: str | None,
        threaded: bool,
        event_id: str | None,
    ) -> None:
        core = self.core
        channel, ts, user = str(event["channel"]), str(event["ts"]), event.get("user")
        thread_ts = event.get("thread_ts") or (ts if threaded else None)
        if not core.channel_allowed(channel):
            client.chat_postEphemeral(
                channel=channel, user=str(user), thread_ts=thread_ts, **notice(NOT_HERE)
            )
            return
        question = from_slack(str(event.get("text", "")), bot_user_id=bot_user_id)
        if not question:
            core.tell(client, Notice(HELP), channel=channel, user=user, thread_ts=thread_ts)
            return
        if not core.allowed(user):
            core.tell(client, core.slow_down(), channel=channel, user=user, thread_ts=thread_ts)
            return
        self._working(client, channel=channel, ts=ts, thread_ts=thread_ts)
        try:
            history = read_history(
                client,
                channel=channel,
                ts=ts,
                thread_ts=event.get("thread_ts"),
                asker=user,
                bot_user_id=bot_user_id,
                dm=not threaded,
            )
            answer = core.ask(question, history=history, request_id=event_id)
            if isinstance(answer, Notice):
                core.tell(client, answer, channel=channel, user=user, thread_ts=thread_ts)
                return
            if thread_ts and (user_hash := core.storage.user_hash(user)):  # before the reply can be read
                core.state.follow_thread(channel, thread_ts, user_hash)
            core.post(client, core.messages(answer), channel=channel, thread_ts=thread_ts, answer=answer)
            core.audit(answer, user=user, request_id=event_id)
        finally:
            self._react(client.reactions_remove, channel, ts)

    def _working(self, client: WebClient, *, channel: str, ts: str, thread_ts: str | None) -> None:
        """👀 on the question; in a thread also the assistant status (cleared by the bot's reply)."""
        self._react(client.reactions_add, channel, ts)
        if thread_ts:
            try:
                client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=WORKING)
            except SlackApiError as exc:  # not an AI app here, or an older workspace: the 👀 says it
                log.debug("thread status not set: %s", exc.response.get("error"))

    @staticmethod
    def _react(call: Callable[..., Any], channel: str, ts: str) -> None:
        try:
            call(channel=channel, timestamp=ts, name=WORKING_REACTION)
        except SlackApiError as exc:  # a missing reaction is cosmetic
            log.warning("reaction failed: %s", exc.response.get("error"))

    # -- /hms ---------------------------------------------------------------------------------------
    def answer_command(self, command: dict[str, Any], respond: Any) -> None:
        """`/hms <question>`: a private answer that replaces the "Leter i kildene …" the ack showed, restates
        the question and can be shared. The ack already showed the help for an empty command."""
        core = self.core
        question = from_slack(str(command.get("text", "")))
        user, channel = command.get("user_id"), str(command.get("channel_id", ""))
        if is_help(question):
            return
        if not core.channel_allowed(channel):
            respond(response_type="ephemeral", replace_original=True, **notice(NOT_HERE))
            return
        if not core.allowed(user):
            respond(response_type="ephemeral", replace_original=True, **notice(core.slow_down().text))
            return
        request_id = command.get("trigger_id")
        answer = core.ask(question, request_id=request_id)
        if isinstance(answer, Notice):
            message = notice(answer.text)
            message["blocks"].insert(0, section(asked_intro(question, "nb")))
            respond(response_type="ephemeral", replace_original=True, **message)
            return
        core.state.keep_answer(answer)  # for its "Del i kanalen" button
        messages = core.messages(answer, intro=asked_intro(question, answer.language), share=True)
        core.respond(respond, messages, answer=answer, replace_original=True)
        core.audit(answer, user=user, request_id=request_id)

"""Block Kit buttons, after Slack has had its ack: 👍/👎 (the last vote of a user wins), "Del i kanalen"
(a private /hms answer posted once in the channel, however often it is clicked), and the App Home's example
questions (answered in the user's DM with the bot)."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bots.slack.blocks import ACTION_HELPFUL, TEXT, asked_intro, notice, shared_intro
from bots.slack.core import Notice, SlackCore
from bots.slack.texts import ALREADY_SHARED, EXPIRED, NOT_HERE, THANKS

log = logging.getLogger("hms.slack")

_ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")


class Buttons:
    def __init__(self, core: SlackCore):
        self.core = core

    def record_feedback(self, body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        """👍/👎: stored with the web chat's feedback (source 'slack', the user id pseudonymized); a user's
        later vote on the same answer replaces the earlier one."""
        answer_id = str(action.get("value", ""))
        user = (body.get("user") or {}).get("id")
        if not _ANSWER_ID.match(answer_id) or not user:
            log.warning("feedback for a malformed answer id ignored")
            return
        helpful = action.get("action_id") == ACTION_HELPFUL
        self.core.storage.replace_vote(answer_id=answer_id, helpful=helpful, source="slack", user=str(user))
        english = (TEXT["helpful"]["en"], TEXT["unhelpful"]["en"])
        lang = "en" if action.get("text", {}).get("text") in english else "nb"
        respond(response_type="ephemeral", replace_original=False, text=THANKS[lang])

    def share_answer(
        self, body: dict[str, Any], action: dict[str, Any], respond: Any, client: WebClient
    ) -> None:
        """ "Del i kanalen": post a private /hms answer publicly in the channel, then remove the private one.
        The first click shares it; any later click is told it was shared."""
        core = self.core
        user = str((body.get("user") or {}).get("id", ""))
        channel = str(
            (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
        )
        answer_id = str(action.get("value", ""))
        answer = core.state.shared_answer(answer_id)
        if answer is None:
            respond(response_type="ephemeral", replace_original=False, **notice(EXPIRED))
            return
        if not core.channel_allowed(channel):
            respond(response_type="ephemeral", replace_original=False, **notice(NOT_HERE))
            return
        if not core.state.first_delivery(f"share:{answer_id}"):
            respond(response_type="ephemeral", replace_original=False, **notice(ALREADY_SHARED))
            return
        messages = core.messages(answer, intro=shared_intro(user, answer.question, answer.language))
        try:
            posted = core.post(client, messages, channel=channel, thread_ts=None, answer=answer) is not None
        except SlackApiError:
            # the bot is not a member of the channel: the interaction's response_url can still post there
            posted = core.respond(
                respond, messages, answer=answer, response_type="in_channel", replace_original=False
            )
        if posted:  # the private answer goes once the public one is there
            respond(delete_original=True)

    def ask_example(self, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """An example question from the App Home tab: asked, and answered in the user's DM with the bot."""
        core = self.core
        user = str((body.get("user") or {}).get("id", ""))
        question = str(action.get("value", "")).strip()
        if not user or not question:
            return
        request_id = body.get("trigger_id")
        answer = core.ask(question, request_id=request_id) if core.allowed(user) else core.slow_down()
        try:
            if isinstance(answer, Notice):
                client.chat_postMessage(channel=user, **notice(answer.text))
                return
            messages = core.messages(answer, intro=asked_intro(question, answer.language))
            core.post(client, messages, channel=user, thread_ts=None, answer=answer)
        except SlackApiError as exc:
            log.error("could not answer in the DM: %s", exc.response.get("error"))
            return
        core.audit(answer, user=user, request_id=request_id)

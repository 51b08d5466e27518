"""The message shortcut "Spør HMS-assistenten om denne meldingen": the message's text is the question, and the
answer goes in the message's thread (the bot then follows up there for the user who asked); where the bot
cannot post, the answer is shown only to the user who asked, through the shortcut's response_url."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.formatting import Lang
from bots.slack.blocks import notice
from bots.slack.core import Notice, SlackCore
from bots.slack.mrkdwn import escape, from_slack
from bots.slack.texts import CANNOT_POST, NO_TEXT, NOT_HERE

log = logging.getLogger("hms.slack")

CALLBACK_ID = "ask_about_message"
INTRO: dict[Lang, str] = {
    "nb": "{who} spurte HMS-assistenten om meldingen over.",
    "en": "{who} asked HMS-assistenten about the message above.",
}


def asker_intro(user: str, lang: Lang) -> str:
    who = f"<@{user}>" if user[:1] in ("U", "W") and user.isalnum() else escape(user)
    return INTRO[lang].format(who=who)


class MessageShortcut:
    def __init__(self, core: SlackCore):
        self.core = core

    def answer(self, body: dict[str, Any], client: WebClient, respond: Any, context: Any) -> None:
        core = self.core
        user = str((body.get("user") or {}).get("id", ""))
        channel = str((body.get("channel") or {}).get("id", ""))
        message = body.get("message") or {}
        question = from_slack(str(message.get("text", "")), bot_user_id=context.bot_user_id)
        private = {"response_type": "ephemeral", "replace_original": False}
        if not question:
            respond(**private, **notice(NO_TEXT))
            return
        if not core.channel_allowed(channel):
            respond(**private, **notice(NOT_HERE))
            return
        request_id = body.get("trigger_id")
        answer = core.ask(question, request_id=request_id) if core.allowed(user) else core.slow_down()
        if isinstance(answer, Notice):
            respond(**private, **notice(answer.text))
            return
        thread_ts = str(message.get("thread_ts") or message.get("ts") or "") or None
        try:
            if thread_ts and (user_hash := core.storage.user_hash(user)):  # before the answer can be read
                core.state.follow_thread(channel, thread_ts, user_hash)
            messages = core.messages(answer, intro=asker_intro(user, answer.language))
            core.post(client, messages, channel=channel, thread_ts=thread_ts, answer=answer)
        except SlackApiError as exc:  # not a member, or a DM between people: only the asker sees it
            log.info("shortcut answered privately: %s", exc.response.get("error"))
            core.respond(
                respond,
                core.messages(answer, intro=escape(CANNOT_POST)),
                answer=answer,
                replace_original=False,
            )
        core.audit(answer, user=user, request_id=request_id)

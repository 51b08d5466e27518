"""Events API: @mentions (answered in the thread), messages (direct messages; follow-ups in threads the bot
answered, from message.channels, message.groups and message.mpim) and app_home_opened (the Home tab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import Ack, App

if TYPE_CHECKING:
    from bots.slack.listeners.handlers import Handlers

# The events the manifests subscribe to, and the listener each arrives at.
EVENTS = {
    "app_mention": "app_mention",
    "message.im": "message",
    "message.mpim": "message",
    "message.channels": "message",
    "message.groups": "message",
    "app_home_opened": "app_home_opened",
}


def ack_event(ack: Ack) -> None:
    ack()


def register(app: App, handlers: Handlers) -> None:
    app.event("app_mention")(ack=ack_event, lazy=[handlers.bot.answer_mention])
    # every message event is acked; answer_message answers DMs and follow-ups in threads it answered
    app.event("message")(ack=ack_event, lazy=[handlers.bot.answer_message])
    app.event("app_home_opened")(ack=ack_event, lazy=[handlers.home.publish])

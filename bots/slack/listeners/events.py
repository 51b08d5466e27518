"""Events API: @mentions in channels (answered in the thread) and direct messages (message.im)."""

from __future__ import annotations

from slack_bolt import Ack, App

from bots.slack.bot import SlackBot


def ack_event(ack: Ack) -> None:
    ack()


def register(app: App, bot: SlackBot) -> None:
    app.event("app_mention")(ack=ack_event, lazy=[bot.answer_mention])
    # every message event is acked; answer_dm answers only a person's direct message to the bot
    app.event("message")(ack=ack_event, lazy=[bot.answer_dm])

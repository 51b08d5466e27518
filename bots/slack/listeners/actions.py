"""Block Kit buttons: 👍/👎 feedback and "Del i kanalen"."""

from __future__ import annotations

from slack_bolt import Ack, App

from bots.slack.blocks import ACTION_HELPFUL, ACTION_SHARE, ACTION_UNHELPFUL
from bots.slack.bot import SlackBot


def ack_action(ack: Ack) -> None:
    ack()


def register(app: App, bot: SlackBot) -> None:
    app.action(ACTION_HELPFUL)(ack=ack_action, lazy=[bot.record_feedback])
    app.action(ACTION_UNHELPFUL)(ack=ack_action, lazy=[bot.record_feedback])
    app.action(ACTION_SHARE)(ack=ack_action, lazy=[bot.share_answer])

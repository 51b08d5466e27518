"""The /hms slash command: a private answer, or a section verbatim for `/hms § 3-5`."""

from __future__ import annotations

from slack_bolt import Ack, App

from bots.slack.bot import SlackBot

COMMAND = "/hms"


def ack_command(ack: Ack) -> None:
    ack()


def register(app: App, bot: SlackBot) -> None:
    app.command(COMMAND)(ack=ack_command, lazy=[bot.answer_command])

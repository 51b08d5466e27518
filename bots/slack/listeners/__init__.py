"""Listeners grouped by Slack feature. Each one acks at once (inline, before Slack's 3-second limit) and
hands the work to a lazy function: a `SlackBot` method that Bolt runs in its thread pool after the ack."""

from __future__ import annotations

from slack_bolt import App

from bots.slack.bot import SlackBot
from bots.slack.listeners import actions, commands, events


def register(app: App, bot: SlackBot) -> None:
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)

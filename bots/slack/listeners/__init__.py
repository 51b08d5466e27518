"""Listeners grouped by Slack feature. Each one acks at once (inline, before Slack's 3-second limit) and
hands the work to a lazy function: a handler method that Bolt runs in its thread pool after the ack."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App

from bots.slack.bot import SlackBot
from bots.slack.buttons import Buttons
from bots.slack.home import Home
from bots.slack.listeners import actions, commands, events, shortcuts
from bots.slack.shortcut import MessageShortcut


@dataclass(frozen=True)
class Handlers:
    bot: SlackBot
    buttons: Buttons
    home: Home
    shortcut: MessageShortcut


def register(app: App, handlers: Handlers) -> None:
    events.register(app, handlers)
    commands.register(app, handlers)
    actions.register(app, handlers)
    shortcuts.register(app, handlers)

"""Listeners grouped by Slack feature. Each one acks at once (inline, before Slack's 3-second limit) and
hands the work to a lazy function: a handler method that Bolt runs in its thread pool after the ack."""

from __future__ import annotations

from slack_bolt import App

from bots.slack.listeners import actions, commands, events, shortcuts
from bots.slack.listeners.handlers import Handlers


def register(app: App, handlers: Handlers) -> None:
    events.register(app, handlers)
    commands.register(app, handlers)
    actions.register(app, handlers)
    shortcuts.register(app, handlers)

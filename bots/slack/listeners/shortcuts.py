"""The message shortcut "Spør HMS-assistenten om denne meldingen"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import Ack, App

from bots.slack.shortcut import CALLBACK_ID

if TYPE_CHECKING:
    from bots.slack.listeners.handlers import Handlers


def ack_shortcut(ack: Ack) -> None:
    ack()


def register(app: App, handlers: Handlers) -> None:
    app.message_shortcut(CALLBACK_ID)(ack=ack_shortcut, lazy=[handlers.shortcut.answer])

"""Block Kit buttons: 👍/👎 feedback, "Del i kanalen", and the example questions on the Home tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import Ack, App

from bots.slack.blocks import ACTION_HELPFUL, ACTION_SHARE, ACTION_UNHELPFUL
from bots.slack.home import ACTION_EXAMPLE

if TYPE_CHECKING:
    from bots.slack.listeners.handlers import Handlers


def ack_action(ack: Ack) -> None:
    ack()


def register(app: App, handlers: Handlers) -> None:
    app.action(ACTION_HELPFUL)(ack=ack_action, lazy=[handlers.buttons.record_feedback])
    app.action(ACTION_UNHELPFUL)(ack=ack_action, lazy=[handlers.buttons.record_feedback])
    app.action(ACTION_SHARE)(ack=ack_action, lazy=[handlers.buttons.share_answer])
    app.action(ACTION_EXAMPLE)(ack=ack_action, lazy=[handlers.buttons.ask_example])

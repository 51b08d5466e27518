"""The /hms slash command: acked at once with "Leter i kildene …" (or the help), then a private answer that
replaces it, or a section verbatim for `/hms § 3-5`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App

from bots.slack.blocks import notice
from bots.slack.bot import is_help
from bots.slack.mrkdwn import from_slack
from bots.slack.texts import HELP, WORKING

if TYPE_CHECKING:
    from bots.slack.listeners.handlers import Handlers

COMMAND = "/hms"


def ack_command(ack: Ack, command: dict[str, Any]) -> None:
    """The ack's body is the first ephemeral message the user sees: the help, or that the bot is working."""
    if is_help(from_slack(str(command.get("text", "")))):
        ack(response_type="ephemeral", **notice(HELP))
    else:
        ack(response_type="ephemeral", text=WORKING)


def register(app: App, handlers: Handlers) -> None:
    app.command(COMMAND)(ack=ack_command, lazy=[handlers.bot.answer_command])

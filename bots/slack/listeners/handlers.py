"""What every listener hands its work to: the bot, the buttons, the App Home and the message shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from bots.slack.bot import SlackBot
from bots.slack.buttons import Buttons
from bots.slack.home import Home
from bots.slack.shortcut import MessageShortcut


@dataclass(frozen=True)
class Handlers:
    bot: SlackBot
    buttons: Buttons
    home: Home
    shortcut: MessageShortcut

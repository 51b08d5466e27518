"""The App Home tab (app_home_opened -> views.publish): what the bot does and how to ask, four example
questions as buttons (answered in the user's DM with the bot), a link to the web chat, and the privacy note."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.infra.config import Settings
from bots.slack.blocks import Block, context, section
from bots.slack.mrkdwn import link
from bots.slack.texts import (
    EXAMPLE_QUESTIONS,
    HOME_EXAMPLES,
    HOME_HOW,
    HOME_INTRO,
    HOME_PRIVACY,
    HOME_WEB,
    HOME_WEB_LINK,
    NOT_ADVICE_HOME,
    QUESTIONS_NOT_STORED,
    QUESTIONS_STORED,
)

log = logging.getLogger("hms.slack")

EXAMPLE_PREFIX = "home_example_"
ACTION_EXAMPLE = re.compile(rf"^{EXAMPLE_PREFIX}\d+$")


def example_buttons() -> Block:
    elements = [
        {
            "type": "button",
            "action_id": f"{EXAMPLE_PREFIX}{n}",
            "value": question,
            "text": {"type": "plain_text", "text": question, "emoji": True},
        }
        for n, question in enumerate(EXAMPLE_QUESTIONS)
    ]
    return {"type": "actions", "block_id": "examples", "elements": elements}


def home_view(settings: Settings, *, web_url: str | None) -> dict[str, Any]:
    """The Home tab's view; the privacy note follows the settings (question logging, retention)."""
    questions = QUESTIONS_STORED if settings.log_questions else QUESTIONS_NOT_STORED
    privacy = HOME_PRIVACY.format(questions=questions, days=settings.retention_days)
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "HMS-assistenten", "emoji": True}},
        section(HOME_INTRO),
        section(HOME_HOW),
        {"type": "divider"},
        section(HOME_EXAMPLES),
        example_buttons(),
    ]
    if web_url:
        blocks.append(section(f"{HOME_WEB} {link(web_url, HOME_WEB_LINK)}"))
    blocks += [{"type": "divider"}, context(privacy), context(NOT_ADVICE_HOME)]
    return {"type": "home", "blocks": blocks}


class Home:
    def __init__(self, *, settings: Settings, web_url: str | None):
        self.view = home_view(settings, web_url=web_url)

    def publish(self, event: dict[str, Any], client: WebClient) -> None:
        """app_home_opened on the Home tab: publish the view for this user."""
        if event.get("tab") != "home" or not event.get("user"):
            return
        try:
            client.views_publish(user_id=str(event["user"]), view=self.view)
        except SlackApiError as exc:
            log.error("could not publish the Home tab: %s", exc.response.get("error"))

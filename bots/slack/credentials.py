"""Fail fast on missing Slack credentials, with a message that names the variable to set."""

from __future__ import annotations

import re
from typing import Literal

from assistant.infra.config import Settings, reveal

Mode = Literal["socket", "http"]

# Fields each mode needs: Socket Mode connects out with the app-level token; HTTP mode verifies signatures.
REQUIRED: dict[str, tuple[str, ...]] = {
    "socket": ("slack_bot_token", "slack_app_token"),
    "http": ("slack_bot_token", "slack_signing_secret"),
}
PREFIXES = {"slack_bot_token": "xoxb-", "slack_app_token": "xapp-"}
WHERE = {
    "slack_bot_token": "Bot User OAuth Token under «OAuth & Permissions» i Slack-appen (starter med xoxb-)",
    "slack_app_token": "app-nivå-token med scope connections:write under «Basic Information» "
    "(starter med xapp-)",
    "slack_signing_secret": "Signing Secret under «Basic Information» i Slack-appen",
}
_PLACEHOLDER_WORDS = {
    "changeme",
    "change-me",
    "changeit",
    "replaceme",
    "replace-me",
    "todo",
    "fixme",
    "secret",
    "placeholder",
    "none",
    "null",
    "token",
    "xxx",
}
_PLACEHOLDER = re.compile(r"\.\.\.|…|<[^>]*>|\byour[-_ ]|^(xoxb|xapp)-?$|^(xoxb|xapp)-(x+|\*+)(-|$)", re.I)


class SlackConfigError(RuntimeError):
    """A Slack credential is missing or still a placeholder; the message names the variable."""


def env_name(field: str) -> str:
    return f"HMS_{field.upper()}"


def is_placeholder(value: str) -> bool:
    value = value.strip()
    return value.lower() in _PLACEHOLDER_WORDS or bool(_PLACEHOLDER.search(value))


def check_slack_settings(settings: Settings, *, mode: Mode | None = None) -> None:
    """Raise SlackConfigError (Norwegian, naming every missing variable) unless the mode can start."""
    mode = mode or settings.slack_mode
    problems: list[str] = []
    for field in REQUIRED[mode]:
        value = reveal(getattr(settings, field))
        name = env_name(field)
        if not value or is_placeholder(value):
            state = "mangler" if not value else f"er en plassholder ({value!r})"
            problems.append(f"{name} {state}. Sett den i .env: {WHERE[field]}.")
        elif field in PREFIXES and not value.startswith(PREFIXES[field]):
            problems.append(f"{name} skal starte med {PREFIXES[field]} ({WHERE[field]}).")
    if problems:
        mode_text = "Socket Mode" if mode == "socket" else "HTTP-modus"
        raise SlackConfigError(f"Slack-boten kan ikke starte i {mode_text}: " + " ".join(problems))

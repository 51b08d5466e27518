"""The shipped app manifest asks for what the bot uses: the scopes, the events it listens to, /hms,
interactivity for the buttons, and Socket Mode."""

from __future__ import annotations

from pathlib import Path

import yaml

import bots.slack
from bots.slack.listeners.commands import COMMAND

MANIFEST = Path(bots.slack.__file__).parent / "manifest.yaml"


def test_the_manifest_matches_the_listeners():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "reactions:write",
            "channels:history", "groups:history"} <= scopes  # fmt: skip
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [COMMAND]
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # users can DM the bot

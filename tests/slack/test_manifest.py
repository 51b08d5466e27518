"""The shipped app manifests (one for Socket Mode, one for HTTP mode) ask for exactly what the bot uses: every
Web API method the code calls is covered by a scope, every event the listeners take is subscribed, and no scope
or event is there that nothing uses. The Home tab, the message shortcut, /hms and interactivity are declared."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import yaml
from slack_sdk import WebClient

import bots.slack
from bots.slack.listeners.commands import COMMAND
from bots.slack.listeners.events import EVENTS
from bots.slack.shortcut import CALLBACK_ID

PACKAGE = Path(bots.slack.__file__).parent
MANIFESTS = {"socket": PACKAGE / "manifest-socket.yaml", "http": PACKAGE / "manifest-http.yaml"}
EVENTS_URL = "https://hms.example.no/slack/events"

# The bot scopes each Web API method needs, from Slack's method reference (conversations.replies needs the
# history scope of each conversation type the bot reads threads in: channels, private channels, DMs, group DMs).
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "assistant.threads.setStatus": {"chat:write"},  # chat:write since March 2026 (or assistant:write)
    "reactions.add": {"reactions:write"},
    "reactions.remove": {"reactions:write"},
    "conversations.replies": {"channels:history", "groups:history", "im:history", "mpim:history"},
    "conversations.history": {"im:history"},  # only a DM's last half hour is read
    "views.publish": set(),
}
EVENT_SCOPES: dict[str, set[str]] = {
    "app_mention": {"app_mentions:read"},
    "app_home_opened": set(),
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "message.im": {"im:history"},
    "message.mpim": {"mpim:history"},
}
INTERACTIVE_SCOPES = {"commands"}  # slash commands and shortcuts


def load(mode: str) -> dict:
    return yaml.safe_load(MANIFESTS[mode].read_text(encoding="utf-8"))


def api_method(client_method: str) -> str | None:
    """The Web API method a WebClient method calls ("chat_postMessage" -> "chat.postMessage")."""
    function = getattr(WebClient, client_method, None)
    if not callable(function) or client_method.startswith("_"):
        return None
    found = re.search(r'api_call\(\s*"([\w.]+)"', inspect.getsource(function))
    return found.group(1) if found else None


def methods_the_code_calls() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        names |= set(re.findall(r"\bclient\.([A-Za-z_]+)\b", path.read_text(encoding="utf-8")))
    return {m for name in names if (m := api_method(name))}


def test_the_code_calls_the_web_api_methods_we_know():
    called = methods_the_code_calls()
    assert {
        "chat.postMessage",
        "views.publish",
        "assistant.threads.setStatus",
        "conversations.replies",
    } <= called
    assert called <= set(METHOD_SCOPES), f"add the scopes of {called - set(METHOD_SCOPES)} to METHOD_SCOPES"


@pytest.mark.parametrize("mode", ["socket", "http"])
def test_every_method_and_event_is_covered_by_a_scope_and_no_scope_is_unused(mode: str):
    manifest = load(mode)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    for method in methods_the_code_calls():
        assert METHOD_SCOPES[method] <= scopes, f"{method} needs {METHOD_SCOPES[method] - scopes}"
    for event in events:
        assert EVENT_SCOPES[event] <= scopes, f"{event} needs {EVENT_SCOPES[event] - scopes}"
    used = INTERACTIVE_SCOPES.union(
        *(METHOD_SCOPES[m] for m in methods_the_code_calls()), *(EVENT_SCOPES[e] for e in events)
    )
    assert scopes == used  # exactly the scopes used: no im:read, no im:write
    assert events == set(EVENTS)  # exactly the events the listeners take


def test_the_listeners_take_the_subscribed_events():
    source = (PACKAGE / "listeners" / "events.py").read_text(encoding="utf-8")
    assert set(re.findall(r'app\.event\("([\w.]+)"\)', source)) == set(EVENTS.values())


@pytest.mark.parametrize("mode", ["socket", "http"])
def test_the_features(mode: str):
    manifest = load(mode)
    features = manifest["features"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True  # users can DM the bot
    (shortcut,) = features["shortcuts"]
    assert shortcut["type"] == "message" and shortcut["callback_id"] == CALLBACK_ID
    assert shortcut["description"] == "Spør HMS-assistenten om denne meldingen"
    assert len(shortcut["name"]) <= 24  # Slack's limit for a shortcut's name
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is (mode == "socket")


def test_the_two_manifests_differ_only_in_the_mode_and_the_urls():
    socket, http = load("socket"), load("http")
    assert "request_url" not in socket["settings"]["event_subscriptions"]
    assert http["settings"]["event_subscriptions"].pop("request_url") == EVENTS_URL
    assert http["settings"]["interactivity"].pop("request_url") == EVENTS_URL
    assert http["features"]["slash_commands"][0].pop("url") == EVENTS_URL
    http["settings"]["socket_mode_enabled"] = True
    assert http == socket

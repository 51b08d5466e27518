"""What Slack sends, shaped like its documented payloads: events, slash commands, actions and shortcuts."""

from __future__ import annotations

import time
import uuid
from typing import Any

BOT_USER_ID = "UBOT0HMS"
BOT_ID = "BBOT0HMS"
TEAM_ID = "T0HMS"
SIGNING_SECRET = "8f2a0c1d9e7b6a5f4c3b2a1d0e9f8a7b"
BOT_TOKEN = "xoxb-1111-2222-testtoken"
APP_TOKEN = "xapp-1-A0HMS-3333-testtoken"


def new_ts() -> str:
    return f"{time.time():.6f}"


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0HMS",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def mention(
    text: str, *, channel: str, user: str = "U0MANAGER", ts: str | None = None, thread_ts: str | None = None
) -> dict[str, Any]:
    ts = ts or new_ts()
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "team": TEAM_ID,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(
    text: str, *, channel: str, user: str = "U0MANAGER", ts: str | None = None, **extra: Any
) -> dict[str, Any]:
    ts = ts or new_ts()
    return {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM_ID,
        **extra,
    }


def slash_command(text: str, *, channel: str, response_url: str, user: str = "U0HR") -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "hms",
        "channel_id": channel,
        "channel_name": "hms",
        "user_id": user,
        "user_name": "hr",
        "command": "/hms",
        "text": text,
        "api_app_id": "A0HMS",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
    }


def block_action(
    action_id: str,
    value: str,
    *,
    channel: str,
    response_url: str,
    user: str = "U0HR",
    label: str = "👍 Nyttig",
    ephemeral: bool = True,
) -> dict[str, Any]:
    ts = new_ts()
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "hr", "name": "hr", "team_id": TEAM_ID},
        "api_app_id": "A0HMS",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        "team": {"id": TEAM_ID, "domain": "hms"},
        "channel": {"id": channel, "name": "hms"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "feedback",
                "value": value,
                "type": "button",
                "text": {"type": "plain_text", "text": label, "emoji": True},
                "action_ts": ts,
            }
        ],
    }


def channel_message(
    text: str,
    *,
    channel: str,
    user: str = "U0MANAGER",
    thread_ts: str | None = None,
    channel_type: str = "channel",
    ts: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A message event as message.channels ("channel"), message.groups ("group") or message.mpim ("mpim")
    deliver it; a reply in a thread carries thread_ts and parent_user_id."""
    ts = ts or new_ts()
    event = {
        "type": "message",
        "channel_type": channel_type,
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM_ID,
        **extra,
    }
    if thread_ts:
        event.update(thread_ts=thread_ts, parent_user_id=extra.get("parent_user_id", user))
    return event


def app_home_opened(user: str, *, tab: str = "home") -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": f"D{user[1:]}",
        "tab": tab,
        "event_ts": new_ts(),
    }


def home_action(action_id: str, value: str, *, user: str = "U0HR", label: str = "") -> dict[str, Any]:
    """A button clicked in the App Home tab: the container is the view, and there is no response_url."""
    ts = new_ts()
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "hr", "name": "hr", "team_id": TEAM_ID},
        "api_app_id": "A0HMS",
        "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": "V0HOME"},
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        "team": {"id": TEAM_ID, "domain": "hms"},
        "view": {"id": "V0HOME", "type": "home", "team_id": TEAM_ID, "callback_id": "", "hash": "1.abc"},
        "actions": [
            {
                "action_id": action_id,
                "block_id": "examples",
                "value": value,
                "type": "button",
                "text": {"type": "plain_text", "text": label or value, "emoji": True},
                "action_ts": ts,
            }
        ],
    }


def message_shortcut(
    callback_id: str,
    text: str,
    *,
    channel: str,
    response_url: str,
    user: str = "U0HR",
    author: str = "U0MANAGER",
    message_ts: str | None = None,
    thread_ts: str | None = None,
    **message: Any,
) -> dict[str, Any]:
    """A message shortcut (type message_action) on someone's message."""
    ts = message_ts or new_ts()
    msg = {"type": "message", "user": author, "text": text, "ts": ts, "team": TEAM_ID, **message}
    if thread_ts:
        msg["thread_ts"] = thread_ts
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": new_ts(),
        "team": {"id": TEAM_ID, "domain": "hms"},
        "user": {"id": user, "name": "hr", "team_id": TEAM_ID},
        "channel": {"id": channel, "name": "hms"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        "response_url": response_url,
        "message_ts": ts,
        "message": msg,
    }

"""The conversation a follow-up question is read in: the earlier turns of the asker and of the bot only, told
apart by user id. Other people's messages in a thread, and other bots', never reach the assistant.

A thread is read (conversations.replies) only when the bot was asked in it: mentioned, or followed up in a
thread it answered. A direct message reads the last half hour of the DM (conversations.history)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bots.slack.mrkdwn import from_slack

log = logging.getLogger("hms.slack")

HISTORY_TURNS = 3  # earlier questions passed on
DM_CONTEXT_S = 30 * 60  # top-level DMs: earlier questions from the last half hour count as context
USER_SUBTYPES = (None, "file_share", "thread_broadcast")


@dataclass(frozen=True)
class Turn:
    role: Literal["asker", "bot"]
    text: str


def turns(
    messages: Iterable[dict[str, Any]], *, before_ts: str, asker: str | None, bot_user_id: str | None
) -> list[Turn]:
    """The asker's and the bot's messages before `before_ts`, oldest first; everyone else's are left out."""
    out: list[Turn] = []
    for m in messages:
        if float(m.get("ts", 0)) >= float(before_ts):
            continue
        user = m.get("user")
        if bot_user_id and user == bot_user_id:
            out.append(Turn("bot", str(m.get("text", ""))))
        elif asker and user == asker and not m.get("bot_id") and m.get("subtype") in USER_SUBTYPES:
            text = from_slack(str(m.get("text", "")), bot_user_id=bot_user_id)
            if text:
                out.append(Turn("asker", text))
    return out


def earlier_questions(conversation: list[Turn], *, limit: int = HISTORY_TURNS) -> list[str]:
    """What the assistant condenses a follow-up with: the asker's own earlier questions, the last `limit`
    (the assistant takes questions; the bot's turns are told apart so they never pass for the asker's)."""
    return [t.text for t in conversation if t.role == "asker"][-limit:]


def read_history(
    client: WebClient,
    *,
    channel: str,
    ts: str,
    thread_ts: str | None,
    asker: str | None,
    bot_user_id: str | None,
    dm: bool,
) -> list[str]:
    """The asker's earlier questions in this thread, or in a DM's last half hour; [] if Slack will not say."""
    try:
        if thread_ts and thread_ts != ts:
            found = client.conversations_replies(channel=channel, ts=thread_ts, limit=50)
            messages = found.get("messages") or []
        elif dm:
            oldest = f"{float(ts) - DM_CONTEXT_S:.6f}"
            found = client.conversations_history(channel=channel, latest=ts, oldest=oldest, limit=10)
            messages = list(reversed(found.get("messages") or []))
        else:
            return []
    except SlackApiError as exc:
        log.warning("could not read the conversation: %s", exc.response.get("error"))
        return []
    return earlier_questions(turns(messages, before_ts=ts, asker=asker, bot_user_id=bot_user_id))

"""The HTTP-mode Slack app end to end: real Bolt behind a real uvicorn, requests signed exactly as Slack
signs them, a real WebClient talking to the fake Slack Web API, and the real model and index."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import pytest

from assistant.infra.config import reveal
from assistant.infra.privacy import pseudonym
from assistant.service import Assistant
from assistant.types import LawCitation
from bots.slack.blocks import ACTION_HELPFUL, ACTION_SHARE, ACTION_UNHELPFUL
from evals.testing.fake_slack import buttons, context_texts, section_texts
from evals.testing.slack_payloads import (
    BOT_ID,
    BOT_USER_ID,
    block_action,
    direct_message,
    event_callback,
    mention,
    new_ts,
    slash_command,
)
from tests.slack.conftest import SlackHarness

pytestmark = pytest.mark.integration


def channel_id(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def wait_for_log(caplog: pytest.LogCaptureFixture, text: str, count: int = 1, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while sum(text in r.getMessage() for r in caplog.records) < count:
        assert time.monotonic() < deadline, f"log {text!r} x{count} not seen"
        time.sleep(0.02)


def ask_as_mention(slack: SlackHarness, text: str, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    channel = kwargs.pop("channel", None) or channel_id()
    event = mention(text, channel=channel, **kwargs)
    response = slack.app.event(event_callback(event))
    assert response.status_code == 200, response.text
    (post,) = slack.fake.wait_for("chat.postMessage", channel=channel)
    return event, post.params


def test_mention_is_answered_in_its_thread_with_citations_feedback_and_disclaimer(real_slack: SlackHarness):
    event, post = ask_as_mention(real_slack, "Må jeg ha HMS-kurs som daglig leder?")
    assert post["thread_ts"] == event["ts"]
    blocks = post["blocks"]
    sections = section_texts(blocks)
    assert all(len(s) <= 3000 for s in sections)
    assert "HMS kurs" in sections[0]
    sources = context_texts(blocks)
    assert sources[0] == "*Kilder*"
    law = next(s for s in sources if "aml § 3-5 (1)" in s)  # law, § and ledd
    assert law.startswith(
        "<https://lovdata.no/lov/2005-06-17-62/%C2%A73-5|aml § 3-5 (1)>"
    )  # linked to Lovdata
    assert "lov per 1. januar 2026" in law
    assert any(s.startswith("Fra HMS Kontorets FAQ: «Må alle ledere ha HMS-kurs?»") for s in sources)
    assert any("Ikke juridisk rådgivning" in s for s in sources)
    feedback = {b["action_id"]: b["value"] for b in buttons(blocks)}
    assert set(feedback) == {ACTION_HELPFUL, ACTION_UNHELPFUL}  # no share button on a public answer
    assert len(set(feedback.values())) == 1
    assert all(b["text"]["verbatim"] for b in blocks if b["type"] == "section")
    # the audit trail has the answer the buttons refer to (written right after posting)
    deadline = time.monotonic() + 30
    while not (
        rows := [r for r in real_slack.storage.audit_rows() if r["answer_id"] == feedback[ACTION_HELPFUL]]
    ):
        assert time.monotonic() < deadline, "no audit row"
        time.sleep(0.02)
    (row,) = rows
    assert row["source"] == "slack" and row["cited"] == "faq:daglig-leder;aml § 3-5 (1)"
    key = reveal(real_slack.settings.pseudonym_key)
    assert key is not None, "the harness sets a pseudonym key"
    assert row["user_hash"] == pseudonym("U0MANAGER", key)


def test_eyes_reaction_is_added_while_working_and_removed_after_posting(real_slack: SlackHarness):
    event, _ = ask_as_mention(real_slack, "Hvem må ha HMS-kurs?")
    (added,) = real_slack.fake.wait_for("reactions.add", timestamp=event["ts"])
    (removed,) = real_slack.fake.wait_for("reactions.remove", timestamp=event["ts"])
    (post,) = real_slack.fake.find("chat.postMessage", channel=event["channel"])
    assert added.params["name"] == removed.params["name"] == "eyes"
    assert added.params["channel"] == event["channel"]
    assert added.at < post.at < removed.at


def test_follow_up_in_a_thread_uses_the_earlier_turns(real_slack: SlackHarness, real_assistant: Assistant):
    channel, root = channel_id(), new_ts()
    real_slack.fake.replies[(channel, root)] = [
        {
            "type": "message",
            "user": "U0MANAGER",
            "ts": root,
            "text": f"<@{BOT_USER_ID}> Må daglig leder ha HMS-kurs?",
        },
        {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": new_ts(),
            "text": "Fra HMS Kontorets FAQ …",
        },
    ]
    event, post = ask_as_mention(real_slack, "og for verneombud?", channel=channel, thread_ts=root)
    (read,) = real_slack.fake.find("conversations.replies", channel=channel)
    assert read.params["ts"] == root
    assert post["thread_ts"] == root
    expected = real_assistant.ask("og for verneombud?", history=["Må daglig leder ha HMS-kurs?"])
    alone = real_assistant.ask("og for verneombud?")
    assert [c.model_dump() for c in expected.citations] != [c.model_dump() for c in alone.citations]
    refs = [c.ref if isinstance(c, LawCitation) else c.question for c in expected.citations]
    sources = " ".join(context_texts(post["blocks"]))
    assert refs and all(ref in sources for ref in refs)


def test_direct_message_is_answered_in_the_dm_and_bot_messages_are_ignored(
    real_slack: SlackHarness, caplog: pytest.LogCaptureFixture
):
    channel = channel_id("D")
    own = direct_message("Fra HMS Kontorets FAQ …", channel=channel, user=BOT_USER_ID, bot_id=BOT_ID)
    edited = direct_message("redigert", channel=channel, subtype="message_changed")
    for event in (own, edited):
        assert real_slack.app.event(event_callback(event)).status_code == 200
    event = direct_message("Hva er et verneombud?", channel=channel)
    assert real_slack.app.event(event_callback(event)).status_code == 200
    (post,) = real_slack.fake.wait_for("chat.postMessage", channel=channel)
    assert post.params.get("thread_ts") is None  # in the DM itself, not in a thread
    assert "verneombud" in " ".join(section_texts(post.params["blocks"])).lower()
    (history,) = real_slack.fake.find("conversations.history", channel=channel)
    assert history.params["latest"] == event["ts"]
    time.sleep(0.5)  # the two ignored events had their chance to post
    assert len(real_slack.fake.find("chat.postMessage", channel=channel)) == 1


def test_slash_command_answers_privately_with_the_question_restated_and_a_share_button(
    real_slack: SlackHarness,
):
    channel, url = channel_id(), real_slack.fake.response_url()
    response = real_slack.app.command(
        slash_command("Hvor lenge varer HMS-kurset?", channel=channel, response_url=url)
    )
    assert response.status_code == 200  # the ack shows at once that the bot is working, privately
    assert response.json() == {"text": "Leter i kildene …", "response_type": "ephemeral"}
    (reply,) = real_slack.fake.wait_for("response_url", url=url)
    assert reply.params["response_type"] == "ephemeral" and reply.params["replace_original"] is True
    sections = section_texts(reply.params["blocks"])
    assert sections[0] == "*Du spurte:* «Hvor lenge varer HMS-kurset?»"
    labels = {b["action_id"]: b["text"]["text"] for b in buttons(reply.params["blocks"])}
    assert labels[ACTION_SHARE] == "Del i kanalen"
    assert not real_slack.fake.find("chat.postMessage", channel=channel)  # nothing public


@pytest.mark.parametrize(
    ("command", "ref", "start"),
    [
        (
            "§ 3-5",
            "aml § 3-5",
            "(1) Arbeidsgiver skal gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid.",
        ),
        ("aml 6-5", "aml § 6-5", "(1) Arbeidsgiver skal sørge for at verneombud får den opplæring"),
    ],
)
def test_slash_command_returns_the_section_verbatim(
    real_slack: SlackHarness, real_assistant: Assistant, command: str, ref: str, start: str
):
    url = real_slack.fake.response_url()
    real_slack.app.command(slash_command(command, channel=channel_id(), response_url=url))
    (reply,) = real_slack.fake.wait_for("response_url", url=url)
    text = "\n".join(section_texts(reply.params["blocks"]))
    law_id, number = "LOV-2005-06-17-62", ref.split("§ ")[1]
    for ledd in real_assistant.section(law_id, number).ledd:  # every ledd, word for word
        assert ledd.text in text
    assert f"> «{start}" in text  # shown as a quote
    assert any(
        s.startswith(f"<https://lovdata.no/lov/2005-06-17-62/%C2%A7{number}|{ref}>")
        for s in context_texts(reply.params["blocks"])
    )


def test_empty_slash_command_gets_help(real_slack: SlackHarness):
    url = real_slack.fake.response_url()
    response = real_slack.app.command(slash_command("  ", channel=channel_id(), response_url=url))
    assert "/hms § 3-5" in response.json()["text"] and response.json()["response_type"] == "ephemeral"


def test_feedback_buttons_are_stored_with_the_web_feedback(real_slack: SlackHarness):
    _, post = ask_as_mention(real_slack, "Må verneombud ha HMS-kurs?")
    answer_id = buttons(post["blocks"])[0]["value"]
    for action_id, label in ((ACTION_HELPFUL, "👍 Nyttig"), (ACTION_UNHELPFUL, "👎 Ikke nyttig")):
        url = real_slack.fake.response_url()
        payload = block_action(
            action_id, answer_id, channel=channel_id(), response_url=url, label=label, ephemeral=False
        )
        assert real_slack.app.action(payload).status_code == 200
        (thanks,) = real_slack.fake.wait_for("response_url", url=url)
        assert thanks.params == {
            "text": "Takk for tilbakemeldingen!",
            "response_type": "ephemeral",
            "replace_original": False,
            "url": url,
        }
    rows = [r for r in real_slack.storage.feedback() if r["answer_id"] == answer_id]
    assert [(r["helpful"], r["source"], r["comment"]) for r in rows] == [(0, "slack", None)]  # the last vote
    key = reveal(real_slack.settings.pseudonym_key)
    assert key is not None, "the harness sets a pseudonym key"
    assert rows[0]["user_hash"] == pseudonym("U0HR", key)


def share(slack: SlackHarness, channel: str) -> tuple[str, str, str]:
    """Ask /hms in a channel, then click "Del i kanalen"; returns (answer id, response url, question)."""
    question = "Hva er et verneombud?"
    url = slack.fake.response_url()
    slack.app.command(slash_command(question, channel=channel, response_url=url))
    (reply,) = slack.fake.wait_for("response_url", url=url)
    answer_id = next(b["value"] for b in buttons(reply.params["blocks"]) if b["action_id"] == ACTION_SHARE)
    click_url = slack.fake.response_url()
    assert (
        slack.app.action(
            block_action(ACTION_SHARE, answer_id, channel=channel, response_url=click_url)
        ).status_code
        == 200
    )
    return answer_id, click_url, question


def test_share_button_posts_the_answer_publicly_and_removes_the_private_one(real_slack: SlackHarness):
    channel = channel_id()
    answer_id, click_url, question = share(real_slack, channel)
    (post,) = real_slack.fake.wait_for("chat.postMessage", channel=channel)
    assert post.params.get("thread_ts") is None
    sections = section_texts(post.params["blocks"])
    assert sections[0] == f"<@U0HR> delte et svar fra HMS-assistenten. *Spørsmål:* «{question}»"
    assert {b["value"] for b in buttons(post.params["blocks"])} == {answer_id}  # feedback stays wired
    assert ACTION_SHARE not in {b["action_id"] for b in buttons(post.params["blocks"])}
    (deleted,) = real_slack.fake.wait_for("response_url", url=click_url)
    assert deleted.params["delete_original"] is True


def test_share_falls_back_to_the_response_url_when_the_bot_is_not_in_the_channel(real_slack: SlackHarness):
    channel = channel_id()
    real_slack.fake.not_in_channel.add(channel)
    _, click_url, _ = share(real_slack, channel)
    public, deleted = real_slack.fake.wait_for("response_url", count=2, url=click_url)
    assert public.params["response_type"] == "in_channel" and public.params["replace_original"] is False
    assert "Ikke juridisk rådgivning" in " ".join(context_texts(public.params["blocks"]))
    assert deleted.params["delete_original"] is True


@pytest.mark.parametrize(
    "sign",
    [
        {"secret": "not-the-signing-secret"},  # forged signature
        {"at": time.time() - 6 * 60},  # a timestamp older than five minutes (a replay)
    ],
    ids=["forged-signature", "old-timestamp"],
)
def test_unsigned_or_stale_requests_are_rejected_with_401(real_slack: SlackHarness, sign: dict[str, Any]):
    channel = channel_id()
    event = event_callback(mention("Må daglig leder ha HMS-kurs?", channel=channel))
    assert real_slack.app.event(event, **sign).status_code == 401
    url = real_slack.fake.response_url()
    assert (
        real_slack.app.command(slash_command("§ 3-5", channel=channel, response_url=url), **sign).status_code
        == 401
    )
    time.sleep(0.5)
    assert not real_slack.fake.find("chat.postMessage", channel=channel)
    assert not real_slack.fake.find("response_url", url=url)


def test_a_retried_event_is_answered_once(real_slack: SlackHarness, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="hms.slack")
    channel = channel_id()
    payload = event_callback(mention("Må daglig leder ha HMS-kurs?", channel=channel))
    assert real_slack.app.event(payload).status_code == 200
    for retry in (1, 2):  # Slack resends while the first delivery is still being answered
        assert real_slack.app.event(payload, retry_num=retry).status_code == 200
    real_slack.fake.wait_for("chat.postMessage", channel=channel)
    wait_for_log(caplog, "resent event ignored", count=2)
    assert real_slack.app.event(payload, retry_num=3).status_code == 200  # and after it was answered
    wait_for_log(caplog, "resent event ignored", count=3)
    assert len(real_slack.fake.find("chat.postMessage", channel=channel)) == 1
    assert len(real_slack.fake.find("reactions.add", channel=channel)) == 1


def test_a_ping_in_the_question_pings_nobody_when_restated(real_slack: SlackHarness):
    url = real_slack.fake.response_url()
    text = "<!channel> <!here|@here> <@U0BOSS> må daglig leder ha HMS-kurs? &lt;b&gt;"
    real_slack.app.command(slash_command(text, channel=channel_id(), response_url=url))
    (reply,) = real_slack.fake.wait_for("response_url", url=url)
    intro = section_texts(reply.params["blocks"])[0]
    assert intro == "*Du spurte:* «@\u200bchannel @\u200bhere @U0BOSS må daglig leder ha HMS-kurs? &lt;b&gt;»"
    assert "<!" not in str(reply.params) and "<@" not in str(reply.params)


def test_slack_url_verification_challenge_is_answered(real_slack: SlackHarness):
    """What Slack sends when an admin enters https://<host>/slack/events as the request URL (HTTP mode)."""
    response = real_slack.app.event(
        {
            "token": "legacy",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}

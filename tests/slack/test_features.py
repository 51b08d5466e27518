"""What people expect of a Slack bot (issue 13), through real Bolt handling of signed payloads shaped like
Slack's, on the real model and index: the App Home tab, the message shortcut, thread follow-ups without a new
mention (only in threads the bot answered the writer in), group DMs, and the thread status while it works."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator

import pytest

from assistant.infra.config import Settings
from assistant.service import Assistant
from assistant.types import LawCitation
from bots.slack.home import EXAMPLE_PREFIX
from bots.slack.shortcut import CALLBACK_ID
from bots.slack.texts import EXAMPLE_QUESTIONS
from evals.testing.fake_slack import FakeSlack, all_text, buttons, context_texts, section_texts
from evals.testing.slack_payloads import (
    BOT_ID,
    BOT_USER_ID,
    app_home_opened,
    channel_message,
    event_callback,
    home_action,
    mention,
    message_shortcut,
    new_ts,
)
from tests.slack.conftest import SlackHarness, start_http_app
from tests.slack.test_http_mode import wait_for_log

pytestmark = pytest.mark.integration

WEB = "https://hms.example.no"


def channel_id(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


FOLLOWED = [channel_id() for _ in range(4)]  # channels where follow-ups are turned on


@pytest.fixture(scope="module")
def slack(
    tmp_path_factory: pytest.TempPathFactory,
    real_assistant: Assistant,
    fake_slack: FakeSlack,
    slack_settings: Callable[..., Settings],
) -> Iterator[SlackHarness]:
    settings = slack_settings(
        tmp_path_factory.mktemp("features") / "hms.sqlite3", public_url=WEB, slack_follow_up_channels=FOLLOWED
    )
    app, storage = start_http_app(settings, real_assistant, fake_slack)
    yield SlackHarness(app=app, fake=fake_slack, storage=storage, settings=settings)
    app.close()


def answered_mention(slack: SlackHarness, text: str, *, channel: str, user: str = "U0MANAGER") -> dict:
    event = mention(text, channel=channel, user=user)
    assert slack.app.event(event_callback(event)).status_code == 200
    slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=event["ts"])
    return event


# -- the App Home tab ----------------------------------------------------------------------------------------
def test_the_home_tab_is_published_when_opened(slack: SlackHarness):
    assert slack.app.event(event_callback(app_home_opened("U0HOME"))).status_code == 200
    (published,) = slack.fake.wait_for("views.publish", user_id="U0HOME")
    assert published.ok
    view = published.params["view"]
    assert view["type"] == "home"
    text = "\n".join(all_text(view["blocks"]))
    assert "HMS-assistenten* svarer på spørsmål" in text  # what the bot does
    assert [(b["text"]["text"], b["value"]) for b in buttons(view["blocks"])] == [
        (q, q) for q in EXAMPLE_QUESTIONS
    ]  # four example questions
    assert f"<{WEB}|Åpne HMS-assistenten på nett>" in text  # the web chat
    privacy = next(t for t in context_texts(view["blocks"]) if t.startswith("*Personvern:*"))
    assert "Spørsmålene lagres ikke" in privacy and "slettes etter 30 dager" in privacy


def test_a_home_example_is_answered_in_the_users_dm(slack: SlackHarness):
    question = EXAMPLE_QUESTIONS[0]
    assert slack.app.action(home_action(f"{EXAMPLE_PREFIX}0", question, user="U0EXAMPLE")).status_code == 200
    (post,) = slack.fake.wait_for("chat.postMessage", channel="U0EXAMPLE")
    assert post.ok and post.result["channel"] == "D0EXAMPLE"  # the app's DM with the user
    assert section_texts(post.params["blocks"])[0] == f"*Du spurte:* «{question}»"
    assert "aml § 3-5" in " ".join(context_texts(post.params["blocks"]))


# -- the message shortcut ---------------------------------------------------------------------------------------
def test_the_message_shortcut_answers_in_the_messages_thread_and_follows_up_there(slack: SlackHarness):
    channel, url, ts = FOLLOWED[0], slack.fake.response_url(), new_ts()
    payload = message_shortcut(
        CALLBACK_ID,
        "Må verneombudet ha HMS-kurs?",
        channel=channel,
        response_url=url,
        user="U0HR",
        message_ts=ts,
    )
    assert slack.app.action(payload).status_code == 200
    (post,) = slack.fake.wait_for("chat.postMessage", channel=channel)
    assert post.ok and post.params["thread_ts"] == ts
    assert section_texts(post.params["blocks"])[0] == "<@U0HR> spurte HMS-assistenten om meldingen over."
    assert "aml § 6-5" in " ".join(context_texts(post.params["blocks"]))
    reply = channel_message("og hvor lenge varer kurset?", channel=channel, user="U0HR", thread_ts=ts)
    slack.app.event(event_callback(reply))  # the asker follows up in the thread, with no mention
    slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=ts)
    assert not slack.fake.find("response_url", url=url)


def test_the_message_shortcut_answers_privately_where_the_bot_cannot_post(slack: SlackHarness):
    channel, url = channel_id("D"), slack.fake.response_url()  # a DM between two people
    slack.fake.not_in_channel.add(channel)
    payload = message_shortcut(CALLBACK_ID, "Hva er et verneombud?", channel=channel, response_url=url)
    slack.app.action(payload)
    (reply,) = slack.fake.wait_for("response_url", url=url)
    assert reply.ok and reply.params["response_type"] == "ephemeral"
    sections = section_texts(reply.params["blocks"])
    assert sections[0] == "Jeg kan ikke skrive i denne samtalen, så svaret vises bare for deg."
    assert "verneombud" in " ".join(sections[1:]).lower()


# -- thread follow-ups ---------------------------------------------------------------------------------------------
def test_a_follow_up_in_a_thread_the_bot_answered_needs_no_mention(
    slack: SlackHarness, real_assistant: Assistant
):
    channel = FOLLOWED[1]
    root = answered_mention(slack, "Må daglig leder ha HMS-kurs?", channel=channel)
    slack.fake.replies[(channel, root["ts"])] = [
        {"type": "message", "user": "U0MANAGER", "ts": root["ts"], "text": root["text"]},
        {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": new_ts(),
            "text": "Fra HMS Kontorets FAQ …",
        },
        {"type": "message", "user": "U0COLLEAGUE", "ts": new_ts(), "text": "Hva med nattarbeid?"},
    ]
    reply = channel_message("og for verneombud?", channel=channel, thread_ts=root["ts"])
    assert slack.app.event(event_callback(reply)).status_code == 200
    _, post = slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root["ts"])
    (read,) = slack.fake.find("conversations.replies", channel=channel)
    assert read.params["ts"] == root["ts"]
    # the assistant had the asker's own question, not the colleague's
    expected = real_assistant.ask("og for verneombud?", history=["Må daglig leder ha HMS-kurs?"])
    refs = [c.ref if isinstance(c, LawCitation) else c.question for c in expected.citations]
    assert refs and all(ref in " ".join(context_texts(post.params["blocks"])) for ref in refs)


def test_no_follow_up_where_it_is_off_for_others_or_in_threads_the_bot_did_not_answer(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG, logger="hms.slack")
    off = channel_id()  # follow-ups are not turned on here
    root = answered_mention(slack, "Må daglig leder ha HMS-kurs?", channel=off)
    slack.app.event(event_callback(channel_message("og for verneombud?", channel=off, thread_ts=root["ts"])))
    wait_for_log(caplog, "thread reply not answered: follow-ups are off here")
    channel = FOLLOWED[2]
    root = answered_mention(slack, "Må daglig leder ha HMS-kurs?", channel=channel)
    other = channel_message("og for verneombud?", channel=channel, user="U0COLLEAGUE", thread_ts=root["ts"])
    slack.app.event(event_callback(other))  # someone else in the thread
    stranger = channel_message("og for verneombud?", channel=channel, thread_ts=new_ts())
    slack.app.event(event_callback(stranger))  # a thread the bot never answered in
    wait_for_log(
        caplog, "thread reply not answered: the bot has not answered this user in this thread", count=2
    )
    assert len(slack.fake.find("chat.postMessage", channel=off)) == 1
    assert len(slack.fake.find("chat.postMessage", channel=channel)) == 1
    assert not slack.fake.find("conversations.replies", channel=channel)  # no thread was read


def test_group_dms_answer_mentions_in_the_thread_and_follow_up_there(slack: SlackHarness):
    channel = channel_id("G")
    root = answered_mention(slack, "Hva er et verneombud?", channel=channel)
    reply = channel_message(
        "må verneombudet ha kurs?", channel=channel, channel_type="mpim", thread_ts=root["ts"]
    )
    slack.app.event(event_callback(reply))
    posts = slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root["ts"])
    assert all(p.ok for p in posts)


def test_the_thread_shows_the_assistant_status_while_the_bot_works(slack: SlackHarness):
    channel = channel_id()
    root = answered_mention(slack, "Hva er et verneombud?", channel=channel)
    (status,) = slack.fake.find("assistant.threads.setStatus", channel_id=channel)
    assert (status.params["thread_ts"], status.params["status"]) == (root["ts"], "Leter i kildene …")
    (post,) = slack.fake.find("chat.postMessage", channel=channel)
    assert status.at < post.at  # the reply clears it

"""Behaviour around the answer, through the real HTTP app and Bolt: Slack gets its ack before the answer
is computed (even with every worker busy), the channel allowlist, the rate limit, and clear Norwegian
messages instead of errors. The answers come from the hash-embedder Assistant (fast, deterministic);
`GatedAssistant` holds answers back until a test releases them."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from assistant.infra.config import Settings
from assistant.infra.state import RateLimiter, SlackState
from assistant.service import Assistant
from assistant.types import Answer
from bots.slack.core import SlackCore
from evals.testing.fake_slack import FakeSlack, section_texts
from evals.testing.slack_app import RunningApp
from evals.testing.slack_payloads import direct_message, event_callback, mention, slash_command
from tests.conftest import make_settings, sqlite_state
from tests.slack.conftest import start_http_app


class GatedAssistant:
    """The hash Assistant, but each answer waits until `gate` is set; `running` counts waiting answers."""

    def __init__(self, inner: Assistant, *, fail: bool = False):
        self.inner = inner
        self.answerer = inner.answerer
        self.gate = threading.Event()
        self.running = threading.Semaphore(0)
        self.fail = fail

    @property
    def index_version(self) -> str | None:
        return self.inner.index_version

    def ask(
        self, question: str, *, history: Sequence[str] = (), max_answer_chars: int | None = None
    ) -> Answer:
        self.running.release()
        assert self.gate.wait(60)
        if self.fail:
            raise RuntimeError("boom: internal detail that must not reach Slack")
        return self.inner.ask(question, history=history, max_answer_chars=max_answer_chars)


@pytest.fixture
def gated(hash_assistant: Assistant) -> GatedAssistant:
    return GatedAssistant(hash_assistant)


@pytest.fixture
def serve(
    tmp_path, fake_slack: FakeSlack, slack_settings: Callable[..., Settings]
) -> Iterator[Callable[..., RunningApp]]:
    apps: list[RunningApp] = []

    def start(assistant: Any, **overrides: object) -> RunningApp:
        app, _ = start_http_app(
            slack_settings(tmp_path / f"{uuid.uuid4().hex}.sqlite3", **overrides), assistant, fake_slack
        )
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()


def channel_id(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def test_slack_gets_its_ack_before_the_answer_even_with_every_worker_busy(
    serve: Callable[..., RunningApp], gated: GatedAssistant, fake_slack: FakeSlack
):
    app = serve(gated)
    channels = [channel_id() for _ in range(8)]  # more questions than Bolt has worker threads (5)
    for channel in channels:
        assert (
            app.event(event_callback(mention("Må daglig leder ha HMS-kurs?", channel=channel))).status_code
            == 200
        )
    for _ in range(5):
        assert gated.running.acquire(timeout=30)  # five answers are being computed, three wait for a thread
    url = fake_slack.response_url()
    response = app.command(slash_command("Hva er et verneombud?", channel=channel_id(), response_url=url))
    assert response.status_code == 200  # the ack does not wait for a free worker
    assert not fake_slack.find("response_url", url=url)
    assert not [c for c in fake_slack.find("chat.postMessage") if c.params["channel"] in channels]
    gated.gate.set()
    for channel in channels:
        (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
        assert post.params["blocks"]
    fake_slack.wait_for("response_url", url=url)


def test_errors_become_friendly_norwegian_messages(
    serve: Callable[..., RunningApp], hash_assistant: Assistant, fake_slack: FakeSlack
):
    failing = GatedAssistant(hash_assistant, fail=True)
    failing.gate.set()
    app = serve(failing)
    channel = channel_id()
    app.event(event_callback(mention("Må daglig leder ha HMS-kurs?", channel=channel)))
    (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
    assert post.params["text"] == "Beklager, noe gikk galt da jeg skulle svare. Prøv igjen om litt."
    assert "boom" not in str(post.params)
    fake_slack.wait_for("reactions.remove", channel=channel)  # the 👀 goes away on failure too

    app = serve(hash_assistant)
    url = fake_slack.response_url()
    app.command(slash_command("x" * 2500, channel=channel_id(), response_url=url))
    (reply,) = fake_slack.wait_for("response_url", url=url)
    assert "Spørsmålet er for langt (2500 tegn)" in reply.params["text"]
    assert section_texts(reply.params["blocks"])[0].startswith("*Du spurte:* «xxx")


def test_an_index_that_is_not_ready_is_explained(serve, corpus, fake_slack: FakeSlack, tmp_path):
    from assistant.retrieval.embeddings import HashEmbedder

    empty = Assistant(
        settings=make_settings(data_dir=tmp_path / "empty", embedding_model="hash/64"),
        corpus=corpus,
        embedder=HashEmbedder(64),
    )
    app = serve(empty)
    channel = channel_id("D")
    app.event(event_callback(direct_message("Hva er AMU?", channel=channel)))
    (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
    assert post.params["text"].startswith("Jeg kan ikke svare akkurat nå fordi kunnskapsbasen ikke er klar.")


def test_the_channel_allowlist(serve, hash_assistant: Assistant, fake_slack: FakeSlack):
    allowed = channel_id()
    app = serve(hash_assistant, slack_channels=[allowed])
    other = channel_id()
    event = mention("Må daglig leder ha HMS-kurs?", channel=other)
    app.event(event_callback(event))
    (notice,) = fake_slack.wait_for("chat.postEphemeral", channel=other)
    assert notice.params["user"] == "U0MANAGER" and notice.params["thread_ts"] == event["ts"]
    assert notice.params["text"].startswith("Jeg svarer ikke i denne kanalen.")
    url = fake_slack.response_url()
    app.command(slash_command("Hva er AMU?", channel=other, response_url=url))
    assert fake_slack.wait_for("response_url", url=url)[0].params["text"].startswith("Jeg svarer ikke")
    for channel, make in ((allowed, mention), (channel_id("D"), direct_message)):  # listed channels and DMs
        app.event(event_callback(make("Må daglig leder ha HMS-kurs?", channel=channel)))
        assert fake_slack.wait_for("chat.postMessage", channel=channel)[0].params["blocks"]
    assert not fake_slack.find("chat.postMessage", channel=other)


def test_the_per_user_rate_limit(serve, hash_assistant: Assistant, fake_slack: FakeSlack):
    app = serve(hash_assistant, slack_rate_limit_per_minute=2)
    channel = channel_id("D")
    for n in range(3):
        app.event(event_callback(direct_message(f"Spørsmål {n}: hva er AMU?", channel=channel)))
        fake_slack.wait_for("chat.postMessage", count=n + 1, channel=channel)
    posts = fake_slack.find("chat.postMessage", channel=channel)
    assert all(p.params["blocks"][-1]["type"] == "context" for p in posts[:2])  # two answers
    assert (
        posts[2].params["text"] == "Du har stilt mange spørsmål det siste minuttet. Vent litt og prøv igjen."
    )


def test_in_a_channel_the_rate_limit_is_told_only_to_the_asker(
    serve, hash_assistant: Assistant, fake_slack: FakeSlack
):
    app = serve(hash_assistant, slack_rate_limit_per_minute=1)
    channel = channel_id()
    app.event(event_callback(mention("Hva er AMU?", channel=channel, user="U0BUSY")))
    fake_slack.wait_for("chat.postMessage", channel=channel)
    second = mention("Hva er et verneombud?", channel=channel, user="U0BUSY")
    app.event(event_callback(second))
    (notice,) = fake_slack.wait_for("chat.postEphemeral", channel=channel)
    assert notice.params["user"] == "U0BUSY" and notice.params["thread_ts"] == second["ts"]
    assert notice.params["text"] == "Du har stilt mange spørsmål det siste minuttet. Vent litt og prøv igjen."
    assert len(fake_slack.find("chat.postMessage", channel=channel)) == 1


def test_follow_ups_without_a_mention_are_on_where_the_settings_say(hash_assistant: Assistant, tmp_path):
    def core(**overrides: object) -> SlackCore:
        settings = make_settings(database_path=tmp_path / "hms.sqlite3", **overrides)
        storage = sqlite_state(settings.database, pseudonym_key="k")
        return SlackCore(
            settings=settings,
            assistant=hash_assistant,
            storage=storage,
            state=SlackState(storage.backend),
            limiter=RateLimiter(storage.backend, per_minute=0),
        )

    default = core()
    assert default.follow_ups_on("G0GROUP", "mpim") and not default.follow_ups_on("C0ONE", "channel")
    listed = core(slack_follow_up_channels="C0ONE", slack_follow_up_in_dms=False)
    assert listed.follow_ups_on("C0ONE", "channel") and not listed.follow_ups_on("C0TWO", "channel")
    assert not listed.follow_ups_on("G0GROUP", "mpim")
    assert core(slack_follow_up_channels="*").follow_ups_on("C0TWO", "group")


def test_an_empty_mention_gets_help(serve, hash_assistant: Assistant, fake_slack: FakeSlack):
    app = serve(hash_assistant)
    channel = channel_id()
    app.event(event_callback(mention("", channel=channel)))
    (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
    assert "/hms § 3-5" in post.params["text"]

"""HTTP mode inside the real web app: `bots.server.create_app` mounts POST /slack/events when HMS_SLACK_MODE=http, and
Slack's requests get through the web app's middleware (origin check, body limit, security headers)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.infra.config import Settings, reveal
from assistant.infra.state import State
from assistant.service import Assistant
from bots.slack.blocks import ACTION_HELPFUL, answer_blocks
from evals.testing.fake_slack import FakeSlack, buttons
from evals.testing.slack_app import RunningApp
from evals.testing.slack_payloads import block_action, event_callback, mention
from tests.conftest import sqlite_state

pytestmark = pytest.mark.integration
server = pytest.importorskip("bots.server")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
    real_assistant: Assistant,
    slack_settings: Callable[..., Settings],
) -> Iterator[tuple[RunningApp, State]]:
    settings = slack_settings(Path(tmp_path_factory.mktemp("web-slack")) / "hms.sqlite3")
    storage = sqlite_state(settings.database, pseudonym_key=reveal(settings.pseudonym_key))
    app = RunningApp(server.create_app(settings, assistant=real_assistant, storage=storage))
    yield app, storage
    app.close()


def test_the_web_app_serves_slack_events(served: tuple[RunningApp, State], fake_slack: FakeSlack):
    app, _ = served
    channel = f"C{uuid.uuid4().hex[:10].upper()}"
    event = mention("Må jeg ha HMS-kurs som daglig leder?", channel=channel)
    assert app.event(event_callback(event)).status_code == 200
    (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
    assert post.params["thread_ts"] == event["ts"]
    assert app.event(event_callback(event), secret="forged").status_code == 401


def test_a_click_on_a_long_public_answer_fits_the_web_body_limit(
    served: tuple[RunningApp, State], real_assistant: Assistant, fake_slack: FakeSlack
):
    """Slack sends the whole message with a click on a public answer; the longest section must get through."""
    app, storage = served
    answer = real_assistant.ask("aml 15-3")  # the longest section in the corpus
    url = fake_slack.response_url()
    payload = block_action(
        ACTION_HELPFUL, answer.answer_id, channel="CLONG", response_url=url, ephemeral=False
    )
    payload["message"] = {
        "type": "message",
        "user": "UBOT0HMS",
        "ts": "1.000001",
        "text": answer.answer[:300],
        "blocks": answer_blocks(answer),
    }
    assert len(json.dumps(payload, ensure_ascii=False)) > 5000
    assert app.action(payload).status_code == 200
    fake_slack.wait_for("response_url", url=url)
    assert [r["answer_id"] for r in storage.feedback()] == [answer.answer_id]
    assert buttons(payload["message"]["blocks"])[0]["value"] == answer.answer_id

"""Socket Mode: the handler builds from the configuration, registers the same listener functions the HTTP
app uses, and answers over a real websocket (the fake Slack's apps.connections.open points at it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from assistant.infra.config import Settings, reveal
from assistant.service import Assistant
from bots.slack.bot import SlackBot
from bots.slack.buttons import Buttons
from bots.slack.credentials import SlackConfigError
from bots.slack.home import Home
from bots.slack.http import mount
from bots.slack.listeners.actions import ack_action
from bots.slack.listeners.commands import ack_command
from bots.slack.listeners.events import ack_event
from bots.slack.listeners.shortcuts import ack_shortcut
from bots.slack.run import socket_handler
from bots.slack.shortcut import MessageShortcut
from evals.testing.fake_slack import FakeSlack, section_texts
from evals.testing.fake_socket_mode import FakeSocketMode
from evals.testing.slack_payloads import APP_TOKEN, BOT_TOKEN, event_callback, mention, slash_command
from tests.conftest import CORPUS_DIR, TEST_DATA_DIR, sqlite_state

pytestmark = pytest.mark.integration


def listener_functions(app: App) -> set[tuple[object, tuple[object, ...]]]:
    """(ack function, lazy functions) of every registered listener, methods by their function."""
    return {
        (listener.ack_function, tuple(getattr(f, "__func__", f) for f in listener.lazy_functions))
        for listener in app._listeners
    }


@pytest.fixture
def socket_settings(tmp_path: Path, slack_settings: Callable[..., Settings]) -> Settings:
    return slack_settings(tmp_path / "hms.sqlite3", slack_mode="socket", slack_signing_secret=None)


@pytest.fixture
def handler(socket_settings: Settings, real_assistant: Assistant) -> Iterator[SocketModeHandler]:
    storage = sqlite_state(socket_settings.database, pseudonym_key=reveal(socket_settings.pseudonym_key))
    handler = socket_handler(socket_settings, assistant=real_assistant, storage=storage)
    yield handler
    handler.close()


def test_the_handler_builds_from_config_with_the_listeners_the_http_app_uses(
    handler: SocketModeHandler,
    socket_settings: Settings,
    real_assistant: Assistant,
    fake_slack: FakeSlack,
    slack_settings: Callable[..., Settings],
    tmp_path: Path,
):
    assert handler.app_token == APP_TOKEN == reveal(socket_settings.slack_app_token)
    assert handler.client.web_client.base_url == fake_slack.api_url
    assert fake_slack.find("auth.test")  # the bot token was verified at start
    web = FastAPI()
    http_settings = slack_settings(tmp_path / "http.sqlite3")
    mount(web, assistant=real_assistant, storage=sqlite_state(http_settings.database), settings=http_settings)
    expected = {
        (ack_event, (SlackBot.answer_mention,)),
        (ack_event, (SlackBot.answer_message,)),
        (ack_event, (Home.publish,)),
        (ack_command, (SlackBot.answer_command,)),
        (ack_action, (Buttons.record_feedback,)),
        (ack_action, (Buttons.share_answer,)),
        (ack_action, (Buttons.ask_example,)),
        (ack_shortcut, (MessageShortcut.answer,)),
    }
    assert listener_functions(handler.app) == expected == listener_functions(web.state.slack_app)


def test_a_missing_app_token_fails_before_connecting(
    tmp_path: Path, slack_settings: Callable[..., Settings], real_assistant: Assistant
):
    settings = slack_settings(tmp_path / "hms.sqlite3", slack_mode="socket", slack_app_token=None)
    with pytest.raises(SlackConfigError, match="HMS_SLACK_APP_TOKEN mangler"):
        socket_handler(settings, assistant=real_assistant, storage=sqlite_state(settings.database))


def test_socket_mode_answers_a_mention_and_a_slash_command_over_a_websocket(
    handler: SocketModeHandler, fake_slack: FakeSlack
):
    socket = FakeSocketMode(fake_slack)
    try:
        handler.connect()
        channel = f"C{uuid.uuid4().hex[:10].upper()}"
        event = mention("Må jeg ha HMS-kurs som daglig leder?", channel=channel)
        envelope = {
            "envelope_id": uuid.uuid4().hex,
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": event_callback(event),
        }
        assert socket.send(envelope) == {"envelope_id": envelope["envelope_id"]}
        (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
        assert post.params["thread_ts"] == event["ts"]
        assert "aml § 3-5 (1)" in str(post.params["blocks"])

        url = fake_slack.response_url()
        command = {
            "envelope_id": uuid.uuid4().hex,
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": slash_command("§ 3-5", channel=channel, response_url=url),
        }
        assert socket.send(command) == {
            "envelope_id": command["envelope_id"],
            "payload": {"text": "Leter i kildene …", "response_type": "ephemeral"},
        }
        (reply,) = fake_slack.wait_for("response_url", url=url)
        assert section_texts(reply.params["blocks"])[0] == "*Du spurte:* «§ 3-5»"
    finally:
        socket.close()


def hms_env(tmp_path: Path, fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMS_", "SLACK_"))}
    return {
        **env,
        "HMS_CORPUS_DIR": str(CORPUS_DIR),
        "HMS_DATA_DIR": str(TEST_DATA_DIR),
        "HMS_DATABASE_PATH": str(tmp_path / "hms.sqlite3"),
        "HMS_SLACK_BOT_TOKEN": BOT_TOKEN,
        "HMS_SLACK_APP_TOKEN": APP_TOKEN,
        "HMS_SLACK_API_URL": fake.api_url,
        **extra,
    }


def test_hms_slack_runs_the_bot_in_socket_mode(
    tmp_path: Path, fake_slack: FakeSlack, real_settings: Settings
):
    """`hms slack` (what `make slack` runs) connects, answers an event, and stops cleanly on Ctrl-C."""
    socket = FakeSocketMode(fake_slack)
    # Output goes to files, not pipes: nobody reads a pipe while the bot runs, and a full pipe (its JSON log,
    # longer when other tests publish index versions meanwhile) would block the bot in a write and keep it
    # from exiting.
    log = tmp_path / "hms-slack.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bots.cli", "slack"],
            cwd=tmp_path,
            env=hms_env(tmp_path, fake_slack),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        channel = f"C{uuid.uuid4().hex[:10].upper()}"
        event = mention("Hva er et verneombud?", channel=channel)
        envelope = {
            "envelope_id": uuid.uuid4().hex,
            "type": "events_api",
            "accepts_response_payload": False,
            "payload": event_callback(event),
        }
        assert socket.send(envelope, timeout=120) == {"envelope_id": envelope["envelope_id"]}
        (post,) = fake_slack.wait_for("chat.postMessage", channel=channel)
        assert post.params["thread_ts"] == event["ts"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        socket.close()
    assert "Traceback" not in log.read_text()


def test_hms_slack_with_a_revoked_app_token_exits_with_the_variable_named(
    tmp_path: Path, fake_slack: FakeSlack
):
    env = hms_env(tmp_path, fake_slack, HMS_SLACK_APP_TOKEN="xapp-1-A0HMS-4444-revoked")
    result = subprocess.run(
        [sys.executable, "-m", "bots.cli", "slack"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Feil: Slack godtok ikke HMS_SLACK_APP_TOKEN (invalid_auth)." in result.stderr
    assert "Traceback" not in result.stderr


WAIT_WITH_SIGINT_ON_ANOTHER_THREAD = """
import signal, threading, time
from bots.slack.run import wait_for_interrupt
ready = threading.Event()
def other():
    ready.set()
    time.sleep(120)
worker = threading.Thread(target=other, daemon=True)
worker.start()
ready.wait()
threading.Timer(0.3, lambda: signal.pthread_kill(worker.ident, signal.SIGINT)).start()
try:
    wait_for_interrupt(0.1)
except KeyboardInterrupt:
    print("stopped")
"""


def test_ctrl_c_taken_by_another_thread_still_stops_the_bot():
    """The kernel may hand a process-wide SIGINT to any thread; Bolt's untimed Event().wait() in the main thread
    then sleeps on (seen as a bot that ignored Ctrl-C). The bot's own wait wakes and stops."""
    out = subprocess.run(
        [sys.executable, "-c", WAIT_WITH_SIGINT_ON_ANOTHER_THREAD],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "stopped", out.stderr

"""Start-up checks (a missing or placeholder token names its variable), the event-id dedupe shared by
workers, the shareable-answer store and the per-user rate limiter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.infra.state import RateLimiter
from assistant.infra.state.slack import ANSWER_TTL_S, EVENT_TTL_S, SlackState
from assistant.infra.state.sqlite import SqliteBackend
from assistant.types import Answer
from bots.slack.credentials import SlackConfigError, check_slack_settings
from evals.testing.slack_payloads import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.conftest import CORPUS_DIR, make_settings


@pytest.mark.parametrize(
    ("mode", "fields", "named"),
    [
        ("socket", {"slack_app_token": APP_TOKEN}, "HMS_SLACK_BOT_TOKEN mangler"),
        ("socket", {"slack_bot_token": BOT_TOKEN}, "HMS_SLACK_APP_TOKEN mangler"),
        (
            "socket",
            {"slack_bot_token": "xoxb-...", "slack_app_token": APP_TOKEN},
            "HMS_SLACK_BOT_TOKEN er en plassholder",
        ),
        (
            "socket",
            {"slack_bot_token": BOT_TOKEN, "slack_app_token": "changeme"},
            "HMS_SLACK_APP_TOKEN er en plassholder",
        ),
        (
            "socket",
            {"slack_bot_token": "xapp-1-2-3", "slack_app_token": APP_TOKEN},
            "HMS_SLACK_BOT_TOKEN skal starte med xoxb-",
        ),
        ("http", {"slack_bot_token": BOT_TOKEN}, "HMS_SLACK_SIGNING_SECRET mangler"),
        (
            "http",
            {"slack_bot_token": BOT_TOKEN, "slack_signing_secret": "<signing secret>"},
            "HMS_SLACK_SIGNING_SECRET er en plassholder",
        ),
    ],
)
def test_missing_or_placeholder_credentials_fail_with_the_variable_named(mode, fields, named):
    settings = make_settings(slack_mode=mode, **fields)
    with pytest.raises(SlackConfigError, match=named):
        check_slack_settings(settings)


def test_complete_credentials_pass():
    check_slack_settings(make_settings(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN))
    check_slack_settings(
        make_settings(slack_mode="http", slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET)
    )


def test_empty_env_values_count_as_missing():
    assert make_settings(slack_bot_token="  ").slack_bot_token is None


def hms_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMS_", "SLACK_"))}
    return {**env, "HMS_CORPUS_DIR": str(CORPUS_DIR), **extra}


def test_hms_slack_without_tokens_exits_with_a_clear_message(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "bots.cli", "slack"],
        cwd=tmp_path,
        env=hms_env(HMS_SLACK_APP_TOKEN=APP_TOKEN),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "HMS_SLACK_BOT_TOKEN mangler" in result.stderr and "Traceback" not in result.stderr


def answer(answer_id: str = "a" * 32, question: str = "Ring meg på 912 34 567?") -> Answer:
    return Answer(question=question, answer="Svar.", abstained=False, answer_id=answer_id)


def test_an_event_id_is_delivered_once_across_workers(tmp_path: Path):
    now = [1000.0]
    worker_a = SlackState(SqliteBackend(tmp_path / "hms.sqlite3"), clock=lambda: now[0])
    worker_b = SlackState(SqliteBackend(tmp_path / "hms.sqlite3"), clock=lambda: now[0])
    assert worker_a.first_delivery("Ev1") is True
    assert worker_b.first_delivery("Ev1") is False
    assert worker_a.first_delivery("Ev1") is False
    assert worker_b.first_delivery("Ev2") is True
    now[0] += EVENT_TTL_S + 1  # old ids are forgotten; Slack stopped retrying long before
    assert worker_a.first_delivery("Ev3") is True
    assert worker_b.first_delivery("Ev1") is True


def test_shared_answers_are_kept_redacted_and_expire(tmp_path: Path):
    now = [1000.0]
    state = SlackState(SqliteBackend(tmp_path / "hms.sqlite3"), clock=lambda: now[0])
    state.keep_answer(answer())
    kept = SlackState(SqliteBackend(tmp_path / "hms.sqlite3"), clock=lambda: now[0]).shared_answer("a" * 32)
    assert kept is not None and kept.answer == "Svar." and kept.question == "Ring meg på [telefon]?"
    assert state.shared_answer("b" * 32) is None
    now[0] += ANSWER_TTL_S + 1
    assert state.shared_answer("a" * 32) is None


def test_rate_limit_is_per_user_and_shared_by_workers(tmp_path):
    """Two limiters on one SQLite file (two worker processes) share the count."""
    first = RateLimiter(SqliteBackend(tmp_path / "hms.sqlite3"), per_minute=2)
    second = RateLimiter(SqliteBackend(tmp_path / "hms.sqlite3"), per_minute=2)
    assert [first.hit("slack:U1").allowed, second.hit("slack:U1").allowed, first.hit("slack:U1").allowed] == [
        True,
        True,
        False,
    ]
    assert second.hit("slack:U2").allowed is True
    assert all(
        RateLimiter(SqliteBackend(tmp_path / "x.sqlite3"), per_minute=0).hit("U1").allowed for _ in range(100)
    )

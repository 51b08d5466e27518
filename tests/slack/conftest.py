"""Fixtures for the Slack bot: the fake Slack (session), Slack settings, and the HTTP-mode app mounted on
a plain FastAPI app and served by a real uvicorn (per module, on the real model and index)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI

from assistant.infra.config import Settings, reveal
from assistant.infra.state import State
from assistant.service import Assistant
from bots.slack.http import mount
from evals.testing.fake_slack import FakeSlack
from evals.testing.slack_app import RunningApp
from evals.testing.slack_payloads import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.conftest import make_settings, sqlite_state


@dataclass
class SlackHarness:
    app: RunningApp
    fake: FakeSlack
    storage: State
    settings: Settings


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def slack_settings(fake_slack: FakeSlack) -> Callable[..., Settings]:
    """Settings with test Slack credentials pointing at the fake Slack; keyword overrides win."""

    def make(database: Path, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "slack_bot_token": BOT_TOKEN,
            "slack_app_token": APP_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.api_url,
            "slack_mode": "http",
            "slack_rate_limit_per_minute": 10_000,
            "database_path": database,
            "pseudonym_key": "test-pseudonym-key",
        }
        values.update(overrides)
        return make_settings(**values)

    return make


def start_http_app(settings: Settings, assistant: Assistant, fake: FakeSlack) -> tuple[RunningApp, State]:
    storage = sqlite_state(settings.database, pseudonym_key=reveal(settings.pseudonym_key))
    app = FastAPI()
    mount(app, assistant=assistant, storage=storage, settings=settings)
    return RunningApp(app), storage


@pytest.fixture(scope="module")
def real_slack(
    tmp_path_factory: pytest.TempPathFactory,
    real_assistant: Assistant,
    fake_slack: FakeSlack,
    slack_settings: Callable[..., Settings],
) -> Iterator[SlackHarness]:
    """The HTTP-mode Slack app on the real model and index, served by uvicorn, talking to the fake Slack."""
    settings = slack_settings(tmp_path_factory.mktemp("slack") / "hms.sqlite3")
    app, storage = start_http_app(settings, real_assistant, fake_slack)
    yield SlackHarness(app=app, fake=fake_slack, storage=storage, settings=settings)
    app.close()

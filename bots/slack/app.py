"""Build the Bolt App and register its listeners; nothing else happens here."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from assistant.config import Settings, reveal
from assistant.ratelimit import RateLimiter
from assistant.service import Assistant
from assistant.storage import Storage
from bots.slack import listeners
from bots.slack.bot import SlackBot
from bots.slack.state import SlackState


def web_client(settings: Settings) -> WebClient:
    """The Slack Web API client; HMS_SLACK_API_URL points it elsewhere (tests use a fake Slack)."""
    return WebClient(
        token=reveal(settings.slack_bot_token), base_url=settings.slack_api_url or WebClient.BASE_URL
    )


def build_app(
    settings: Settings,
    *,
    assistant: Assistant,
    storage: Storage,
    client: WebClient | None = None,
    verify_token: bool = True,
) -> App:
    """The Bolt App. `verify_token` calls auth.test now (fail fast); otherwise on the first request.
    process_before_response=True runs each ack inline, so a busy thread pool never delays an ack;
    the answering runs in lazy listeners after it."""
    app = App(
        name="hms-assistenten",
        client=client or web_client(settings),
        signing_secret=reveal(settings.slack_signing_secret) or "",
        process_before_response=True,
        token_verification_enabled=verify_token,
    )
    bot = SlackBot(
        settings=settings,
        assistant=assistant,
        storage=storage,
        state=SlackState(storage.path),
        limiter=RateLimiter(storage.path, per_minute=settings.slack_rate_limit_per_minute),
    )
    listeners.register(app, bot)
    return app

"""Build the Bolt App and register its listeners; nothing else happens here."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from assistant.infra.config import Settings, reveal
from assistant.infra.state import RateLimiter, SlackState, State
from assistant.service import Assistant
from bots.slack import listeners
from bots.slack.bot import SlackBot
from bots.slack.buttons import Buttons
from bots.slack.core import SlackCore
from bots.slack.home import Home
from bots.slack.shortcut import MessageShortcut


def web_client(settings: Settings) -> WebClient:
    """The Slack Web API client; HMS_SLACK_API_URL points it elsewhere (tests use a fake Slack)."""
    return WebClient(
        token=reveal(settings.slack_bot_token), base_url=settings.slack_api_url or WebClient.BASE_URL
    )


def build_app(
    settings: Settings,
    *,
    assistant: Assistant,
    storage: State,
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
    core = SlackCore(
        settings=settings,
        assistant=assistant,
        storage=storage,
        state=SlackState(storage.backend),
        limiter=RateLimiter(storage.backend, per_minute=settings.slack_rate_limit_per_minute),
    )
    handlers = listeners.Handlers(
        bot=SlackBot(core),
        buttons=Buttons(core),
        home=Home(settings=settings, web_url=core.web_url),
        shortcut=MessageShortcut(core),
    )
    listeners.register(app, handlers)
    return app

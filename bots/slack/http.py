"""HTTP mode: Slack's events, slash commands and button clicks arrive at POST /slack/events on the web app.

Bolt verifies the signature (401 for a forged one or a timestamp older than five minutes) and acks; the
dispatch runs in a worker thread so the event loop never waits for it.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from assistant.config import Settings
from assistant.service import Assistant
from assistant.storage import Storage
from bots.slack.app import build_app
from bots.slack.config import check_slack_settings

EVENTS_PATH = "/slack/events"


def mount(app: FastAPI, *, assistant: Assistant, storage: Storage, settings: Settings) -> None:
    """Register POST /slack/events; raises SlackConfigError naming a missing or placeholder variable."""
    check_slack_settings(settings, mode="http")
    bolt = build_app(settings, assistant=assistant, storage=storage, verify_token=False)
    app.state.slack_app = bolt

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        response = await run_in_threadpool(bolt.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

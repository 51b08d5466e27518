"""HTTP mode: Slack's events, slash commands and button clicks arrive at POST /slack/events on the web app.

The signature is checked first (401 for a forged one, a malformed one or a timestamp older than five minutes),
so a body from anyone else is never parsed; a signed body Bolt cannot read is a 400. Bolt then acks, and the
dispatch runs in a worker thread so the event loop never waits for it.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.signature import SignatureVerifier
from starlette.concurrency import run_in_threadpool

from assistant.infra.config import Settings, reveal
from assistant.infra.state import State
from assistant.service import Assistant
from bots.slack.app import build_app
from bots.slack.credentials import check_slack_settings

EVENTS_PATH = "/slack/events"


def is_signed(verifier: SignatureVerifier, body: bytes, request: Request) -> bool:
    try:
        return verifier.is_valid_request(body, dict(request.headers))
    except ValueError:  # a timestamp that is not a number, a body that is not UTF-8
        return False


def mount(app: FastAPI, *, assistant: Assistant, storage: State, settings: Settings) -> None:
    """Register POST /slack/events; raises SlackConfigError naming a missing or placeholder variable."""
    check_slack_settings(settings, mode="http")
    bolt = build_app(settings, assistant=assistant, storage=storage, verify_token=False)
    app.state.slack_app = bolt
    verifier = SignatureVerifier(reveal(settings.slack_signing_secret) or "")

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if not is_signed(verifier, body, request):
            return JSONResponse({"error": "invalid request"}, status_code=401)
        try:
            bolt_request = to_bolt_request(request, body)
        except (ValueError, TypeError, AttributeError, RecursionError):  # not the JSON or form Slack sends
            return JSONResponse({"error": "invalid request body"}, status_code=400)
        response = await run_in_threadpool(bolt.dispatch, bolt_request)
        return to_starlette_response(response)

"""The HTTP-mode Slack app on a real uvicorn, and requests signed exactly as Slack signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from typing import Any
from urllib.parse import urlencode

import httpx
import uvicorn
from fastapi import FastAPI

from evals.ports import free_port
from evals.testing.slack_payloads import SIGNING_SECRET


def signed_headers(
    body: str, *, content_type: str, secret: str = SIGNING_SECRET, at: float | None = None
) -> dict[str, str]:
    """X-Slack-Signature (v0 HMAC-SHA256 of 'v0:timestamp:body') and X-Slack-Request-Timestamp."""
    timestamp = str(int(time.time() if at is None else at))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": content_type,
    }


class RunningApp:
    """A FastAPI app served by a real uvicorn in a thread, with helpers that post as Slack does."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        self.http = httpx.Client(base_url=self.url, timeout=30)

    def close(self) -> None:
        self.http.close()
        self.server.should_exit = True
        self.thread.join(10)

    def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        return self.http.post("/slack/events", content=body.encode(), headers=headers)

    def event(self, payload: dict[str, Any], *, retry_num: int | None = None, **sign: Any) -> httpx.Response:
        body = json.dumps(payload)
        headers = signed_headers(body, content_type="application/json", **sign)
        if retry_num is not None:
            headers.update({"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"})
        return self.post(body, headers)

    def command(self, form: dict[str, str], **sign: Any) -> httpx.Response:
        body = urlencode(form)
        return self.post(body, signed_headers(body, content_type="application/x-www-form-urlencoded", **sign))

    def action(self, payload: dict[str, Any], **sign: Any) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, signed_headers(body, content_type="application/x-www-form-urlencoded", **sign))

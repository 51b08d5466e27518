"""A fake Slack on 127.0.0.1 for the Slack bot's tests (tests/slack) and `make bench-slack`, without internet:
the Web API over HTTP, response_url endpoints and a Socket Mode websocket, recording every call and
answering as Slack does; request signing exactly as Slack signs; payload builders; and a real uvicorn
server running the HTTP-mode app."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import uvicorn
from fastapi import FastAPI
from websockets.sync.server import ServerConnection, serve

BOT_USER_ID = "UBOT0HMS"
BOT_ID = "BBOT0HMS"
TEAM_ID = "T0HMS"
SIGNING_SECRET = "8f2a0c1d9e7b6a5f4c3b2a1d0e9f8a7b"
BOT_TOKEN = "xoxb-1111-2222-testtoken"
APP_TOKEN = "xapp-1-A0HMS-3333-testtoken"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)


class FakeSlack:
    """Records chat.postMessage, chat.postEphemeral, reactions.add/remove, conversations.replies/history,
    auth.test, apps.connections.open and response_url posts, and answers like Slack ({"ok": true, ...})."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.cond = threading.Condition()
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (channel, thread ts) -> messages
        self.histories: dict[str, list[dict[str, Any]]] = {}  # channel -> messages, newest first
        self.not_in_channel: set[str] = set()
        self.on_call: Callable[[Call], None] | None = None
        self._ts = itertools.count(1)
        self.ws_url: str | None = None
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.api_url = f"{self.base}/api/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def response_url(self) -> str:
        return f"{self.base}/response/{uuid.uuid4().hex}"

    # -- recorded calls ----------------------------------------------------------------------------
    def record(self, method: str, params: dict[str, Any]) -> None:
        call = Call(method, params)
        with self.cond:
            self.calls.append(call)
            self.cond.notify_all()
        if self.on_call:
            self.on_call(call)

    def find(self, method: str, **match: Any) -> list[Call]:
        with self.cond:
            return [
                c
                for c in self.calls
                if c.method == method and all(c.params.get(k) == v for k, v in match.items())
            ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 60, **match: Any) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(found := self.find(method, **match)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    methods = [(c.method, c.params.get("channel")) for c in self.calls[-20:]]
                    raise AssertionError(
                        f"no {count}x {method} {match} within {timeout} s; last calls: {methods}"
                    )
                self.cond.wait(left)
            return found

    # -- the Web API -------------------------------------------------------------------------------
    def api(self, method: str, params: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://hms.slack.com/", "team": "HMS", "user": "hms-assistenten",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}  # fmt: skip
        if method == "chat.postMessage":
            if params.get("channel") in self.not_in_channel:
                return {"ok": False, "error": "not_in_channel"}
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"text": params.get("text"), "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}}  # fmt: skip
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{int(time.time())}.{next(self._ts):06d}"}
        if method in ("reactions.add", "reactions.remove"):
            return {"ok": True}
        if method == "conversations.replies":
            messages = self.replies.get((str(params.get("channel")), str(params.get("ts"))), [])
            return {"ok": True, "messages": messages, "has_more": False}
        if method == "conversations.history":
            return {
                "ok": True,
                "messages": self.histories.get(str(params.get("channel")), []),
                "has_more": False,
            }
        if method == "apps.connections.open":
            if token != APP_TOKEN or not self.ws_url:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.ws_url}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _params(self) -> dict[str, Any]:
                url = urlsplit(self.path)
                params: dict[str, Any] = dict(parse_qsl(url.query))
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if raw and "json" in (self.headers.get("Content-Type") or ""):
                    params.update(json.loads(raw))
                elif raw:
                    params.update(parse_qsl(raw))
                for key in ("blocks", "attachments"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                return params

            def _reply(self, status: int, body: str, content_type: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _serve(self) -> None:
                path = urlsplit(self.path).path
                params = self._params()
                if path.startswith("/response/"):
                    fake.record("response_url", {**params, "url": f"{fake.base}{path}"})
                    self._reply(200, "ok", "text/plain")
                elif path.startswith("/api/"):
                    method = path.removeprefix("/api/")
                    fake.record(method, params)
                    token = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or params.get(
                        "token"
                    )
                    answer = fake.api(method, params, token)
                    self._reply(200, json.dumps(answer), "application/json; charset=utf-8")
                else:
                    self._reply(404, "not found", "text/plain")

            do_GET = _serve
            do_POST = _serve

        return Handler


class FakeSocketMode:
    """Slack's Socket Mode side: a websocket that says hello, sends envelopes and collects the acks."""

    def __init__(self, fake: FakeSlack) -> None:
        self.acks: list[dict[str, Any]] = []
        self.cond = threading.Condition()
        self.connection: ServerConnection | None = None
        self.server = serve(self._handle, "127.0.0.1", 0)
        port = self.server.socket.getsockname()[1]
        fake.ws_url = f"ws://127.0.0.1:{port}/link"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handle(self, connection: ServerConnection) -> None:
        with self.cond:
            self.connection = connection
            self.cond.notify_all()
        connection.send(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0HMS"}})
        )
        for message in connection:
            with self.cond:
                self.acks.append(json.loads(message))
                self.cond.notify_all()

    def send(self, envelope: dict[str, Any], timeout: float = 30) -> dict[str, Any]:
        """Send one envelope and return the client's ack for it."""
        with self.cond:
            if not self.cond.wait_for(lambda: self.connection is not None, timeout):
                raise AssertionError("the Socket Mode client never connected")
        assert self.connection is not None
        self.connection.send(json.dumps(envelope))
        with self.cond:
            if not self.cond.wait_for(
                lambda: any(a.get("envelope_id") == envelope["envelope_id"] for a in self.acks), timeout
            ):
                raise AssertionError(f"no ack for envelope {envelope['envelope_id']}")
            return next(a for a in self.acks if a.get("envelope_id") == envelope["envelope_id"])

    def close(self) -> None:
        self.server.shutdown()


# -- what Slack sends ---------------------------------------------------------------------------------
def new_ts() -> str:
    return f"{time.time():.6f}"


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


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0HMS",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],  # fmt: skip
        "is_ext_shared_channel": False,
    }


def mention(text: str, *, channel: str, user: str = "U0MANAGER", ts: str | None = None,
            thread_ts: str | None = None) -> dict[str, Any]:  # fmt: skip
    ts = ts or new_ts()
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "team": TEAM_ID}  # fmt: skip
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, *, channel: str, user: str = "U0MANAGER", ts: str | None = None,
                   **extra: Any) -> dict[str, Any]:  # fmt: skip
    ts = ts or new_ts()
    return {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text, "ts": ts,
            "event_ts": ts, "team": TEAM_ID, **extra}  # fmt: skip


def slash_command(text: str, *, channel: str, response_url: str, user: str = "U0HR") -> dict[str, str]:
    return {"token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "hms", "channel_id": channel,
            "channel_name": "hms", "user_id": user, "user_name": "hr", "command": "/hms", "text": text,
            "api_app_id": "A0HMS", "is_enterprise_install": "false", "response_url": response_url,
            "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}"}  # fmt: skip


def block_action(action_id: str, value: str, *, channel: str, response_url: str, user: str = "U0HR",
                 label: str = "👍 Nyttig", ephemeral: bool = True) -> dict[str, Any]:  # fmt: skip
    ts = new_ts()
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "hr", "name": "hr", "team_id": TEAM_ID},
        "api_app_id": "A0HMS",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "trigger_id": f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}",
        "team": {"id": TEAM_ID, "domain": "hms"},
        "channel": {"id": channel, "name": "hms"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "feedback",
                "value": value,
                "type": "button",
                "text": {"type": "plain_text", "text": label, "emoji": True},
                "action_ts": ts,
            }
        ],  # fmt: skip
    }


# -- the HTTP-mode app on a real server --------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def context_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def all_text(blocks: list[dict[str, Any]]) -> Iterator[str]:
    yield from section_texts(blocks)
    yield from context_texts(blocks)

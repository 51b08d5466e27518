"""A fake Slack Web API and response_url on 127.0.0.1: records each call, answers and refuses like Slack."""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from evals.testing.slack_payloads import APP_TOKEN, BOT_ID, BOT_USER_ID, TEAM_ID

# Slack refuses a message whose blocks are too long ("msg_blocks_too_long"; 24,014 characters were refused in
# a probe). The fake refuses more than BLOCKS_CHAR_LIMIT characters of block JSON, the budget the bot keeps.
BLOCKS_CHAR_LIMIT = 12_000
MAX_BLOCKS = 50
SECTION_CHARS = 3000
CONTEXT_ELEMENTS = 10
RESPONSE_URL_USES = 5  # a response_url takes at most five messages


def blocks_error(blocks: Any) -> str | None:
    """The error Slack gives for these blocks, or None if it would take them."""
    if not blocks:
        return None
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        return "invalid_blocks"
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        if len(text) > SECTION_CHARS or len(block.get("elements") or []) > CONTEXT_ELEMENTS:
            return "invalid_blocks"
    if len(json.dumps(blocks, ensure_ascii=False)) > BLOCKS_CHAR_LIMIT:
        return "msg_blocks_too_long"
    return None


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)
    result: dict[str, Any] = field(default_factory=dict)  # what the fake answered

    @property
    def ok(self) -> bool:
        return bool(self.result.get("ok"))


class FakeSlack:
    """Records every Web API call (chat.postMessage, chat.postEphemeral, reactions.add/remove,
    conversations.replies/history, views.publish, assistant.threads.setStatus, auth.test,
    apps.connections.open) and response_url post, and answers like Slack ({"ok": true, ...}).
    `failures[channel]` queues errors for the next chat.postMessage calls to that channel."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.cond = threading.Condition()
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (channel, thread ts) -> messages
        self.histories: dict[str, list[dict[str, Any]]] = {}  # channel -> messages, newest first
        self.not_in_channel: set[str] = set()
        self.failures: dict[str, list[str]] = {}
        self._response_uses: Counter[str] = Counter()
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
    def record(self, method: str, params: dict[str, Any], result: dict[str, Any] | None = None) -> Call:
        call = Call(method, params, result=result or {})
        with self.cond:
            self.calls.append(call)
            self.cond.notify_all()
        if self.on_call:
            self.on_call(call)
        return call

    def find(self, method: str, *, where: Callable[[Call], bool] | None = None, **match: Any) -> list[Call]:
        with self.cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and all(c.params.get(k) == v for k, v in match.items())
                and (where is None or where(c))
            ]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 60,
        *,
        where: Callable[[Call], bool] | None = None,
        **match: Any,
    ) -> list[Call]:
        """The first `count` calls of `method` with these params (and `where` true), waiting for them."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(found := self.find(method, where=where, **match)) < count:
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
            return {
                "ok": True,
                "url": "https://hms.slack.com/",
                "team": "HMS",
                "user": "hms-assistenten",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            return self.post_message(params)
        if method == "chat.postEphemeral":
            if error := blocks_error(params.get("blocks")):
                return {"ok": False, "error": error}
            return {"ok": True, "message_ts": f"{int(time.time())}.{next(self._ts):06d}"}
        if method in ("reactions.add", "reactions.remove", "assistant.threads.setStatus"):
            return {"ok": True}
        if method == "views.publish":
            view = params.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if not params.get("user_id") or not isinstance(view, dict) or view.get("type") != "home":
                return {"ok": False, "error": "invalid_arguments"}
            if len(view.get("blocks") or []) > 100:
                return {"ok": False, "error": "invalid_blocks"}
            return {"ok": True, "view": {"id": "V0HOME", **view}}
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

    def post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel"))
        with self.cond:
            queued = self.failures.get(channel)
            if queued:
                return {"ok": False, "error": queued.pop(0)}
        if channel in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        if error := blocks_error(params.get("blocks")):
            return {"ok": False, "error": error}
        if channel.startswith(("U", "W")):  # a user id: the message goes to the app's DM with that user
            channel = f"D{channel[1:]}"
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "message": {"text": params.get("text"), "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts},
        }

    def response(self, url: str, params: dict[str, Any]) -> tuple[int, str]:
        """What Slack answers on a response_url: 200 "ok", or an error status with the reason."""
        with self.cond:
            self._response_uses[url] += 1
            uses = self._response_uses[url]
        if uses > RESPONSE_URL_USES:
            return 404, "used_url"
        if params.get("delete_original"):
            return 200, "ok"
        if error := blocks_error(params.get("blocks")):
            return 400, error
        return 200, "ok"

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
                    url = f"{fake.base}{path}"
                    status, text = fake.response(url, params)
                    fake.record(
                        "response_url", {**params, "url": url}, {"ok": status == 200, "status": status}
                    )
                    self._reply(status, text, "text/plain")
                elif path.startswith("/api/"):
                    method = path.removeprefix("/api/")
                    token = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or params.get(
                        "token"
                    )
                    answer = fake.api(method, params, token)
                    fake.record(method, params, answer)
                    self._reply(200, json.dumps(answer), "application/json; charset=utf-8")
                else:
                    self._reply(404, "not found", "text/plain")

            do_GET = _serve
            do_POST = _serve

        return Handler


# -- readers for the blocks the bot posted -------------------------------------------------------------------
def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def context_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def all_text(blocks: list[dict[str, Any]]) -> Iterator[str]:
    yield from section_texts(blocks)
    yield from context_texts(blocks)

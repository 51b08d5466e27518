"""A scripted OpenAI-compatible chat server on 127.0.0.1, for tests and the LLM eval without internet.

POST /v1/chat/completions answers from a responder: a callable that gets the request JSON and returns a
Reply (text, or a fault: an HTTP status, a delay, a body that is not JSON, a dropped connection, a reply cut
by its length limit or a content filter, a stream that stops after some chunks or never sends [DONE]).
Streaming requests get SSE chunks `data: {...}` and `data: [DONE]`, as the OpenAI API, Ollama's /v1 and
llama.cpp's llama-server send them.

`SourceReader` is the eval's responder: it answers from the <source> blocks in the prompt with correct ids
(evals/faithful.py), and, for a fixed share of questions, cites an id that does not exist, mentions an
uncited § or leaves a duty uncited, so that verification, the retry and the fallback all run.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from evals.faithful import write


@dataclass(frozen=True)
class Reply:
    text: str = ""
    status: int = 200
    delay_s: float = 0.0  # before the response starts
    chunk_delay_s: float = 0.0  # between streamed chunks
    raw: str | None = None  # sent as the body (or as one SSE event) instead of valid JSON
    drop: bool = False  # close the connection without answering
    finish: str | None = "stop"  # the finish_reason sent (None: no finish chunk when streaming)
    done: bool = True  # a stream ends with `data: [DONE]`
    cut_after: int | None = None  # a stream's connection drops after this many text chunks


Responder = Callable[[dict[str, Any]], Reply]


class ReplyQueue:
    """Replies in order; when they run out, every further request gets a 500."""

    def __init__(self, replies: Iterable[Reply | str] = ()):
        self._replies: deque[Reply] = deque(r if isinstance(r, Reply) else Reply(r) for r in replies)
        self._lock = threading.Lock()

    def push(self, *replies: Reply | str) -> None:
        with self._lock:
            self._replies.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def __call__(self, request: dict[str, Any]) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else Reply(status=500)


def _words(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text)


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            request = {}
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, json.dumps({"error": {"message": "not found"}}))
            return
        self.server.record(request)
        reply = self.server.responder(request)
        time.sleep(reply.delay_s)
        if reply.drop:
            self.close_connection = True
            self.connection.close()
            return
        if reply.status != 200:
            body = {
                "error": {"message": f"scripted {reply.status}", "type": "scripted", "code": reply.status}
            }
            self._send(reply.status, json.dumps(body))
            return
        model = str(request.get("model", "scripted"))
        try:
            if request.get("stream"):
                self._stream(reply, model)
            else:
                body = _completion(reply.text, model, reply.finish)
                self._send(200, reply.raw if reply.raw is not None else json.dumps(body))
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
            pass

    def _send(self, status: int, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, reply: Reply, model: str) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True
        events = [json.dumps(_chunk({"role": "assistant", "content": ""}, model))]
        if reply.raw is not None:
            events.append(reply.raw)
        pieces = _words(reply.text)
        events.extend(json.dumps(_chunk({"content": piece}, model)) for piece in pieces[: reply.cut_after])
        if reply.cut_after is None:
            if reply.finish is not None:
                events.append(json.dumps(_chunk({}, model, finish=reply.finish)))
            if reply.done:
                events.append("[DONE]")
        for event in events:
            self.wfile.write(f"data: {event}\n\n".encode())
            self.wfile.flush()
            time.sleep(reply.chunk_delay_s)


def _completion(text: str, model: str, finish: str | None = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _chunk(delta: dict[str, Any], model: str, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class ScriptedServer(ThreadingHTTPServer):
    """`with ScriptedServer(responder) as server:` serves on 127.0.0.1 at server.base_url (…/v1)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, responder: Responder, *, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name="scripted-llm")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def record(self, request: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(request)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


QUESTION = re.compile(r"<question>\n(.*)\n</question>", re.DOTALL)


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content", "")
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content)


class SourceReader:
    """Answers from the sources in the prompt; a fixed share of first answers is wrong in a known way.

    For a question whose hash falls in [0, bad_id) the first answer cites an id that does not exist, in
    [bad_id, +uncited_section) it mentions a § no source is, in [.., +uncited_duty) it states a duty without
    a citation; for hashes below `stubborn` the retry repeats the mistake, so the answer falls back.
    """

    def __init__(
        self, *, bad_id: int = 8, uncited_section: int = 6, uncited_duty: int = 4, stubborn: int = 5
    ):
        self.bad_id, self.uncited_section, self.uncited_duty = bad_id, uncited_section, uncited_duty
        self.stubborn = stubborn

    def __call__(self, request: dict[str, Any]) -> Reply:
        messages = [m for m in request.get("messages", []) if isinstance(m, dict)]
        system = next((_message_text(m) for m in messages if m.get("role") == "system"), "")
        user = [_message_text(m) for m in messages if m.get("role") == "user"]
        if not user:
            return Reply(status=400)
        if "standalone question" in system:
            return Reply(_question(user[-1]))
        english = "Write in English" in system
        prompt = user[0]
        question = _question(prompt)
        bucket = int(hashlib.sha256(question.encode()).hexdigest(), 16) % 100
        retry = len(user) > 1
        answer = self.answer(prompt, english)
        if retry and bucket >= self.stubborn:
            return Reply(answer)
        if bucket < self.bad_id:
            return Reply(f"{answer} [S9]")
        if bucket < self.bad_id + self.uncited_section:
            section = next(s for s in ("15-7", "14-9", "12-6", "2-1") if f"§ {s}" not in prompt)
            return Reply(f"{answer} {'See also' if english else 'Se også'} aml § {section}.")
        if bucket < self.bad_id + self.uncited_section + self.uncited_duty:
            duty = "The employer must follow this up." if english else "Arbeidsgiveren må følge dette opp."
            return Reply(f"{answer} {duty}")
        return Reply(answer)

    @staticmethod
    def answer(prompt: str, english: bool) -> str:
        """One or two sentences from each of the first three sources, each with its id."""
        return write(prompt, lang="en" if english else "nb")


def _question(prompt: str) -> str:
    found = QUESTION.search(prompt)
    return html.unescape(found.group(1)).strip() if found else prompt.strip()

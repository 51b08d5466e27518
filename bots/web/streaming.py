"""Server-Sent Events from `Assistant.stream()`, a sync generator run off the event loop.

Events: `sources` (the citations), `delta` (a piece of text), `replace` (`{"text", "reason"}`: the whole text so
far is replaced, and why, in one Norwegian sentence), `done` (the Answer JSON), and `error` ({code, message}) when
something fails after the stream started.
The client being gone is checked between events; the generator is then closed, which stops the work.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from assistant.index.errors import IndexNotReady
from assistant.question.validation import InvalidQuestion
from assistant.service import StreamEvent
from assistant.types import Answer
from bots.web.json_errors import INTERNAL_MESSAGE, public_not_ready

log = logging.getLogger("hms.web")

SSE_HEADERS = {"Cache-Control": "no-cache, no-store", "X-Accel-Buffering": "no"}
REPLACED_REASON = (
    "Språkmodellens svar kunne ikke kontrolleres mot kildene, så du ser kildene ordrett i stedet."
)


def replace_payload(data: Any) -> dict[str, str]:
    """The `replace` event's data: `{"text", "reason"}`; a plain string (the older form) gets the default reason."""
    if isinstance(data, dict):
        return {"text": str(data.get("text") or ""), "reason": str(data.get("reason") or REPLACED_REASON)}
    return {"text": str(data or ""), "reason": REPLACED_REASON}


class EventPump:
    """Pulls events from a sync generator, one `next()` at a time from worker threads, and closes it safely."""

    def __init__(self, events: Iterator[StreamEvent]):
        self._events = events
        self._lock = threading.Lock()
        self._closed = False
        self.finished = threading.Event()  # set once the generator is exhausted or closed

    def next(self) -> StreamEvent | None:
        with self._lock:
            if self._closed:
                return None
            event = next(self._events, None)
            if event is None:
                self._closed = True
                self.finished.set()
            return event

    def close(self) -> None:
        """Close the generator as soon as no `next()` runs; never blocks the caller (the event loop)."""
        if not self._closed:
            threading.Thread(target=self._close_now, name="hms-stream-close", daemon=True).start()

    def _close_now(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                try:
                    close = getattr(self._events, "close", None)
                    if close is not None:
                        close()
                except Exception:
                    log.exception("closing the answer stream failed")
        self.finished.set()


def encode(kind: str, data: Any) -> bytes:
    if kind == "replace":
        data = replace_payload(data)
    if isinstance(data, BaseModel):
        payload = data.model_dump_json()
    elif isinstance(data, list):
        payload = json.dumps(
            [d.model_dump() if isinstance(d, BaseModel) else d for d in data], ensure_ascii=False
        )
    else:
        payload = json.dumps(data, ensure_ascii=False)
    return f"event: {kind}\ndata: {payload}\n\n".encode()


def error_event(exc: Exception) -> bytes:
    if isinstance(exc, InvalidQuestion):
        return encode("error", {"code": exc.code, "message": exc.message})
    if isinstance(exc, IndexNotReady):
        return encode("error", {"code": exc.code, "message": public_not_ready(exc)})
    return encode("error", {"code": "internal_error", "message": INTERNAL_MESSAGE})


def sse_response(
    request: Request, pump: EventPump, first: StreamEvent, *, on_done: Callable[[Answer], None]
) -> StreamingResponse:
    """Stream ``first`` and the rest of ``pump`` as SSE; ``on_done`` runs (in a thread) before `done` is sent."""

    async def body() -> AsyncIterator[bytes]:
        event: StreamEvent | None = first
        try:
            while event is not None:
                if event.kind == "done":
                    await run_in_threadpool(on_done, event.data)
                yield encode(event.kind, event.data)
                if event.kind == "done":
                    return
                if await request.is_disconnected():
                    log.info("client closed the stream; stopping the answer")
                    return
                event = await run_in_threadpool(pump.next)
        except Exception as exc:
            log.exception("answer stream failed after it started")
            yield error_event(exc)
        finally:
            pump.close()

    return StreamingResponse(body(), media_type="text/event-stream; charset=utf-8", headers=SSE_HEADERS)

"""The OpenAI client's HTTP transport, with each SSE response watched for its `data: [DONE]` line on behalf
of the call's CallProbe (assistant/llm/complete.py). The OpenAI SDK speaks httpx2, so this does too."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx2

from assistant.llm.complete import PROBE, CallProbe

DONE_LINE = re.compile(rb"data: ?\[DONE\]")
HEAD = 16  # bytes of a line's start kept across chunks: enough for "data: [DONE]"


class _WatchedStream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, probe: CallProbe):
        self._inner = inner
        self._probe = probe

    def __iter__(self) -> Iterator[bytes]:
        head = b""  # the start of the current line, which may have begun in an earlier chunk
        for chunk in self._inner:
            for n, part in enumerate(chunk.split(b"\n")):
                if n:
                    head = b""
                if len(head) < HEAD:
                    head += part[: HEAD - len(head)]
                    if DONE_LINE.match(head):
                        self._probe.done = True
            yield chunk

    def close(self) -> None:
        self._inner.close()


class ProbingTransport(httpx2.BaseTransport):
    """httpx's transport, with each SSE response watched for its [DONE] line on behalf of PROBE."""

    def __init__(self, inner: httpx2.BaseTransport | None = None):
        self._inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self._inner.handle_request(request)
        probe = PROBE.get()
        if probe is not None and "text/event-stream" in response.headers.get("content-type", ""):
            probe.sse = True
            if isinstance(response.stream, httpx2.SyncByteStream):
                response.stream = _WatchedStream(response.stream, probe)
        return response

    def close(self) -> None:
        self._inner.close()

"""Only complete generations: the finish reason, and the [DONE] line the transport watches for; and the worker
pool's slots, which a call we stop waiting for gives back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx2
import pytest

from assistant.llm.complete import PROBE, CallProbe, finish_reason, incomplete
from assistant.llm.messages import most_telling, withdrawn
from assistant.llm.threads import DeadlineExceeded, active_calls, call_within, stream_within, wait_idle
from assistant.llm.transport import ProbingTransport


def test_a_reply_is_complete_only_when_the_provider_says_it_stopped():
    assert incomplete("stop", None) is None and incomplete("end_turn", None) is None
    assert incomplete("length", None) == "length" and incomplete("content_filter", None) == "content_filter"
    assert incomplete(None, None) == "no_finish"  # a stream that just ended: the connection dropped
    assert incomplete("stop", CallProbe(sse=True, done=False)) == "no_done"
    assert incomplete("stop", CallProbe(sse=True, done=True)) is None
    assert finish_reason({"finish_reason": "STOP"}) == "stop" and finish_reason({"stop_reason": "end_turn"})
    assert finish_reason({"done_reason": "length"}) == "length" and finish_reason({}) is None


class Chunks(httpx2.SyncByteStream):
    def __init__(self, chunks: list[bytes]):
        self.chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks


class Canned(httpx2.BaseTransport):
    def __init__(self, chunks: list[bytes], content_type: str = "text/event-stream"):
        self.chunks, self.content_type = chunks, content_type

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-type": self.content_type}, stream=Chunks(self.chunks))


def read(chunks: list[bytes], content_type: str = "text/event-stream") -> CallProbe:
    probe = CallProbe()
    token = PROBE.set(probe)
    try:
        with httpx2.Client(transport=ProbingTransport(Canned(chunks, content_type))) as client:
            with client.stream("POST", "http://llm.test/v1/chat/completions") as response:
                b"".join(response.iter_raw())
    finally:
        PROBE.reset(token)
    return probe


def test_the_transport_sees_done_even_split_across_chunks():
    body = [b'data: {"choices": []}\n\n', b"data: [DO", b"NE]\n\n"]
    assert read(body) == CallProbe(sse=True, done=True)
    assert read(body[:2]) == CallProbe(sse=True, done=False)  # cut off inside the [DONE] line
    assert read([b'{"x": "data: [DONE]"}'], "application/json") == CallProbe(sse=False, done=False)


def test_a_done_inside_the_text_is_not_the_end():
    assert read([b'data: {"content": "data: [DONE]"}\n\n']).done is False
    assert read([b'data: {"content": "xxxxxxxxxxxxxxxxx', b'data: [DONE]"}\n\n']).done is False


def test_the_user_is_told_the_most_telling_reason():
    assert most_telling(["unsupported_number", "price"]) == "price"
    assert withdrawn("verification:price", "nb").startswith("KI-svaret oppga en pris")
    assert withdrawn("incomplete:length", "en").startswith("The AI answer was cut off")
    assert withdrawn("provider:timeout", "nb").endswith("så du ser kildene ordrett i stedet.")


def test_an_abandoned_call_is_counted_until_it_ends():
    release = threading.Event()
    with pytest.raises(DeadlineExceeded):
        call_within(lambda: release.wait(30), deadline=0.0)
    assert active_calls() >= 1 and not wait_idle(0.05)
    release.set()
    assert wait_idle(30) and active_calls() == 0


def test_a_stream_we_stop_reading_is_closed_in_its_worker():
    closed = threading.Event()
    more = threading.Event()

    def items() -> Iterator[int]:
        try:
            yield 1
            more.wait(30)
            yield 2
        finally:
            closed.set()

    stream = stream_within(items, deadline=time.monotonic() + 60)
    assert next(stream) == 1
    stream.close()  # the reader is gone: the worker stops at its next item and closes the source
    more.set()
    assert closed.wait(30) and wait_idle(30)

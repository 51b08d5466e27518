"""One provider call for an answer: invoked, or streamed with its tokens passed on as they arrive, within a
deadline, and judged complete or not (assistant/llm/complete.py)."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable

from assistant.answer.protocol import AnswerEvent
from assistant.llm.complete import PROBE, CallProbe, finish_reason, incomplete
from assistant.llm.threads import call_within, stream_within


@dataclass(frozen=True)
class Generation:
    text: str
    cut: (
        str | None
    )  # None for a complete reply; else why not: length, content_filter, no_finish, no_done, too_long


class Visible:
    """What the user has seen of a streamed answer: leading whitespace dropped, trailing held back."""

    def __init__(self) -> None:
        self.shown = ""
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        if not self.shown:
            text = text.lstrip()
        kept = text.rstrip()
        self._held = text[len(kept) :]
        self.shown += kept
        return kept


def _text(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content or [])


def _metadata(message: Any) -> dict[str, Any]:
    return dict(getattr(message, "response_metadata", None) or {})


def generate(
    chain: Runnable[dict[str, object], BaseMessage],
    inputs: dict[str, object],
    *,
    end: float,
    streaming: bool,
    max_chars: int,
    visible: Visible,
) -> Generator[AnswerEvent, None, Generation]:
    """The reply to ``inputs``; while streaming, yields 'delta' events for the text as it comes and stops
    reading (cut 'too_long') once the text passes ``max_chars``. Provider errors and DeadlineExceeded raise."""
    probe = CallProbe()
    if not streaming:

        def call() -> BaseMessage:
            PROBE.set(probe)  # in the worker's own context: the transport reports this call's [DONE] here
            return chain.invoke(inputs)

        message = call_within(call, deadline=end)
        return Generation(_text(message), incomplete(finish_reason(_metadata(message)), probe))

    def make() -> Iterator[BaseMessage]:
        PROBE.set(probe)
        return chain.stream(inputs)

    raw, reason = "", None
    chunks = stream_within(make, deadline=end)  # a generator: closing it stops the worker's stream
    try:
        for chunk in chunks:
            piece = _text(chunk)
            raw += piece
            reason = finish_reason(_metadata(chunk)) or reason
            shown = visible.feed(piece)
            if shown:
                yield AnswerEvent("delta", shown)
            if len(raw) > max_chars:
                return Generation(raw, "too_long")
    finally:
        chunks.close()
    return Generation(raw, incomplete(reason, probe))

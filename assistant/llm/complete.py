"""Only complete generations are shown: the provider must say it stopped on its own (finish_reason 'stop'),
and a streamed reply over an OpenAI-compatible API must end with `data: [DONE]`.

A dropped connection ends the OpenAI client's stream silently, exactly like a finished one; a length cut
or a content filter says so only in `finish_reason`. The transport here watches the SSE bytes for the
`[DONE]` line of the call that owns the current `CallProbe` (a context variable set in the worker thread
that makes the call), so that a reply cut off at any point is told apart from a complete one.
The transport is in assistant/llm/transport.py (the OpenAI client's httpx2).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# The keys providers put the stop reason under (OpenAI, Anthropic, Ollama, Gemini), and what means "done".
FINISH_KEYS = ("finish_reason", "stop_reason", "done_reason", "finishReason")
COMPLETE = frozenset({"stop", "end_turn", "stop_sequence"})


@dataclass
class CallProbe:
    """What the transport saw of one provider call: an SSE response, and its [DONE] line."""

    sse: bool = False
    done: bool = False


PROBE: ContextVar[CallProbe | None] = ContextVar("hms_llm_call_probe", default=None)


def finish_reason(metadata: Mapping[str, Any]) -> str | None:
    """The provider's stop reason from a message's response_metadata, if it gave one."""
    for key in FINISH_KEYS:
        value = metadata.get(key)
        if value:
            return str(value).lower()
    return None


def incomplete(reason: str | None, probe: CallProbe | None) -> str | None:
    """Why a generation is not complete ('length', 'content_filter', 'no_finish', 'no_done', ...), or None."""
    if reason is None:
        return "no_finish"  # a stream that ended without a finish chunk: the connection dropped
    if reason not in COMPLETE:
        return reason
    if probe is not None and probe.sse and not probe.done:
        return "no_done"
    return None

"""What the service needs from a generating answerer, without importing LangChain."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from assistant.answer import Draft
from assistant.formatting import Lang
from assistant.retrieval import RetrievalResult


@dataclass(frozen=True)
class LLMEvent:
    """One event of a generated answer: 'sources' (citations offered to the model), 'delta' (str),
    'replace' (str: the whole text so far), and last 'draft' (the final Draft)."""

    kind: str
    data: Any


@runtime_checkable
class GenerativeAnswerer(Protocol):
    name: str

    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        """A standalone version of a follow-up question, or None to use the extractive condensation."""
        ...

    def answer(
        self, question: str, result: RetrievalResult, *, lang: Lang, deadline: float | None = None
    ) -> Draft: ...

    def stream(
        self, question: str, result: RetrievalResult, *, lang: Lang, deadline: float | None = None
    ) -> Iterator[LLMEvent]: ...

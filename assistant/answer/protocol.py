"""What every answerer gives the service: a Draft (the answer before timing and ids), AnswerEvents as it
is made, and the Answerer protocol that the extractive and the LLM answerer both follow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.formatting import Lang
from assistant.retrieval.hits import RetrievalResult
from assistant.types import Citation, Contents, Gap


@dataclass
class Draft:
    """An answer before timing and ids: its text, short answer, citations and gaps."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractive"
    short_answer: str = ""
    contents: Contents | None = None


@dataclass(frozen=True)
class AnswerEvent:
    """One event of an answer as it is made: 'sources' (the citations offered), 'delta' (a str piece of the
    text), 'replace' ({'text', 'reason'}: the text so far is withdrawn), and last 'draft' (the final Draft)."""

    kind: str
    data: Any


class Answerer(Protocol):
    """Every answerer, extractive or generating: the service calls these and nothing else."""

    name: str

    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        """A standalone version of a follow-up question, or None to use the lexical condensation."""
        ...

    def answer(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Draft: ...

    def stream(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Iterator[AnswerEvent]: ...

"""The extractive answerer: it quotes the FAQ and the law and writes nothing of its own but labels."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.answer.protocol import AnswerEvent, Draft
from assistant.answer.render import render
from assistant.evidence.select import Thresholds, select_evidence
from assistant.formatting import Lang
from assistant.retrieval.hits import RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.text import split_for_streaming


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, *, corpus: Corpus, thresholds: Thresholds | None = None):
        self.corpus = corpus
        self.thresholds = thresholds or Thresholds()

    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        return None  # the service condenses follow-ups lexically

    def answer(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,  # quoting takes no time worth a deadline
        max_chars: int | None = None,  # the quotes are the answer: never cut
    ) -> Draft:
        return render(select_evidence(self.corpus, result, self.thresholds), self.corpus, lang)

    def stream(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Iterator[AnswerEvent]:
        """The answer's citations, then its text in word-boundary pieces, then the Draft."""
        draft = self.answer(question, result, lang=lang)
        yield AnswerEvent("sources", draft.citations)
        for piece in split_for_streaming(draft.text):
            yield AnswerEvent("delta", piece)
        yield AnswerEvent("draft", draft)

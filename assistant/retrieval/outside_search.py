"""How close a question is to what the sources do not answer (the out-of-scope exemplars) against how close it
is to what they answer (the FAQ's phrasings and the law's question index), from the same query vector."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.index.manifest import Record
from assistant.index.vectors import VectorTable


@dataclass(frozen=True)
class OutsideMatch:
    score: float  # the best exemplar's cosine
    in_scope: float  # the best cosine of a question the sources answer
    domain: str
    topic_nb: str
    topic_en: str
    example: str  # the exemplar matched, for logs and debugging

    @property
    def margin(self) -> float:
        return self.score - self.in_scope


class OutsideSearch:
    def __init__(self, examples: list[Record], in_scope_questions: list[Record]):
        self.examples = VectorTable(examples)
        self.in_scope = VectorTable(in_scope_questions)

    def match(self, vector: np.ndarray) -> OutsideMatch | None:
        """The closest exemplar and the closest answered question; None when either set is empty."""
        if not len(self.examples) or not len(self.in_scope):
            return None
        sims = self.examples.scores(vector)
        best = int(np.argmax(sims))
        meta = self.examples.metadata[best]
        return OutsideMatch(
            score=float(sims[best]),
            in_scope=float(self.in_scope.scores(vector).max()),
            domain=str(meta["domain"]),
            topic_nb=str(meta["topic_nb"]),
            topic_en=str(meta["topic_en"]),
            example=self.examples.documents[best],
        )

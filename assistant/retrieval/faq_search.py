"""Dense search over the FAQ: each entry scored on its questions (one vector per phrasing) and the whole entry."""

from __future__ import annotations

from functools import cached_property

import numpy as np

from assistant.index.manifest import Record
from assistant.index.vectors import VectorTable
from assistant.retrieval.faq_classifier import FaqClassifier
from assistant.retrieval.hits import Hit
from assistant.text import words


def question_key(text: str) -> str:
    """A question's identity for exact FAQ matches: lower-case words only."""
    return " ".join(words(text))


class FaqSearch:
    """The FAQ's questions and entries of an index version, held in memory, and its questions word for word."""

    def __init__(self, questions: list[Record], entries: list[Record]):
        self.faq = VectorTable(questions + entries)
        self._faq_rows = _rows_by_key(self.faq)
        self._known_questions = {question_key(r.document): str(r.metadata["key"]) for r in questions}

    @cached_property
    def classifier(self) -> FaqClassifier | None:
        """Trained on first use: the shipped configuration does not use it (FusionConfig.faq_classifier)."""
        rows = [i for i, meta in enumerate(self.faq.metadata) if meta["kind"] == "faq_q"]
        return FaqClassifier.train(self.faq.matrix[rows], [str(self.faq.metadata[i]["key"]) for i in rows])

    def classify(self, vector: np.ndarray) -> dict[str, float]:
        """Each entry's probability of being what the question is about ({} without a classifier)."""
        return self.classifier.probabilities(vector) if self.classifier is not None else {}

    def known(self, text: str) -> str | None:
        """The entry whose question is ``text`` word for word, if any."""
        return self._known_questions.get(question_key(text))

    def search(self, vector: np.ndarray) -> dict[str, Hit]:
        sims = self.faq.scores(vector)
        hits = {}
        for key, (question_rows, entry_row) in self._faq_rows.items():
            ranked = np.sort(sims[question_rows])[::-1] if question_rows else np.array([sims[entry_row]])
            meta = self.faq.metadata[entry_row]
            hit = Hit(key, "faq", 0.0, metadata=meta, chunk_id=self.faq.ids[entry_row])
            hit.dense, hit.passage, hit.question = (
                float(sims[entry_row]),
                float(sims[entry_row]),
                float(ranked[0]),
            )
            hit.ledd_scores = {0: float(ranked[:2].mean())}  # FAQ: the mean of the two best questions
            hits[key] = hit
        return hits


def _rows_by_key(table: VectorTable) -> dict[str, tuple[list[int], int]]:
    """Per FAQ entry: the rows of its questions and the row of the whole entry."""
    rows: dict[str, tuple[list[int], int]] = {}
    for i, meta in enumerate(table.metadata):
        key = str(meta["key"])
        questions, entry = rows.get(key, ([], -1))
        if meta["kind"] == "faq_q":
            questions.append(i)
        else:
            entry = i
        rows[key] = (questions, entry)
    return {k: v for k, v in rows.items() if v[1] >= 0}

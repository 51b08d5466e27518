"""Dense search over the law: each section scored on its best passage and law-index question, and per ledd."""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.index.manifest import Record
from assistant.index.vectors import EXACT_MAX_VECTORS, VectorTable, chroma_search
from assistant.retrieval.fusion import FusionConfig
from assistant.retrieval.hits import Hit
from assistant.retrieval.section_classifier import SectionClassifier

LAW_CANDIDATE_ROWS = 200  # law passages searched per query in Chroma (large collections only)


class LawSearch:
    """The law passages (a chunk per ledd) and the law's question index of an index version, held in memory;
    ``collection`` serves passage search above EXACT_MAX_VECTORS."""

    def __init__(self, passages: list[Record], questions: list[Record], *, collection: Any = None):
        self.collection = collection
        self.law = VectorTable(passages)
        self.law_questions = VectorTable(questions)
        self._sections = sorted({str(m["key"]) for m in self.law.metadata})
        number = {key: n for n, key in enumerate(self._sections)}
        self._law_rows = np.array([number[str(m["key"])] for m in self.law.metadata], dtype=np.int64)
        held = [i for i, m in enumerate(self.law_questions.metadata) if str(m["key"]) in number]
        self.law_questions = self.law_questions.subset(held)
        self._law_q_rows = np.array(
            [number[str(m["key"])] for m in self.law_questions.metadata], dtype=np.int64
        )
        self._cases = np.array([bool(m.get("case")) for m in self.law_questions.metadata], dtype=bool)
        self._section_passages = [np.flatnonzero(self._law_rows == n) for n in range(len(self._sections))]
        self._section_questions = [np.flatnonzero(self._law_q_rows == n) for n in range(len(self._sections))]
        self.classifier = SectionClassifier.train(
            self.law_questions.matrix, [str(m["key"]) for m in self.law_questions.metadata]
        )

    def _section_maxima(self, table: VectorTable, rows: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """The best cosine per law section (-1 where the table has no row of that section)."""
        best = np.full(len(self._sections), -1.0, dtype=np.float32)
        if len(table):
            np.maximum.at(best, rows, sims)
        return best

    def search(self, vector: np.ndarray, cfg: FusionConfig) -> dict[str, Hit]:
        """Each section's best passage and best law-index question; the section scores their weighted mean
        (the passage alone where the index has no question of it). The best ledd of a section is the one
        whose passage and questions score best on the same mean."""
        if len(self.law) <= EXACT_MAX_VECTORS or self.collection is None:
            passage_sims = self.law.scores(vector)
        else:  # a large collection: Chroma's HNSW for the passages, the rest count as not found
            passage_sims = np.full(len(self.law), -1.0, dtype=np.float32)
            position = {id_: i for i, id_ in enumerate(self.law.ids)}
            for id_, sim, _ in chroma_search(self.collection, vector, kinds=["law"], k=LAW_CANDIDATE_ROWS):
                passage_sims[position[id_]] = sim
        use_questions = cfg.law_questions and len(self.law_questions)
        question_sims = self.law_questions.scores(vector) if use_questions else np.zeros(0, dtype=np.float32)
        if use_questions and not cfg.law_cases:
            question_sims = np.where(self._cases, np.float32(-1.0), question_sims)
        passage = self._section_maxima(self.law, self._law_rows, passage_sims)
        question = (
            self._section_maxima(self.law_questions, self._law_q_rows, question_sims)
            if use_questions
            else passage
        )
        w = cfg.passage_weight
        fused = np.where(question >= 0, w * passage + (1 - w) * question, passage)
        hits: dict[str, Hit] = {}
        for s in np.argsort(-fused)[: cfg.k_law]:
            if passage[s] < 0:
                continue
            key = self._sections[s]
            hit = Hit(
                key, "law", 0.0, dense=float(fused[s]), passage=float(passage[s]), question=float(question[s])
            )
            hit.ledd_scores = self._ledd_scores(s, passage_sims, question_sims if use_questions else None, w)
            best_row = max(self._section_passages[s], key=lambda i: passage_sims[i])
            hit.metadata, hit.chunk_id = self.law.metadata[best_row], self.law.ids[best_row]
            hits[key] = hit
        return hits

    def _ledd_scores(
        self, s: int, passage_sims: np.ndarray, question_sims: np.ndarray | None, w: float
    ) -> dict[int, float]:
        """Per ledd of section s (0: the whole §): the weighted mean of its best passage and question cosines,
        or the one of the two that exists."""
        by_passage: dict[int, float] = {}
        for i in self._section_passages[s]:
            ledd = int(self.law.metadata[i].get("ledd") or 0)
            by_passage[ledd] = max(by_passage.get(ledd, -1.0), float(passage_sims[i]))
        by_question: dict[int, float] = {}
        if question_sims is not None:
            for i in self._section_questions[s]:
                if question_sims[i] <= -1.0:  # left out (a case, when cases are not matched)
                    continue
                ledd = int(self.law_questions.metadata[i].get("ledd") or 0)
                by_question[ledd] = max(by_question.get(ledd, -1.0), float(question_sims[i]))
        scores: dict[int, float] = {}
        for ledd in by_passage.keys() | by_question.keys():
            p, q = by_passage.get(ledd), by_question.get(ledd)
            if p is not None and q is not None:
                scores[ledd] = w * p + (1 - w) * q
            else:
                scores[ledd] = p if p is not None else by_question[ledd]
        return scores

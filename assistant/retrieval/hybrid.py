"""Hybrid retrieval: exact reference lookup, dense search held in memory, BM25 with Norwegian stemming, and
glossary expansion, fused per FAQ entry and per law section.

FAQ entries are matched on their questions (one vector per phrasing: the multi-vector pattern), on the whole
entry, and lightly on BM25 over the questions. Law sections are matched on their passages (a chunk per ledd)
and on the law's question index (questions people ask that the § answers, `corpus/law_questions.yaml`), so that
a question in everyday words meets a question in everyday words; a hit remembers the ledd it points to. BM25
is not used for the law: every weight tried made law ranking worse (evals/reports/eval.md has the ablations).
An exact reference ("aml § 3-5") puts that section first; an exact FAQ question puts its entry first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from assistant.index.vectors import EXACT_MAX_VECTORS, VectorTable, chroma_search
from assistant.index.versions import Record
from assistant.references.parse import ReferenceParser, ResolvedRef, is_lookup, resolve_refs
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.glossary import Expansion, Glossary
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.rerank import LawReranker
from assistant.sources.corpus import Corpus
from assistant.text import clean_question, words

Mode = Literal["hybrid", "dense", "bm25"]
LAW_CANDIDATE_ROWS = 200  # law passages searched per query in Chroma (large collections only)


@dataclass(frozen=True)
class FusionConfig:
    """How the signals combine; the defaults are the shipped hybrid, chosen on the dev split.

    FAQ entries: (best question cosine + q2_weight * mean of the two best question cosines + entry_weight *
    entry cosine + faq_lexical * BM25 of the best-matching question, normalized by the query's best question
    BM25) / (1 + q2_weight + entry_weight). Law sections: passage_weight * the best passage cosine + (1 -
    passage_weight) * the best law-index question cosine, plus law_lexical * normalized BM25.
    """

    mode: Mode = "hybrid"
    faq_lexical: float = 0.025
    law_lexical: float = 0.0
    q2_weight: float = 0.25
    entry_weight: float = 1.0
    expand_dense: bool = True
    expand_lexical: bool = True
    law_questions: bool = True  # match against the law's question index
    passage_weight: float = 0.5  # a law section: this share of its passage cosine, the rest its questions'
    k_law: int = 30
    rerank_weight: float = (
        0.03  # the lexical reranking of the best law candidates (assistant.retrieval.rerank)
    )
    everyday_glossary: bool = True  # expand everyday words to the law's words (glossary group "everyday")


@dataclass
class Hit:
    key: str
    kind: Literal["faq", "law"]
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    chunk_id: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    exact: bool = False
    rerank: float = 0.0  # law: the reranking bonus (orders the hits; the thresholds read `score`)
    passage: float = 0.0  # law: best passage cosine
    question: float = 0.0  # law: best law-index question cosine
    ledd_scores: dict[int, float] = field(default_factory=dict)  # law: best cosine per ledd (0 = whole §)


@dataclass
class RetrievalResult:
    question: str
    expansion: Expansion
    refs: list[ResolvedRef]
    faq: list[Hit]
    law: list[Hit]
    lookup_only: bool = False

    @property
    def best_faq(self) -> Hit | None:
        return self.faq[0] if self.faq else None

    @property
    def best_law(self) -> Hit | None:
        return self.law[0] if self.law else None


DENSE_MAX_CHARS = 1000


def dense_input(text: str) -> str:
    """What the embedder sees of a long question: its start and its end (where the question usually is).
    Embedding cost grows with the square of the length; BM25 still reads the whole text."""
    if len(text) <= DENSE_MAX_CHARS:
        return text
    half = DENSE_MAX_CHARS // 2
    return f"{text[:half]} … {text[-half:]}"


def question_key(text: str) -> str:
    """A question's identity for exact FAQ matches: lower-case words only."""
    return " ".join(words(text))


class HybridRetriever:
    """Retrieves FAQ entries and law sections for a question. Built once per index version, from every record
    of the version with its vector (held in memory); ``collection`` serves law search above EXACT_MAX_VECTORS."""

    def __init__(
        self,
        *,
        corpus: Corpus,
        records: list[Record],
        embedder: Embedder,
        collection: Any = None,
        fusion: FusionConfig | None = None,
    ):
        self.corpus = corpus
        self.collection = collection
        self.embedder = embedder
        self.fusion = fusion or FusionConfig()
        self.parser = ReferenceParser(corpus.aliases)
        self.glossary = Glossary(corpus.glossary)
        self.reranker = LawReranker(corpus)
        by_kind: dict[str, list[Record]] = {}
        for r in records:
            by_kind.setdefault(str(r.metadata.get("kind")), []).append(r)
        self.faq = VectorTable(by_kind.get("faq_q", []) + by_kind.get("faq", []))
        self.law = VectorTable(by_kind.get("law", []))
        self.law_questions = VectorTable(by_kind.get("law_q", []))
        self._faq_rows = _rows_by_key(self.faq)
        self._sections = sorted({str(m["key"]) for m in self.law.metadata})
        number = {key: n for n, key in enumerate(self._sections)}
        self._law_rows = np.array([number[str(m["key"])] for m in self.law.metadata], dtype=np.int64)
        questions = [i for i, m in enumerate(self.law_questions.metadata) if str(m["key"]) in number]
        self.law_questions = self.law_questions.subset(questions)
        self._law_q_rows = np.array(
            [number[str(m["key"])] for m in self.law_questions.metadata], dtype=np.int64
        )
        self._section_passages = [np.flatnonzero(self._law_rows == n) for n in range(len(self._sections))]
        self._section_questions = [np.flatnonzero(self._law_q_rows == n) for n in range(len(self._sections))]
        self._known_questions = {
            question_key(r.document): str(r.metadata["key"]) for r in by_kind.get("faq_q", [])
        }
        lexical = [r for kind in ("law", "faq", "faq_q") for r in by_kind.get(kind, [])]
        self._lex_meta = [r.metadata for r in lexical]
        self._lex_kind = np.array([r.metadata["kind"] for r in lexical])
        self.lexical = LexicalIndex([r.id for r in lexical], [r.document for r in lexical])

    # -- dense ------------------------------------------------------------------------------------------
    def _faq_dense(self, vector: np.ndarray) -> dict[str, Hit]:
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

    def _section_maxima(self, table: VectorTable, rows: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """The best cosine per law section (-1 where the table has no row of that section)."""
        best = np.full(len(self._sections), -1.0, dtype=np.float32)
        if len(table):
            np.maximum.at(best, rows, sims)
        return best

    def _law_dense(self, vector: np.ndarray, cfg: FusionConfig) -> dict[str, Hit]:
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

    # -- lexical ----------------------------------------------------------------------------------------
    def _lexical(
        self, text: str, cfg: FusionConfig, faq: dict[str, Hit], law: dict[str, Hit]
    ) -> dict[str, float]:
        """BM25, normalized per kind by its best score; returns the FAQ entries' best-question BM25."""
        scores = self.lexical.scores(text)
        question_lexical: dict[str, float] = {}
        for kind in ("law", "faq", "faq_q"):
            mask = self._lex_kind == kind
            top = float(scores[mask].max()) if mask.any() else 0.0
            if top <= 0:
                continue
            for i in np.flatnonzero(mask & (scores > 0)):
                meta, norm = self._lex_meta[i], float(scores[i]) / top
                key = str(meta["key"])
                if kind == "faq_q":
                    question_lexical[key] = max(question_lexical.get(key, 0.0), norm)
                    continue
                hits = law if kind == "law" else faq
                hit = hits.setdefault(key, Hit(key, "law" if kind == "law" else "faq", 0.0, metadata=meta))
                hit.lexical = max(hit.lexical, norm)
        return question_lexical

    # -- fusion -----------------------------------------------------------------------------------------
    def retrieve(self, question: str, *, fusion: FusionConfig | None = None) -> RetrievalResult:
        cfg = fusion or self.fusion
        text = clean_question(question)
        parsed = self.parser.parse(text)
        expansion = self.glossary.expand(
            text, skip=frozenset() if cfg.everyday_glossary else frozenset({"everyday"})
        )
        faq: dict[str, Hit] = {}
        law: dict[str, Hit] = {}
        if cfg.mode != "bm25":
            dense_text = dense_input(text)
            if cfg.expand_dense and expansion.dense:
                dense_text = f"{dense_text} ({expansion.dense})"
            vector = self.embedder.embed_query(dense_text)
            faq, law = self._faq_dense(vector), self._law_dense(vector, cfg)
        question_lexical: dict[str, float] = {}
        if cfg.mode != "dense":
            lex_text = f"{text} {expansion.lexical}" if cfg.expand_lexical and expansion.lexical else text
            question_lexical = self._lexical(lex_text, cfg, faq, law)
        self._fuse(cfg, faq, law, question_lexical)
        self._rerank(f"{text} {expansion.lexical}", cfg, law)
        known = self._known_questions.get(question_key(text))
        if known in faq and cfg.mode != "bm25":
            faq[known].exact = True
        refs = resolve_refs(self.corpus, parsed)
        for ref in refs:
            if ref.status == "found" and ref.kind == "section":
                key = f"{ref.law_id}:{ref.section}"
                law.setdefault(
                    key, Hit(key, "law", 0.0, metadata={"law_id": ref.law_id, "section": ref.section})
                )
                law[key].exact = True

        def order(h: Hit) -> tuple[bool, float]:
            return (not h.exact, -(h.score + h.rerank))

        return RetrievalResult(
            text,
            expansion,
            refs,
            sorted(faq.values(), key=order),
            sorted(law.values(), key=order),
            lookup_only=is_lookup(text, parsed, titles=_titles(self.corpus, refs)),
        )

    def _rerank(self, query: str, cfg: FusionConfig, law: dict[str, Hit]) -> None:
        if not cfg.rerank_weight or cfg.mode == "bm25":
            return
        self.reranker.weight = cfg.rerank_weight
        ranked = sorted(law, key=lambda k: -law[k].score)
        for key, bonus in self.reranker.bonus(query, ranked).items():
            law[key].rerank = bonus

    def _fuse(
        self, cfg: FusionConfig, faq: dict[str, Hit], law: dict[str, Hit], question_lexical: dict[str, float]
    ) -> None:
        for h in law.values():
            h.score = h.lexical if cfg.mode == "bm25" else h.dense + cfg.law_lexical * h.lexical
        for key, h in faq.items():
            if cfg.mode == "bm25":
                h.score = h.lexical
                continue
            lexical = cfg.faq_lexical * question_lexical.get(key, 0.0) if cfg.mode == "hybrid" else 0.0
            h.score = (
                h.question
                + cfg.q2_weight * h.ledd_scores.get(0, h.question)
                + cfg.entry_weight * h.passage
                + lexical
            ) / (1 + cfg.q2_weight + cfg.entry_weight)
            h.lexical, h.dense = question_lexical.get(key, 0.0), h.question


def _titles(corpus: Corpus, refs: list[ResolvedRef]) -> list[str]:
    """The titles of the sections and chapters the references name (their words are not a topic of their own)."""
    titles = []
    for ref in refs:
        law = corpus.laws[ref.law_id]
        if ref.kind == "chapter":
            titles += [
                s.chapter_title or ""
                for s in law.sections.values()
                if (s.chapter or "").replace(" ", "") == ref.chapter
            ]
        elif ref.section in law.sections:
            titles.append(law.sections[ref.section].title or "")
    return titles[:50]


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

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

from typing import Any

import numpy as np

from assistant.index.manifest import Record
from assistant.references.parse import ReferenceParser, is_lookup
from assistant.references.resolve import ResolvedRef, resolve_refs
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.faq_search import FaqSearch
from assistant.retrieval.fusion import FusionConfig, fuse
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.retrieval.law_search import LawSearch
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.outside_search import OutsideSearch
from assistant.retrieval.rerank import LawReranker
from assistant.sources.corpus import Corpus
from assistant.sources.glossary import Glossary
from assistant.text import clean_question

DENSE_MAX_CHARS = 1000


def dense_input(text: str) -> str:
    """What the embedder sees of a long question: its start and its end (where the question usually is).
    Embedding cost grows with the square of the length; BM25 still reads the whole text."""
    if len(text) <= DENSE_MAX_CHARS:
        return text
    half = DENSE_MAX_CHARS // 2
    return f"{text[:half]} … {text[-half:]}"


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
        self.embedder = embedder
        self.fusion = fusion or FusionConfig()
        self.parser = ReferenceParser(corpus.aliases)
        self.glossary = Glossary(corpus.glossary)
        self.reranker = LawReranker(corpus)
        by_kind: dict[str, list[Record]] = {}
        for r in records:
            by_kind.setdefault(str(r.metadata.get("kind")), []).append(r)
        self.faq = FaqSearch(by_kind.get("faq_q", []), by_kind.get("faq", []))
        self.law = LawSearch(by_kind.get("law", []), by_kind.get("law_q", []), collection=collection)
        self.outside = OutsideSearch(
            by_kind.get("outside_q", []), by_kind.get("faq_q", []) + by_kind.get("law_q", [])
        )
        lexical = [r for kind in ("law", "faq", "faq_q") for r in by_kind.get(kind, [])]
        self._lex_meta = [r.metadata for r in lexical]
        self._lex_kind = np.array([r.metadata["kind"] for r in lexical])
        self.lexical = LexicalIndex([r.id for r in lexical], [r.document for r in lexical])

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
        outside = None
        if cfg.mode != "bm25":
            dense_text = dense_input(text)
            if cfg.expand_dense and expansion.dense:
                dense_text = f"{dense_text} ({expansion.dense})"
            vector = self.embedder.embed_query(dense_text)
            faq, law = self.faq.search(vector), self.law.search(vector, cfg)
            outside = self.outside.match(vector)
            if cfg.faq_classifier:
                for key, probability in self.faq.classify(vector).items():
                    if key in faq:
                        faq[key].rerank = cfg.faq_classifier * probability
        question_lexical: dict[str, float] = {}
        if cfg.mode != "dense":
            lex_text = f"{text} {expansion.lexical}" if cfg.expand_lexical and expansion.lexical else text
            question_lexical = self._lexical(lex_text, cfg, faq, law)
        fuse(cfg, faq, law, question_lexical)
        self._rerank(f"{text} {expansion.lexical}", cfg, law)
        if cfg.law_classifier and cfg.law_questions and cfg.mode != "bm25":
            self._classify_law(vector, cfg, law)
        known = self.faq.known(text)
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

        ours = [r for r in parsed if not r.other_law]

        def order(h: Hit) -> tuple[bool, float]:
            return (not h.exact, -(h.score + h.rerank))

        return RetrievalResult(
            text,
            expansion,
            refs,
            sorted(faq.values(), key=order),
            sorted(law.values(), key=order),
            lookup_only=is_lookup(text, ours, titles=_titles(self.corpus, refs)),
            outside=outside,
            other_law=next((r.other_law for r in parsed if r.other_law), None),
        )

    def _classify_law(self, vector: np.ndarray, cfg: FusionConfig, law: dict[str, Hit]) -> None:
        """The best law candidates (as many as the reranker sees) gain the section classifier's score."""
        if self.law.classifier is None:
            return
        best = sorted(law, key=lambda k: -(law[k].score + law[k].rerank))[: self.reranker.top]
        for key, score in self.law.classifier.scores(vector, best).items():
            law[key].rerank += cfg.law_classifier * score

    def _rerank(self, query: str, cfg: FusionConfig, law: dict[str, Hit]) -> None:
        if not cfg.rerank_weight or cfg.mode == "bm25":
            return
        self.reranker.weight = cfg.rerank_weight
        ranked = sorted(law, key=lambda k: -law[k].score)
        for key, bonus in self.reranker.bonus(query, ranked).items():
            law[key].rerank = bonus


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

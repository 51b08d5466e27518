"""Hybrid retrieval: exact reference lookup, BM25 with Norwegian stemming, dense search in Chroma, and
glossary expansion, fused per FAQ entry and per law section.

FAQ entries are matched on their questions (one vector per phrasing: the multi-vector pattern), on the
whole entry, and lightly on BM25 over the questions; law sections on dense search alone, because every BM25
weight tried made law ranking worse on the eval (evals/reports/eval.md has the ablations). Glossary
expansion feeds both. An exact reference ("aml § 3-5") puts that section first; an exact FAQ question puts
its entry first. See `FusionConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from assistant.corpus import Corpus
from assistant.embeddings import Embedder
from assistant.glossary import Expansion, Glossary
from assistant.lexical import LexicalIndex
from assistant.references import ParsedRef, ReferenceParser
from assistant.store import IndexNotReady, Record
from assistant.text import EN_STOPWORDS, LOOKUP_WORDS, NO_STOPWORDS, clean_question, words

Mode = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True)
class FusionConfig:
    """How the signals combine; the defaults are the shipped hybrid, chosen on the eval (evals/reports/).

    FAQ entries: (best question cosine + q2_weight * mean of the two best question cosines + entry_weight *
    entry cosine + faq_lexical * BM25 of the best-matching question, normalized by the query's best question
    BM25) / (1 + q2_weight + entry_weight). Law sections: the best dense cosine of their chunks, plus
    law_lexical * normalized BM25 (0: any BM25 weight made law ranking worse on the eval).
    """

    mode: Mode = "hybrid"
    faq_lexical: float = 0.025
    law_lexical: float = 0.0
    q2_weight: float = 0.25
    entry_weight: float = 1.0
    expand_dense: bool = True
    expand_lexical: bool = True
    k_law: int = 30


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


@dataclass(frozen=True)
class ResolvedRef:
    """A parsed reference and what the corpus says about it."""

    ref: ParsedRef
    law_id: str
    section: str
    status: Literal["found", "missing", "not_covered"]
    ledd: int | None = None
    letter: str | None = None


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


def resolve_refs(corpus: Corpus, parsed: list[ParsedRef]) -> list[ResolvedRef]:
    """Attach each parsed reference to a law and say whether the corpus has that section."""
    resolved: list[ResolvedRef] = []
    for ref in parsed:
        law = corpus.laws.get(ref.law_id) if ref.law_id else None
        if law is None:  # no law named: hyphenated numbers are arbeidsmiljøloven's, others a regulation's
            default = corpus.laws.get(corpus.default_law_id)
            if "-" in ref.section or default is None:
                law = default
            else:
                law = next((lw for lw in corpus.laws.values() if ref.section in lw.sections), None) or next(
                    (lw for lw in corpus.laws.values() if ref.section in lw.not_covered), default
                )
        if law is None:
            continue
        section, letter = ref.section, ref.letter
        if section not in law.sections and ref.section_alt and ref.section_alt in law.sections:
            section, letter = ref.section_alt, letter or ref.section[-1]
        ledd = ref.ledd
        if section in law.sections:
            sec = law.sections[section]
            if letter and ledd is None:  # 'bokstav e' without a ledd: the ledd whose list has that letter
                owners = [x.number for x in sec.ledd if any(i.letter == letter for i in x.items)]
                ledd = owners[0] if len(owners) == 1 else None
            if ledd is not None and sec.ledd_no(ledd) is None:
                ledd, letter = None, None
            if letter and (ledd is None or not any(i.letter == letter for i in sec.ledd_no(ledd).items)):  # type: ignore[union-attr]
                letter = None
            status: Literal["found", "missing", "not_covered"] = "found"
        elif not law.complete or section in law.not_covered:
            status = "not_covered"
        else:
            status = "missing"
        resolved.append(ResolvedRef(ref, law.law_id, section, status, ledd, letter))
    return resolved


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


def is_lookup(question: str, refs: list[ParsedRef]) -> bool:
    """True when the question is essentially a reference ('hva står i aml § 6-5?', '/hms § 3-5')."""
    if not refs:
        return False
    rest = question
    for ref in sorted(refs, key=lambda r: r.span, reverse=True):
        rest = rest[: ref.span[0]] + " " + rest[ref.span[1] :]
    content = [
        w for w in words(rest) if w not in NO_STOPWORDS and w not in EN_STOPWORDS and w not in LOOKUP_WORDS
    ]
    return len(content) <= 1


class HybridRetriever:
    """Retrieves FAQ entries and law sections for a question. Built once per index version."""

    def __init__(
        self,
        *,
        corpus: Corpus,
        collection: Any,
        records: list[Record],
        embedder: Embedder,
        fusion: FusionConfig | None = None,
    ):
        self.corpus = corpus
        self.collection = collection
        self.embedder = embedder
        self.fusion = fusion or FusionConfig()
        self.parser = ReferenceParser(corpus.aliases)
        self.glossary = Glossary(corpus.glossary)
        lexical_records = [r for r in records if r.metadata.get("kind") in ("law", "faq", "faq_q")]
        self._lex_meta = [r.metadata for r in lexical_records]
        self._lex_ids = [r.id for r in lexical_records]
        self._lex_kind = np.array([r.metadata["kind"] for r in lexical_records])
        # FAQ questions and entries are a few hundred vectors: score them all in memory (read from the index).
        faq = collection.get(where={"kind": {"$in": ["faq", "faq_q"]}}, include=["embeddings", "metadatas"])
        self._faq_ids = list(faq["ids"])
        self._faq_meta = [dict(m) for m in faq["metadatas"]]
        self._faq_matrix = np.asarray(faq["embeddings"], dtype=np.float32).reshape(len(self._faq_ids), -1)
        # A question asked exactly as the FAQ words it (case and punctuation aside) is that entry's.
        self._known_questions = {
            question_key(r.document): str(r.metadata["key"])
            for r in records
            if r.metadata.get("kind") == "faq_q"
        }
        self.lexical = LexicalIndex(self._lex_ids, [r.document for r in lexical_records])

    def _dense(self, vector: np.ndarray, kinds: list[str], k: int) -> list[tuple[str, float, dict[str, Any]]]:
        where: Any = {"kind": kinds[0]} if len(kinds) == 1 else {"kind": {"$in": kinds}}
        try:
            got = self.collection.query(
                query_embeddings=[vector.tolist()],
                n_results=k,
                where=where,
                include=["metadatas", "distances"],
            )
        except Exception as exc:  # the store went away (server down, files gone): not ready, not a crash
            raise IndexNotReady(
                f"Vektorindeksen svarer ikke ({type(exc).__name__}). Prøv igjen om litt.",
                code="chroma_unreachable",
            ) from exc
        return [
            (id_, 1.0 - float(dist), dict(meta))
            for id_, dist, meta in zip(got["ids"][0], got["distances"][0], got["metadatas"][0], strict=True)
        ]

    def retrieve(self, question: str, *, fusion: FusionConfig | None = None) -> RetrievalResult:
        cfg = fusion or self.fusion
        text = clean_question(question)
        parsed = self.parser.parse(text)
        refs = resolve_refs(self.corpus, parsed)
        expansion = self.glossary.expand(text)
        law_hits: dict[str, Hit] = {}
        faq_hits: dict[str, Hit] = {}
        question_sims: dict[str, list[float]] = {}

        if cfg.mode in ("hybrid", "dense"):
            dense_text = dense_input(text)
            dense_text = (
                f"{dense_text} ({expansion.dense})" if cfg.expand_dense and expansion.dense else dense_text
            )
            vector = self.embedder.embed_query(dense_text)
            for chunk_id, sim, meta in self._dense(vector, ["law"], cfg.k_law):
                h = law_hits.setdefault(str(meta["key"]), Hit(str(meta["key"]), "law", 0.0, metadata=meta))
                if sim > h.dense:
                    h.dense, h.chunk_id, h.metadata = sim, chunk_id, meta
            sims = self._faq_matrix @ vector.astype(np.float32)
            for chunk_id, sim, meta in zip(self._faq_ids, sims.tolist(), self._faq_meta, strict=True):
                key = str(meta["key"])
                h = faq_hits.setdefault(key, Hit(key, "faq", 0.0, metadata=meta))
                if meta["kind"] == "faq_q":
                    question_sims.setdefault(key, []).append(sim)
                else:
                    h.dense, h.chunk_id, h.metadata = max(h.dense, sim), chunk_id, meta

        question_lexical: dict[str, float] = {}
        if cfg.mode in ("hybrid", "bm25"):
            lex_text = f"{text} {expansion.lexical}" if cfg.expand_lexical and expansion.lexical else text
            scores = self.lexical.scores(lex_text)
            for kind in ("law", "faq", "faq_q"):
                mask = self._lex_kind == kind
                top = float(scores[mask].max()) if mask.any() else 0.0
                if top <= 0:
                    continue
                hits = law_hits if kind == "law" else faq_hits
                for i in np.flatnonzero(mask & (scores > 0)):
                    meta = self._lex_meta[i]
                    key = str(meta["key"])
                    norm = float(scores[i]) / top
                    if kind == "faq_q":  # BM25 of the entry's best-matching question
                        question_lexical[key] = max(question_lexical.get(key, 0.0), norm)
                        continue
                    h = hits.setdefault(
                        key,
                        Hit(
                            key,
                            "law" if kind == "law" else "faq",
                            0.0,
                            chunk_id=self._lex_ids[i],
                            metadata=meta,
                        ),
                    )
                    h.lexical = max(h.lexical, norm)

        for h in law_hits.values():
            h.score = h.lexical if cfg.mode == "bm25" else h.dense + cfg.law_lexical * h.lexical
        for key, h in faq_hits.items():
            if cfg.mode == "bm25":
                h.score = h.lexical
                continue
            ranked = sorted(question_sims.get(key, [h.dense]), reverse=True)
            best, top2 = ranked[0], sum(ranked[:2]) / len(ranked[:2])
            lexical = cfg.faq_lexical * question_lexical.get(key, 0.0) if cfg.mode == "hybrid" else 0.0
            h.score = (best + cfg.q2_weight * top2 + cfg.entry_weight * h.dense + lexical) / (
                1 + cfg.q2_weight + cfg.entry_weight
            )
            h.lexical = question_lexical.get(key, 0.0)
            h.dense = best

        known = self._known_questions.get(question_key(text))
        if known and cfg.mode != "bm25" and known in faq_hits:
            faq_hits[known].exact = True

        for ref in refs:
            if ref.status == "found":
                key = f"{ref.law_id}:{ref.section}"
                h = law_hits.setdefault(
                    key, Hit(key, "law", 0.0, metadata={"law_id": ref.law_id, "section": ref.section})
                )
                h.exact = True

        def order(h: Hit) -> tuple[bool, float]:
            return (not h.exact, -h.score)

        return RetrievalResult(
            text,
            expansion,
            refs,
            sorted(faq_hits.values(), key=order),
            sorted(law_hits.values(), key=order),
            lookup_only=is_lookup(text, parsed),
        )

"""How retrieval's signals combine: FusionConfig (the shipped weights) and the fused score of each hit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.retrieval.hits import Hit

Mode = Literal["hybrid", "dense", "bm25"]


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
    law_cases: bool = True  # and against its cases (questions that start from a case at work)
    passage_weight: float = 0.5  # a law section: this share of its passage cosine, the rest its questions'
    k_law: int = 30
    rerank_weight: float = (
        0.03  # the lexical reranking of the best law candidates (assistant.retrieval.rerank)
    )
    everyday_glossary: bool = True  # expand everyday words to the law's words (glossary group "everyday")
    # FAQ entries ordered by their fused score plus this times the FAQ classifier's probability
    # (assistant.retrieval.faq_classifier). Off: at 0.05 it gained dev (1,083 -> 1,091 of 1,215) but sends
    # "Må jeg ha HMS-kurs som verneombud?" to kurs-malgruppe (the verneombud entries share its probability)
    faq_classifier: float = 0.0
    # the best law candidates gain this times the section classifier's score
    # (assistant.retrieval.section_classifier); 0: none
    law_classifier: float = 0.08


def fuse(
    cfg: FusionConfig, faq: dict[str, Hit], law: dict[str, Hit], question_lexical: dict[str, float]
) -> None:
    """Set each hit's score from its dense and lexical signals, as FusionConfig describes."""
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

"""What retrieval returns: a Hit per FAQ entry or law section, and the RetrievalResult of a question."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.references.resolve import ResolvedRef
from assistant.retrieval.outside_search import OutsideMatch
from assistant.sources.glossary import Expansion


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
    rerank: float = (
        0.0  # law: the reranking bonus; FAQ: the classifier's (both order hits; thresholds read `score`)
    )
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
    outside: OutsideMatch | None = (
        None  # the closest out-of-scope exemplar (assistant.retrieval.outside_search)
    )
    other_law: str | None = None  # a law we do not hold, whose § the question names ('ferieloven § 5')

    @property
    def names_a_held_section(self) -> bool:
        """The question names a § the corpus holds ('hva står i aml § 6-5', 'etter § 3-4 …')."""
        return any(ref.status == "found" for ref in self.refs)

    @property
    def best_faq(self) -> Hit | None:
        return self.faq[0] if self.faq else None

    @property
    def best_law(self) -> Hit | None:
        return self.law[0] if self.law else None

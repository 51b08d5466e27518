"""A lexical reranking of the best law candidates.

Dense cosines barely separate neighbouring sections (§ 10-8 "Daglig og ukentlig arbeidsfri" and § 10-11
"Nattarbeid" score within 0.01 for a question about rest between shifts). Among the top candidates, each
section gets a bonus for how much of the question's weight (its stems, glossary expansion included, weighted
by their rarity across the law's sections) its title, its text and its question index cover. The bonus only
reorders: the section's score, which the answer thresholds read, stays its cosine.
Measured on the dev split (evals/reports/eval.md, "law reranking"): section hit@1 0.70 -> 0.75.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from assistant.sources.corpus import Corpus
from assistant.text import stems


class LawReranker:
    def __init__(self, corpus: Corpus, *, weight: float = 0.03, top: int = 10):
        self.weight = weight
        self.top = top
        self._title: dict[str, frozenset[str]] = {}
        self._text: dict[str, frozenset[str]] = {}
        questions: dict[str, set[str]] = {}
        for law in corpus.laws.values():
            for number, section in law.sections.items():
                key = f"{law.law_id}:{number}"
                self._title[key] = frozenset(stems(section.title or ""))
                self._text[key] = frozenset(stems(section.text))
        for q in corpus.law_questions:
            questions.setdefault(f"{q.law_id}:{q.section}", set()).update(stems(q.text))
        self._questions = {k: frozenset(v) for k, v in questions.items()}
        df = Counter(t for terms in self._text.values() for t in terms)
        self._n = max(1, len(self._text))
        self._idf = {t: math.log(self._n / (1 + c)) for t, c in df.items()}

    def _weight(self, terms: Iterable[str]) -> float:
        return sum(self._idf.get(t, math.log(self._n)) for t in terms)

    def bonus(self, query: str, keys: list[str]) -> dict[str, float]:
        """The bonus of each of the first `top` keys: weight * the covered share of the query's term weight in
        the section's title, text and questions (each 0..1)."""
        terms = set(stems(query))
        total = self._weight(terms)
        if not total or not self.weight:
            return {}
        empty: frozenset[str] = frozenset()
        return {
            key: self.weight
            * sum(
                self._weight(terms & part.get(key, empty)) / total
                for part in (self._title, self._text, self._questions)
            )
            for key in keys[: self.top]
        }

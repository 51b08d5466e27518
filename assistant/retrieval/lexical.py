"""BM25 (Okapi) over the indexed chunks, with Norwegian Snowball stemming.

Postings are precomputed per term (document ids and their BM25 weights), so scoring a query is a few numpy
additions rather than a pass over every document per term.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from assistant.text import stems


class LexicalIndex:
    def __init__(self, ids: Sequence[str], texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75):
        self.ids = list(ids)
        docs = [Counter(stems(t)) for t in texts]
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float64)
        avg = float(lengths.mean()) if len(lengths) else 0.0
        df: Counter[str] = Counter(term for d in docs for term in d)
        n = len(docs)
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, doc in enumerate(docs):
            norm = k1 * (1 - b + b * lengths[i] / avg) if avg else k1
            for term, tf in doc.items():
                idf = math.log((n - df[term] + 0.5) / (df[term] + 0.5) + 1)
                entry = postings.setdefault(term, ([], []))
                entry[0].append(i)
                entry[1].append(idf * tf * (k1 + 1) / (tf + norm))
        self._postings = {t: (np.array(ix), np.array(w)) for t, (ix, w) in postings.items()}
        self._n = n

    def scores(self, query: str) -> np.ndarray:
        """BM25 score per chunk, in the order of ``ids``; zeros when the query has no indexed term."""
        scores = np.zeros(self._n)
        for term in stems(query):
            posting = self._postings.get(term)
            if posting is not None:
                scores[posting[0]] += posting[1]
        return scores

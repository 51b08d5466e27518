"""BM25 over the indexed chunks, with Norwegian Snowball stemming."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from assistant.text import stems


class LexicalIndex:
    def __init__(self, ids: Sequence[str], texts: Sequence[str]):
        self.ids = list(ids)
        corpus = [stems(t) or ["∅"] for t in texts]
        self._bm25 = BM25Okapi(corpus, k1=1.2, b=0.75)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score per chunk, in the order of ``ids``; zeros when the query has no indexed term."""
        tokens = stems(query)
        if not tokens:
            return np.zeros(len(self.ids))
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)

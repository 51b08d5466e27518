"""The index's vectors held in memory for exact search.

Every record of an index version (FAQ questions and entries, law passages, the law's question index) is read
from the store once, when the version is loaded; a query is then one matrix product. Chroma stays the store and
the server of record. Above `EXACT_MAX_VECTORS` law vectors (a collection far larger than the corpus we ship)
law passages are searched with Chroma's HNSW index instead; `make bench` measures where the two cross.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.index.errors import IndexNotReady
from assistant.index.manifest import Record

# Exact search over N vectors of 384 floats costs about N * 0.2 µs here; Chroma's HNSW query about 5 ms
# whatever N. Measured in evals/bench.py (`exact_vs_hnsw`): they cross near 25,000 vectors.
EXACT_MAX_VECTORS = 20_000


class VectorTable:
    """The records of some kinds, their metadata and an L2-normalized float32 matrix."""

    def __init__(self, records: Sequence[Record]):
        self.ids = [r.id for r in records]
        self.documents = [r.document for r in records]
        self.metadata = [dict(r.metadata) for r in records]
        dim = len(records[0].embedding) if records else 0
        matrix = np.asarray([r.embedding for r in records], dtype=np.float32).reshape(len(records), dim)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = matrix / np.where(norms == 0, 1, norms)

    def subset(self, rows: Sequence[int]) -> VectorTable:
        """The table restricted to ``rows``, in that order."""
        table = VectorTable([])
        table.ids = [self.ids[i] for i in rows]
        table.documents = [self.documents[i] for i in rows]
        table.metadata = [self.metadata[i] for i in rows]
        table.matrix = self.matrix[list(rows)] if len(rows) else self.matrix[:0]
        return table

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """The cosine of every row with ``vector`` (a normalized query embedding)."""
        if not len(self):
            return np.zeros(0, dtype=np.float32)
        return self.matrix @ vector.astype(np.float32)


def chroma_search(
    collection: Any, vector: np.ndarray, *, kinds: list[str], k: int
) -> list[tuple[str, float, dict]]:
    """HNSW search in the Chroma collection (for collections above EXACT_MAX_VECTORS)."""
    where: Any = {"kind": kinds[0]} if len(kinds) == 1 else {"kind": {"$in": kinds}}
    try:
        got = collection.query(
            query_embeddings=[vector.tolist()], n_results=k, where=where, include=["metadatas", "distances"]
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

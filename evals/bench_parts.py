"""The measurements of `make bench` (evals/bench.py), each run in a fresh process as `--part NAME`."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.infra.stats import percentile

COLD_QUESTION = "Må jeg ha HMS-kurs som daglig leder?"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def questions() -> list[str]:
    from assistant.infra.config import get_settings
    from assistant.sources.corpus import load_corpus
    from evals.datasets import sample_questions

    return sample_questions(load_corpus(get_settings().corpus_dir))


def warm_latencies(call: Callable[[str], Any], qs: list[str], *, cold_start_s: float) -> dict[str, Any]:
    """Latency of ``call`` over the questions after 20 warm-up calls, with the process's peak RSS."""
    for q in qs[:20]:
        call(q)
    times = []
    for q in qs:
        t = time.perf_counter()
        call(q)
        times.append((time.perf_counter() - t) * 1000)
    return {
        "cold_start_s": cold_start_s,
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "n": len(times),
        "peak_rss_mb": peak_rss_mb(),
    }


# -- parts, each run in a fresh process ---------------------------------------------------------------
def part_ours_serve() -> dict[str, Any]:
    started = time.perf_counter()
    from assistant.infra.config import get_settings
    from assistant.service import Assistant

    assistant = Assistant(settings=get_settings())
    assistant.ask(COLD_QUESTION)
    cold = time.perf_counter() - started
    return warm_latencies(assistant.ask, questions(), cold_start_s=cold)


def part_ours_ingest() -> dict[str, Any]:
    from assistant.index.versions import IndexStore
    from assistant.infra.config import get_settings
    from assistant.retrieval.embeddings import make_embedder
    from assistant.sources.corpus import load_corpus
    from ingest.pipeline import ingest

    settings = get_settings()
    with tempfile.TemporaryDirectory() as tmp:
        store = IndexStore(index_dir=Path(tmp) / "index")
        corpus = load_corpus(settings.corpus_dir)
        embedder = make_embedder(settings.embedding_model)
        t = time.perf_counter()
        first = ingest(corpus, store=store, embedder=embedder, log=lambda _m: None)
        full = time.perf_counter() - t
        t = time.perf_counter()
        again = ingest(load_corpus(settings.corpus_dir), store=store, embedder=embedder, log=lambda _m: None)
        unchanged = time.perf_counter() - t
    assert again.status == "unchanged"
    return {
        "full_ingest_s": full,
        "reingest_unchanged_s": unchanged,
        "chunks": first.chunks,
        "peak_rss_mb": peak_rss_mb(),
    }


class _LangChainEmbeddings:
    """Our embedder behind LangChain's Embeddings interface, so the baseline uses the same vectors."""

    def __init__(self, embedder: Any):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()


def _baseline_store(path: Path, embeddings: Any) -> Any:
    import chromadb
    from langchain_chroma import Chroma

    from assistant.index.connection import chroma_settings

    client = chromadb.PersistentClient(path=str(path), settings=chroma_settings())
    return Chroma(collection_name="baseline", embedding_function=embeddings, client=client)


def part_baseline_ingest(path: str) -> dict[str, Any]:
    """What a user would write: chunk, then Chroma.add_texts; re-running it re-embeds everything."""
    from assistant.infra.config import get_settings
    from assistant.retrieval.embeddings import make_embedder
    from assistant.sources.corpus import load_corpus
    from ingest.chunking import corpus_chunks

    settings = get_settings()
    chunks = [c for c in corpus_chunks(load_corpus(settings.corpus_dir)) if c.metadata["kind"] != "faq_q"]
    embeddings = _LangChainEmbeddings(make_embedder(settings.embedding_model))
    store = _baseline_store(Path(path), embeddings)
    t = time.perf_counter()
    store.add_texts(
        [c.text for c in chunks], metadatas=[c.metadata for c in chunks], ids=[c.id for c in chunks]
    )
    full = time.perf_counter() - t
    t = time.perf_counter()
    store.add_texts(
        [c.text for c in chunks], metadatas=[c.metadata for c in chunks], ids=[c.id for c in chunks]
    )
    again = time.perf_counter() - t
    return {
        "full_ingest_s": full,
        "reingest_unchanged_s": again,
        "chunks": len(chunks),
        "peak_rss_mb": peak_rss_mb(),
    }


def part_baseline_serve(path: str) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant.infra.config import get_settings
    from assistant.retrieval.embeddings import make_embedder

    store = _baseline_store(Path(path), _LangChainEmbeddings(make_embedder(get_settings().embedding_model)))
    store.similarity_search(COLD_QUESTION, k=4)
    cold = time.perf_counter() - started
    return warm_latencies(lambda q: store.similarity_search(q, k=4), questions(), cold_start_s=cold)


# Where an ask's time goes: cumulative time per ask in these functions (cProfile, in a separate pass).
PROFILE_STEPS = {
    "query embedding": ("embeddings.py", "embed_query"),
    "vector search (exact, in memory)": ("vectors.py", "scores"),
    "BM25": ("lexical.py", "scores"),
    "stemming (PyStemmer)": ("text.py", "stems"),
    "law reranking": ("rerank.py", "bonus"),
    "choosing the evidence": ("select.py", "select_evidence"),
    "citation verification": ("corpus_check.py", "citation_problems"),
}


def part_interleaved() -> dict[str, Any]:
    """Warm ``ask`` and the query embedding alone, timed question by question in one process, so that both see
    the same machine load; then a profile of where an ask's time goes."""
    import cProfile
    import pstats

    from assistant.infra.config import get_settings
    from assistant.service import Assistant

    assistant = Assistant(settings=get_settings())
    embedder = assistant.embedder
    qs = questions()
    for q in qs[:20]:
        embedder.embed_query(q)
        assistant.ask(q)
    embed_ms, ask_ms = [], []
    for q in qs:
        t = time.perf_counter()
        embedder.embed_query(q)
        embed_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        assistant.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    for q in qs:
        assistant.ask(q)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(v[3] for k, v in stats.items() if k[2] == "ask" and k[0].endswith("service.py"))
    profile = {"ask (under the profiler)": total * 1000 / len(qs)}
    for label, (filename, function) in PROFILE_STEPS.items():
        cumulative = sum(v[3] for k, v in stats.items() if k[0].endswith(filename) and k[2] == function)
        profile[label] = cumulative * 1000 / len(qs)
    return {
        "n": len(qs),
        "embed_p50_ms": statistics.median(embed_ms),
        "embed_p95_ms": percentile(embed_ms, 0.95),
        "ask_p50_ms": statistics.median(ask_ms),
        "ask_p95_ms": percentile(ask_ms, 0.95),
        "ratio_p95": percentile(ask_ms, 0.95) / percentile(embed_ms, 0.95),
        "ratio_p50": statistics.median(ask_ms) / statistics.median(embed_ms),
        "profile_ms_per_ask": profile,
    }


PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "interleaved": part_interleaved,
    "ours-serve": part_ours_serve,
    "ours-ingest": part_ours_ingest,
    "baseline-ingest": part_baseline_ingest,
    "baseline-serve": part_baseline_serve,
}

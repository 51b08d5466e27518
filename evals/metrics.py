"""Named eval metrics, computed from (item, outcome) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from evals.datasets import Item


@dataclass
class Outcome:
    """What the system did with one item."""

    faq_ranking: list[str]  # FAQ ids, best first (retrieval)
    law_ranking: list[str]  # law section keys 'LAW_ID:section', best first (retrieval)
    answer_faq: str | None  # the FAQ entry the answer quotes
    abstained: bool
    law_refs: list[tuple[str, str, int | None, str | None]]  # cited (law_id, section, ledd, letter)
    gaps: list[tuple[str, str]]
    invalid_citations: int = 0
    total_citations: int = 0
    latency_ms: float = 0.0
    text: str = ""
    errors: list[str] = field(default_factory=list)


def _rank(item: Item, outcome: Outcome) -> int | None:
    return outcome.faq_ranking.index(item.faq_id) + 1 if item.faq_id in outcome.faq_ranking else None


def faq_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, float]:
    """hit@1 (the answer quotes the expected FAQ entry), hit@3 and MRR (retrieval ranking)."""
    pairs = [(i, o) for i, o in pairs if i.faq_id]
    if not pairs:
        return {}
    n = len(pairs)
    ranks = [_rank(i, o) for i, o in pairs]
    return {
        "n": n,
        "hit@1": sum(o.answer_faq == i.faq_id for i, o in pairs) / n,
        "rank_hit@1": sum(r == 1 for r in ranks) / n,
        "hit@3": sum(r is not None and r <= 3 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def citation_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, float]:
    """Section-level precision and recall of law citations against the expected refs (micro-averaged)."""
    tp = fp = fn = 0
    for item, outcome in pairs:
        if item.expect in ("missing", "not_covered", "abstain"):
            fp += len(outcome.law_refs)
            continue
        expected = {r.key for r in item.refs}
        cited = {f"{law}:{sec}" for law, sec, _, _ in outcome.law_refs}
        tp += len(expected & cited)
        fp += len(cited - expected)
        fn += len(expected - cited)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def lookup_correct(item: Item, outcome: Outcome) -> bool:
    ref = item.refs[0]
    if item.expect == "found":
        return bool(outcome.law_refs) and outcome.law_refs[0] == (
            ref.law_id,
            ref.section,
            ref.ledd,
            ref.letter,
        )
    if item.expect == "missing":
        return outcome.abstained and not outcome.law_refs
    return (ref.law_id, ref.section) in outcome.gaps and not any(
        (law, sec) == (ref.law_id, ref.section) for law, sec, _, _ in outcome.law_refs
    )


def lookup_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, float]:
    pairs = [(i, o) for i, o in pairs if i.dataset == "lookup"]
    if not pairs:
        return {}
    return {"n": len(pairs), "accuracy": sum(lookup_correct(i, o) for i, o in pairs) / len(pairs)}


def abstention_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, float]:
    """Out-of-scope items must abstain; FAQ, law and found-lookup items must answer."""
    pairs = [(i, o) for i, o in pairs if i.dataset != "lookup" or i.expect == "found"]
    should_abstain = [(i, o) for i, o in pairs if i.expect == "abstain"]
    should_answer = [(i, o) for i, o in pairs if i.expect != "abstain"]
    false_answer = sum(not o.abstained for _, o in should_abstain)
    false_abstain = sum(o.abstained for _, o in should_answer)
    n = len(pairs)
    return {
        "n": n,
        "accuracy": (n - false_answer - false_abstain) / n if n else 1.0,
        "false_answer_rate": false_answer / len(should_abstain) if should_abstain else 0.0,
        "false_abstain_rate": false_abstain / len(should_answer) if should_answer else 0.0,
        "false_answers": false_answer,
        "false_abstains": false_abstain,
    }


def invented_citation_share(pairs: Iterable[tuple[Item, Outcome]]) -> float:
    pairs = list(pairs)
    total = sum(o.total_citations for _, o in pairs)
    return sum(o.invalid_citations for _, o in pairs) / total if total else 0.0


def law_retrieval_metrics(pairs: Iterable[tuple[Item, Outcome]]) -> dict[str, float]:
    """Section hit@1 / hit@3 of the law ranking for questions whose answer is in the law."""
    pairs = [(i, o) for i, o in pairs if i.refs and i.dataset == "law_question"]
    if not pairs:
        return {}
    n = len(pairs)

    def hit(item: Item, outcome: Outcome, k: int) -> bool:
        return any(r.key in outcome.law_ranking[:k] for r in item.refs)

    return {
        "n": n,
        "hit@1": sum(hit(i, o, 1) for i, o in pairs) / n,
        "hit@3": sum(hit(i, o, 3) for i, o in pairs) / n,
    }

"""Sweep the answer thresholds on the dev split (`python -m evals.calibrate`).

Every question's retrieval is recorded once; evidence selection is then replayed for each threshold set and
judged with the eval's own verdicts (evals.scoring.judge). Candidates are ranked by the weakest group's answer
pass, then the out-of-scope false-answer rate, then overall pass. The sealed test split is refused: items come
through `tuning_items`, and `sweep` checks them again.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from typing import Any

from assistant.answer.render import render
from assistant.evidence.select import Thresholds, select_evidence
from assistant.retrieval.hits import RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.types import FaqCitation, LawCitation
from evals.datasets import Item, dev_only, tuning_items
from evals.scoring import Outcome, judge


def replay(corpus: Corpus, item: Item, result: RetrievalResult, thresholds: Thresholds) -> Outcome:
    draft = render(select_evidence(corpus, result, thresholds), corpus, "nb")
    laws = [c for c in draft.citations if isinstance(c, LawCitation)]
    return Outcome(
        faq_ranking=[str(h.metadata.get("faq_id")) for h in result.faq],
        law_ranking=[h.key for h in result.law],
        cited_faq=[c.faq_id for c in draft.citations if isinstance(c, FaqCitation)],
        abstained=draft.abstained,
        law_refs=[(c.law_id, c.section, c.ledd, c.letter, None) for c in laws],
        gaps=[(g.law_id, g.section) for g in draft.gaps],
    )


def score(rows: Iterable[tuple[Item, Outcome]]) -> dict[str, Any]:
    by_group: dict[str, list[bool]] = {}
    false_answers = oos = 0
    for item, outcome in rows:
        by_group.setdefault(item.group, []).append(judge(item, outcome).passed)
        if item.expect == "abstain":
            oos += 1
            false_answers += not outcome.abstained
    rates = {g: sum(v) / len(v) for g, v in by_group.items()}
    passed = [p for v in by_group.values() for p in v]
    return {
        "weakest": min(rates.values()) if rates else 0.0,
        "false_answer_rate": false_answers / oos if oos else 0.0,
        "pass": sum(passed) / len(passed) if passed else 0.0,
        "groups": rates,
    }


def sweep(
    corpus: Corpus,
    recorded: Sequence[tuple[Item, RetrievalResult]],
    grid: dict[str, Sequence[float]],
    *,
    base: Thresholds | None = None,
) -> list[tuple[dict[str, Any], Thresholds]]:
    """Every threshold set of the grid, scored on the recorded dev retrievals, best first."""
    dev_only(item for item, _ in recorded)
    base = base or Thresholds()
    names = list(grid)
    rows = []
    for values in itertools.product(*(grid[n] for n in names)):
        thresholds = replace(base, **dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
        outcomes = [(item, replay(corpus, item, result, thresholds)) for item, result in recorded]
        rows.append((score(outcomes), thresholds))
    rows.sort(key=lambda r: (-round(r[0]["weakest"], 3), r[0]["false_answer_rate"], -r[0]["pass"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    from assistant.infra.config import get_settings
    from assistant.service import Assistant
    from assistant.sources.corpus import load_corpus

    settings = get_settings()
    corpus = load_corpus(settings.corpus_dir)
    assistant = Assistant(settings=settings, corpus=corpus)
    items = [i for i in tuning_items(corpus) if i.group != "lookup"]
    recorded = [(item, assistant.retrieve(item.question)) for item in items]
    base = Thresholds()
    grid = {
        f.name: [round(getattr(base, f.name) + d, 3) for d in (-0.02, -0.01, 0.0, 0.01, 0.02)]
        for f in fields(Thresholds)
        if isinstance(getattr(base, f.name), float)
    }
    chosen = [n for n in (argv or sys.argv[1:]) if n in grid] or list(grid)[:3]
    rows = sweep(corpus, recorded, {n: grid[n] for n in chosen}, base=base)
    print("weakest group | OOS false answers | pass | " + " | ".join(chosen))
    for result, thresholds in rows[:20]:
        cells = " | ".join(f"{getattr(thresholds, n):.3f}" for n in chosen)
        print(f"{result['weakest']:.3f} | {result['false_answer_rate']:.3f} | {result['pass']:.3f} | {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

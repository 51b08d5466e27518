"""Sweep the answer thresholds on the eval set (`python -m evals.calibrate`).

For every question it records the retrieval once, then replays evidence selection for each threshold pair:
the FAQ threshold trades paraphrase hits against answering out-of-scope questions; the law threshold does
the same for questions only the law answers. Prints the best pairs; the chosen pair lives in
assistant.evidence.Thresholds with the numbers it was chosen on.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from assistant.config import get_settings
from assistant.corpus import load_corpus
from assistant.evidence import Thresholds, select_evidence
from assistant.service import Assistant
from evals.datasets import all_items


def main() -> int:
    settings = get_settings()
    corpus = load_corpus(settings.corpus_dir)
    assistant = Assistant(settings=settings, corpus=corpus)
    items = [i for i in all_items(corpus) if i.dataset != "lookup"]
    results = [(item, assistant.retrieve(item.question)) for item in items]
    rows = []
    grid = itertools.product(
        [x / 1000 for x in range(830, 871, 5)],
        [x / 1000 for x in range(860, 921, 10)],
        [x / 1000 for x in range(850, 921, 10)],
    )
    for t_faq, t_sure, t_law in grid:
        if t_sure < t_faq:
            continue
        thresholds = replace(Thresholds(), faq=t_faq, faq_sure=t_sure, law=t_law)
        para_hit = para_n = false_answer = oos = false_abstain = answerable = 0
        for item, result in results:
            ev = select_evidence(corpus, result, thresholds)
            abstained = ev.faq is None and not ev.citations
            if item.dataset == "paraphrase":
                para_n += 1
                para_hit += ev.faq is not None and ev.faq.id == item.faq_id
            if item.expect == "abstain":
                oos += 1
                false_answer += not abstained
            else:
                answerable += 1
                false_abstain += abstained
        accuracy = 1 - (false_answer + false_abstain) / (oos + answerable)
        rows.append(
            (
                para_hit / para_n,
                accuracy,
                false_answer / oos,
                false_abstain / answerable,
                t_faq,
                t_sure,
                t_law,
            )
        )
    print("paraphrase hit@1 | abstention acc. | false answer | false abstain | faq | faq_sure | law")
    rows.sort(key=lambda r: (-round(r[0], 3), r[2], r[3]))
    for row in rows[:25]:
        print(" | ".join(f"{v:.3f}" for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())

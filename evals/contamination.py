"""Near-copies between eval questions and what the system was built or tuned on.

A question is a near-copy of another when their e5 cosine (both embedded as queries) is at least 0.92, or when
their word sets overlap by at least 80% (Jaccard). The sealed test split must hold no near-copy of an FAQ
phrasing, a law-index question or a dev item; no eval item may be a near-copy of a question in the corpus.
Reference lookups ("aml § 3-5") are exempt: a reference has one written form and nothing to paraphrase.

`python -m evals.contamination` lists every near-copy.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.corpus import Corpus
from assistant.embeddings import Embedder
from assistant.text import words
from evals.datasets import Item, load_split

COSINE = 0.92
OVERLAP = 0.80


@dataclass(frozen=True)
class Text:
    source: str  # 'faq:<id>', 'law-index:<law>:<section>', 'dev:<id>', 'test:<id>'
    text: str


@dataclass(frozen=True)
class NearCopy:
    item: Text
    other: Text
    cosine: float
    overlap: float


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the two texts' lower-case word sets."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / len(wa | wb) if wa | wb else 1.0


def corpus_questions(corpus: Corpus) -> list[Text]:
    """Every question the corpus holds: FAQ questions and phrasings, and the law question index."""
    texts = [Text(f"faq:{e.id}", q) for e in corpus.faq.values() for q in e.questions]
    texts += [Text(f"law-index:{q.law_id}:{q.section}", q.text) for q in corpus.law_questions]
    return texts


def eval_questions(items: Sequence[Item]) -> list[Text]:
    return [Text(f"{i.split}:{i.id}", i.question) for i in items if i.group != "lookup"]


def near_copies(
    items: Sequence[Text], others: Sequence[Text], *, embedder: Embedder, exclude_same: bool = False
) -> list[NearCopy]:
    """Every pair (item, other) that is a near-copy; with ``exclude_same``, a text is not its own copy."""
    if not items or not others:
        return []
    a = np.stack([embedder.embed_query(t.text) for t in items])
    b = np.stack([embedder.embed_query(t.text) for t in others])
    cosines = a @ b.T
    found = []
    for i, item in enumerate(items):
        for j, other in enumerate(others):
            if exclude_same and item.source == other.source:
                continue
            ov = overlap(item.text, other.text)
            if cosines[i, j] >= COSINE or ov >= OVERLAP:
                found.append(NearCopy(item, other, float(cosines[i, j]), ov))
    return found


def contamination(corpus: Corpus, embedder: Embedder) -> dict[str, list[NearCopy]]:
    """The near-copies that matter: test against the corpus and dev; dev against the corpus."""
    test, dev = eval_questions(load_split("test")), eval_questions(load_split("dev"))
    built_on = corpus_questions(corpus)
    return {
        "test~corpus": near_copies(test, built_on, embedder=embedder),
        "test~dev": near_copies(test, dev, embedder=embedder),
        "dev~corpus": near_copies(dev, built_on, embedder=embedder),
    }


def main() -> int:
    from assistant.config import get_settings
    from assistant.corpus import load_corpus
    from assistant.embeddings import make_embedder

    settings = get_settings()
    found = contamination(load_corpus(settings.corpus_dir), make_embedder(settings.embedding_model))
    for name, copies in found.items():
        print(f"## {name}: {len(copies)}")
        for c in copies:
            print(
                f"  {c.cosine:.3f} {c.overlap:.2f} {c.item.source} {c.item.text!r} ~ {c.other.source} {c.other.text!r}"
            )
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

"""No sealed test question is a near-copy of a question the system was built or tuned on, and no eval question
is a near-copy of a question in the corpus (the FAQ phrasings and the law's question index)."""

import pytest

from evals.contamination import Embeddings, Text, contamination, near_copies, overlap

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def found(corpus, real_embedder):
    return contamination(corpus, real_embedder)


@pytest.mark.parametrize("pair", ["test~corpus", "test~dev", "dev~corpus"])
def test_no_near_copies(found, pair):
    shown = [
        f"{c.item.source} {c.item.text!r} ~ {c.other.source} {c.other.text!r} (cos {c.cosine:.3f}, "
        f"overlap {c.overlap:.2f})"
        for c in found[pair]
    ]
    assert shown == []


def test_the_detector_catches_the_issues_example(real_embedder):
    a, b = Text("test:x", "hva står hms for?"), Text("faq:hva-er-hms", "hva står hms for egentlig?")
    assert overlap(a.text, b.text) >= 0.8
    assert near_copies([a], [b], embeddings=Embeddings(real_embedder))
    other = Text("faq:y", "Hvor lang oppsigelsestid har jeg etter fem år?")
    assert not near_copies([a], [other], embeddings=Embeddings(real_embedder))

"""The eval datasets are well-formed, and every expected reference holds against the law text."""

import pytest

from evals.dataset_checks import item_problems, problems, sealed_split_shortfalls
from evals.datasets import Item, Ref, load_split

AML = "LOV-2005-06-17-62"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_item_is_well_formed_and_its_refs_hold(split, corpus):
    assert problems(load_split(split), corpus) == []


def test_the_test_split_meets_the_minimums_and_reaches_every_chapter(corpus):
    assert sealed_split_shortfalls(corpus) == []


def test_ids_are_unique_across_the_splits():
    ids = [i.id for i in load_split("dev") + load_split("test")]
    assert len(ids) == len(set(ids))


def test_a_wrong_evidence_excerpt_or_ledd_is_caught(corpus):
    good = Ref(AML, "3-5", 1, evidence="Arbeidsgiver skal gjennomgå opplæring")
    item = Item("test-x-1", "test", "hr", "q", refs=(good,), law_only=True)
    assert item_problems(item, corpus) == []
    for bad in (
        Ref(AML, "3-5", 2, evidence="Arbeidsgiver skal gjennomgå opplæring"),  # the wrong ledd
        Ref(AML, "3-5", 1, evidence="Arbeidsgiver skal gjennomgå kurs"),  # not verbatim
        Ref(AML, "3-5", 9, evidence="x"),  # no such ledd
        Ref(AML, "99-1", evidence="x"),  # no such §
        Ref(AML, "3-5"),  # no evidence (required on the test split)
    ):
        assert item_problems(Item("test-x-2", "test", "hr", "q", refs=(bad,), law_only=True), corpus)


def test_out_of_scope_items_expect_nothing(corpus):
    item = Item(
        "test-oos-x", "test", "out_of_scope", "q", expect="abstain", faq=("daglig-leder",), kind="tax"
    )
    assert item_problems(item, corpus) == ["an out-of-scope item expects no source"]

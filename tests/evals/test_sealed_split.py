"""Tuning scripts refuse the sealed test split."""

import pytest

from assistant.evidence.select import Thresholds
from evals.calibrate import sweep
from evals.datasets import Item, SealedSplitError, dev_only, load_split, tuning_items


def test_tuning_items_hold_no_test_item(corpus):
    assert all(i.split != "test" for i in tuning_items(corpus))


def test_dev_only_refuses_a_test_item():
    dev = Item("dev-1", "dev", "hr", "q")
    assert dev_only([dev]) == [dev]
    with pytest.raises(SealedSplitError):
        dev_only([dev, Item("test-1", "test", "hr", "q")])


def test_the_threshold_sweep_refuses_a_test_item(corpus):
    test_item = load_split("test")[0]
    with pytest.raises(SealedSplitError):
        sweep(corpus, [(test_item, None)], {"law": [0.88]}, base=Thresholds())  # type: ignore[list-item]

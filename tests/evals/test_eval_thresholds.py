"""The eval as a test: the shipped hybrid must meet the issue's bars on the real model and index."""

import pytest

from evals.datasets import all_items
from evals.report import THRESHOLDS, metric, passes
from evals.runner import evaluate, summarize

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def metrics(real_assistant, corpus):
    return summarize(evaluate(real_assistant, all_items(corpus)))


def test_dataset_sizes(corpus):
    items = all_items(corpus)
    count = {d: sum(i.dataset == d for i in items) for d in {i.dataset for i in items}}
    assert count["canonical"] == len(corpus.faq)
    assert count["paraphrase"] >= 40 and count["lookup"] >= 15 and count["out_of_scope"] >= 15


@pytest.mark.parametrize("path", list(THRESHOLDS))
def test_threshold(metrics, path):
    assert passes(metrics, path, THRESHOLDS[path]), (
        f"{path} = {metric(metrics, path):.3f}, bar {THRESHOLDS[path]}"
    )


def test_no_invented_or_non_verbatim_citation(metrics):
    assert metrics["invented_citation_share"] == 0.0

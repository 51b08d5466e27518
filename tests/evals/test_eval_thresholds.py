"""The eval as a test: the shipped system meets the answer-quality bars on the sealed test split, with the real
model and index (the bars live in evals.report.THRESHOLDS)."""

import pytest

from evals.metrics import summarize
from evals.report import THRESHOLDS, metric, passes
from evals.runner import eval_items, evaluate

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def metrics(real_assistant, corpus):
    return summarize(evaluate(real_assistant, eval_items(corpus)))


@pytest.mark.parametrize("path", list(THRESHOLDS))
def test_threshold(metrics, path):
    op, bar = THRESHOLDS[path]
    assert passes(metrics, path), f"{path} = {metric(metrics, path)}, bar {op} {bar}"

"""The eval as a test: the shipped system meets the answer-quality bars on the sealed test split, with the real
model and index (the bars live in evals.report.THRESHOLDS).

Bars issue 9 asks for that the system does not reach yet are listed in NOT_YET_MET with the figure last
measured. They stay asserted (strict xfail): a bar that starts passing fails this test until it is moved out of
the list, and a bar that is met now can never silently regress into it. The bars themselves are not lowered.
"""

import pytest

from evals.report import THRESHOLDS, metric, passes
from evals.runner import eval_items, evaluate
from evals.scoring import summarize

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# bar -> the figure measured on the sealed test split when this list was last written (issue 9 stays open).
NOT_YET_MET: dict[str, str] = {
    "test.all.pass": "91.1%",
    "test.out_of_scope.false_answer_rate": "9.4%",
    "test.out_of_scope.law_cited_out_of_scope": "4 of 53",
}


def cases():
    for path in THRESHOLDS:
        if path in NOT_YET_MET:
            reason = f"issue 9 open: {path} measured {NOT_YET_MET[path]}, bar {' '.join(map(str, THRESHOLDS[path]))}"
            yield pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=reason))
        else:
            yield path


@pytest.fixture(scope="module")
def metrics(real_assistant, corpus):
    return summarize(evaluate(real_assistant, eval_items(corpus)))


@pytest.mark.parametrize("path", list(cases()))
def test_threshold(metrics, path):
    op, bar = THRESHOLDS[path]
    assert passes(metrics, path), f"{path} = {metric(metrics, path)}, bar {op} {bar}"

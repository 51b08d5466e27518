"""The verification's false-reject rate (issue 12 bar): at most 5% of at least 100 correct scripted generations,
built from the dev split's questions (never the test split) and the evidence the real index finds for them,
are rejected; and no dev question is refused as an injection attempt."""

from __future__ import annotations

import pytest

from evals.false_rejects import markdown, measure

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def report(real_assistant, real_settings):
    return measure(real_assistant, real_settings)


def test_at_most_5_percent_of_100_or_more_correct_generations_are_rejected(report):
    assert report["split"] == "dev" and report["generations"] >= 100
    assert report["false_reject_rate"] <= 0.05, report["rejected"]


def test_no_dev_question_is_refused_as_an_injection_attempt(report):
    assert report["dev_questions"] > 0 and report["dev_questions_refused_as_injection"] == []


def test_the_report_states_the_rate_and_the_added_latency(report):
    text = markdown(report)
    assert "False-reject rate" in text and "Verification time per generation" in text
    assert report["verify_ms_p95"] > 0

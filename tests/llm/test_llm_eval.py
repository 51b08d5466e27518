"""The LLM eval on a slice of the datasets, against the scripted server: named metrics with thresholds."""

from __future__ import annotations

import pytest

from evals.llm_eval import SCRIPTED_MODEL, markdown, run
from evals.testing.scripted_llm import ScriptedServer, SourceReader

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def report(real_settings):
    with ScriptedServer(SourceReader()) as server:
        settings = real_settings.model_copy(update={"llm": SCRIPTED_MODEL, "llm_base_url": server.base_url})
        return run(settings, limit=120)


def test_every_shown_citation_is_one_the_evidence_offered(report):
    assert report["citations_outside_evidence"] == 0
    assert report["llm_mode"]["dev"]["all"]["invented_citations"] == 0


def test_abstention_is_retrieval_driven_and_unchanged_by_the_llm(report):
    for path in (("dev", "out_of_scope", "false_answer_rate"), ("dev", "all", "abstained")):
        llm, extractive = report["llm_mode"], report["extractive"]
        for key in path:
            llm, extractive = llm[key], extractive[key]
        assert llm == extractive, path


def test_the_scripted_mistakes_are_caught_retried_and_fall_back(report):
    a = report["answerer"]
    assert a["verification_failures"] > 0 and a["verified_after_retry"] > 0 and a["fallbacks"] > 0
    assert a["fallback_reasons"].keys() == {"verification"} and a["faults"] == {}
    assert a["generated"] == a["verified_first_try"] + a["verified_after_retry"] + a["fallbacks"]
    assert 0 < a["fallback_rate"] < 0.15


def test_the_report_labels_scripted_figures(report):
    text = markdown(report, scripted=True)
    assert "not from a real model" in text and "Verification failure rate" in text and "Fallback rate" in text

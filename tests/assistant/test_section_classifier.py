"""The section classifier (assistant.retrieval.section_classifier): learned from the law's question index, it
reorders neighbouring sections by what a question is about."""

import numpy as np
import pytest

from assistant.retrieval.fusion import FusionConfig
from assistant.retrieval.section_classifier import SectionClassifier


def _index() -> tuple[np.ndarray, list[str]]:
    vectors, labels = [], []
    for n, key in enumerate(["aml:6-1", "aml:6-2", "aml:6-3"]):
        for i in range(5):
            v = np.eye(8)[n] + 0.3 * np.sin(np.arange(8) * (i + 1) + n)  # around the section's direction
            vectors.append(v / np.linalg.norm(v))
            labels.append(key)
    return np.array(vectors, dtype=np.float32), labels


def test_each_section_scores_highest_on_its_own_direction():
    classifier = SectionClassifier.train(*_index())
    assert classifier is not None
    keys = ["aml:6-1", "aml:6-2", "aml:6-3"]
    for n, key in enumerate(keys):
        scores = classifier.scores(np.eye(8, dtype=np.float32)[n], keys)
        assert max(scores, key=scores.__getitem__) == key


def test_unknown_sections_are_left_out_and_training_is_repeatable():
    vectors, labels = _index()
    first, second = SectionClassifier.train(vectors, labels), SectionClassifier.train(vectors, labels)
    assert first is not None and second is not None
    probe = vectors[3]
    assert first.scores(probe, ["aml:6-1", "aml:9-9"]).keys() == {"aml:6-1"}
    assert first.scores(probe, ["aml:6-2"]) == second.scores(probe, ["aml:6-2"])
    assert SectionClassifier.train(vectors[:5], labels[:5]) is None


@pytest.mark.integration
def test_a_temporary_hire_for_uncertain_work_ranks_the_rule_on_temporary_employment_first(real_assistant):
    """By cosine and reranking alone § 14-8 a ranks first; the classifier, trained on the question index,
    puts § 14-9 (midlertidig ansettelse) first."""
    question = "Kan vi ansette en vikar i ett år fordi vi ikke vet om vi får nye oppdrag?"
    retriever = real_assistant.live.current.retriever
    with_classifier = retriever.retrieve(question)
    without = retriever.retrieve(question, fusion=FusionConfig(law_classifier=0.0))
    assert with_classifier.law[0].key == "LOV-2005-06-17-62:14-9"
    assert without.law[0].key != "LOV-2005-06-17-62:14-9"

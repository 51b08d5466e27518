"""The FAQ classifier (assistant.retrieval.faq_classifier): learned from the entries' own questions, it reorders
close neighbours by what a question is about, not only by its nearest phrasing."""

import numpy as np
import pytest

from assistant.retrieval.faq_classifier import FaqClassifier
from assistant.retrieval.fusion import FusionConfig


def _clusters() -> tuple[np.ndarray, list[str]]:
    centres = {"a": np.eye(8)[0], "b": np.eye(8)[1], "c": np.eye(8)[2]}
    vectors, labels = [], []
    for n, (key, centre) in enumerate(centres.items()):
        for i in range(6):
            v = centre + 0.3 * np.sin(
                np.arange(8) * (i + 1) + n
            )  # spread around the centre, the same every run
            vectors.append(v / np.linalg.norm(v))
            labels.append(key)
    return np.array(vectors, dtype=np.float32), labels


def test_it_learns_each_entry_from_its_questions_and_gives_probabilities():
    vectors, labels = _clusters()
    classifier = FaqClassifier.train(vectors, labels)
    assert classifier is not None
    for key, centre in (("a", 0), ("b", 1), ("c", 2)):
        probabilities = classifier.probabilities(np.eye(8, dtype=np.float32)[centre])
        assert max(probabilities, key=probabilities.__getitem__) == key
        assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)


def test_the_same_questions_give_the_same_model():
    vectors, labels = _clusters()
    first, second = FaqClassifier.train(vectors, labels), FaqClassifier.train(vectors, labels)
    assert first is not None and second is not None
    probe = vectors.mean(axis=0)
    assert first.probabilities(probe) == second.probabilities(probe)


def test_one_entry_or_mismatched_labels_give_no_classifier():
    vectors, labels = _clusters()
    assert FaqClassifier.train(vectors[:6], labels[:6]) is None
    assert FaqClassifier.train(vectors, labels[:-1]) is None


@pytest.mark.integration
def test_a_topic_question_about_the_course_reaches_the_course_contents(real_assistant):
    """Nearest phrasing alone puts the forsvarlighetsvurdering entries first (they name risk and plans); the
    classifier, trained on the FAQ's questions, knows the question asks what the course covers."""
    question = "Kommer handlingsplaner og risikovurdering som tema på kurset?"
    retriever = real_assistant.live.current.retriever
    with_classifier = retriever.retrieve(question, fusion=FusionConfig(faq_classifier=0.05))
    without = retriever.retrieve(question, fusion=FusionConfig(faq_classifier=0.0))
    assert with_classifier.faq[0].key == "faq:kursinnhold"
    assert without.faq[0].key != "faq:kursinnhold"


@pytest.mark.integration
def test_it_is_off_by_default_because_it_sends_a_verneombud_course_question_to_the_audience_entry(
    real_assistant,
):
    """Why it is not shipped: the five verneombud entries share the probability that "kurs ... verneombud" is
    theirs, so the single audience entry (kurs-malgruppe, "er kurset for verneombud og AMU også?") wins."""
    question = "Må jeg ha HMS-kurs som verneombud?"
    retriever = real_assistant.live.current.retriever
    assert FusionConfig().faq_classifier == 0.0
    assert "verneombud" in retriever.retrieve(question).faq[0].key
    with_classifier = retriever.retrieve(question, fusion=FusionConfig(faq_classifier=0.05))
    assert with_classifier.faq[0].key == "faq:kurs-malgruppe"

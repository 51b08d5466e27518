"""After a leading law passage, an FAQ entry follows only when it is about the same rule: it rests on that §, or
on no law at all; a question in the course's own words is the FAQ's. Retrieval's hits are built by hand here,
so the rules are seen apart from the model's scores."""

from assistant.evidence.select import COURSE_QUESTION, Thresholds, select_evidence
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.sources.glossary import Glossary

AML = "LOV-2005-06-17-62"


def result(corpus, question, faq_id, faq_score, section, law_score):
    faq = Hit(f"faq:{faq_id}", "faq", faq_score, metadata={"faq_id": faq_id})
    law = Hit(
        f"{AML}:{section}",
        "law",
        law_score,
        metadata={"law_id": AML, "section": section},
        ledd_scores={1: law_score},
    )
    return RetrievalResult(question, Glossary(corpus.glossary).expand(question), [], [faq], [law])


def test_an_entry_resting_on_another_section_does_not_follow_the_law(corpus):
    # verneombud-opplaering rests on § 6-5 (training); the question is answered by § 6-1 (must we have one)
    ev = select_evidence(
        corpus,
        result(corpus, "må vi ha verneombud?", "verneombud-opplaering", 0.93, "6-1", 0.93),
        Thresholds(),
    )
    assert ev.law_first and ev.faq is None
    assert {c.section for c in ev.citations} == {"6-1"}


def test_an_entry_resting_on_the_leading_section_follows_it(corpus):
    ev = select_evidence(
        corpus,
        result(corpus, "må daglig leder ha hms-kurs?", "daglig-leder", 0.93, "3-5", 0.93),
        Thresholds(),
    )
    assert ev.law_first and ev.faq is not None and ev.faq.id == "daglig-leder"


def test_an_entry_resting_on_no_law_may_follow(corpus):
    ev = select_evidence(
        corpus, result(corpus, "hvor lenge varer det?", "kurs-varighet", 0.93, "3-5", 0.93), Thresholds()
    )
    assert ev.law_first and ev.faq is not None and ev.faq.id == "kurs-varighet"


def test_words_only_the_course_has_make_a_course_question():
    for question in ("må teoridelen tas på én dag?", "kan jeg ta testen to ganger?", "er alt selvstudium?"):
        assert COURSE_QUESTION.search(question), question
    assert not COURSE_QUESTION.search("må vi teste nødlyset hvert år?")

"""Out of scope by closeness: a question much closer to an out-of-scope exemplar (corpus/out_of_scope.yaml) than
to any question the sources answer is declined, naming the exemplar's domain. The rule is seen with hand-built
retrieval results; the real model shows it on questions written for this test."""

import pytest

from assistant.evidence.select import Thresholds, select_evidence
from assistant.formatting import out_of_scope
from assistant.references.parse import ReferenceParser
from assistant.references.resolve import resolve_refs
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.retrieval.outside_search import OutsideMatch
from assistant.sources.files import CorpusError
from assistant.sources.glossary import Glossary
from assistant.sources.outside import load_outside

AML = "LOV-2005-06-17-62"


def result(corpus, question, score, in_scope, *, faq_exact=False):
    law = Hit(f"{AML}:15-3", "law", 0.88, metadata={"law_id": AML, "section": "15-3"}, ledd_scores={1: 0.88})
    faq = Hit("faq:daglig-leder", "faq", 0.80, metadata={"faq_id": "daglig-leder"}, exact=faq_exact)
    refs = resolve_refs(corpus, ReferenceParser(corpus.aliases).parse(question))
    match = OutsideMatch(score, in_scope, "pensjon", "pensjon", "pensions", "Hvor mye OTP må vi spare?")
    return RetrievalResult(
        question, Glossary(corpus.glossary).expand(question), refs, [faq], [law], outside=match
    )


def test_a_question_much_closer_to_an_exemplar_is_declined_with_its_domain(corpus):
    ev = select_evidence(
        corpus, result(corpus, "hvor mye må vi spare til pensjon?", 0.93, 0.90), Thresholds()
    )
    assert ev.out_of_scope is not None and ev.out_of_scope.topic == "pensjon"
    assert not ev.citations and ev.faq is None
    assert "pensions" in out_of_scope(ev.out_of_scope, corpus.provider, "en")


@pytest.mark.parametrize(
    ("question", "score", "in_scope", "faq_exact"),
    [
        ("hvor mye må vi spare til pensjon?", 0.91, 0.90, False),  # within the margin (0.013)
        ("hva sier aml § 15-3 om pensjonister?", 0.95, 0.90, False),  # names a § we hold
        ("må daglig leder ha hms-kurs?", 0.95, 0.90, True),  # an FAQ question word for word
    ],
)
def test_otherwise_the_sources_answer(corpus, question, score, in_scope, faq_exact):
    ev = select_evidence(corpus, result(corpus, question, score, in_scope, faq_exact=faq_exact), Thresholds())
    assert ev.out_of_scope is None


def test_the_margin_can_be_turned_off(corpus):
    ev = select_evidence(
        corpus, result(corpus, "hvor mye må vi spare til pensjon?", 0.95, 0.90), Thresholds(outside_margin=0)
    )
    assert ev.out_of_scope is None


def test_every_domain_has_its_names_and_questions(corpus):
    domains = {e.domain: e for e in corpus.outside}
    assert len(domains) >= 15 and len(corpus.outside) >= 100
    assert all(e.topic_nb and e.topic_en and e.text.strip() for e in corpus.outside)


def test_a_broken_exemplar_file_names_the_line(tmp_path):
    path = tmp_path / "out_of_scope.yaml"
    path.write_text("domains:\n- domain: pensjon\n  topic_nb: pensjon\n  questions:\n  - Hvor mye OTP?\n")
    with pytest.raises(CorpusError, match="linje 2.*topic_en"):
        load_outside(path)
    assert load_outside(tmp_path / "missing.yaml") == []


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mye får jeg i AAP?",
        "Kan utleier si opp leiekontrakten for lokalet vårt?",
        "Trenger vi skjenkebevilling for å servere øl på firmafesten i kantina?",
    ],
)
def test_the_real_model_declines_questions_near_an_exemplar(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.abstained and not answer.citations


@pytest.mark.parametrize(
    ("question", "section"),  # (a chapter's sections start with "12-")
    [
        ("Hvor lang oppsigelsestid har jeg etter fem år i bedriften?", "15-3"),
        ("Har jeg rett til permisjon når jeg skal føde?", "12-"),
        ("Kan sjefen lese e-posten min på jobb?", "9-5"),
        ("hvor mange dager kan jeg være hjemme med sykt barn?", "12-9"),  # the leave is aml's, NAV's the pay
    ],
)
def test_the_real_model_answers_in_scope_questions_near_those_domains(real_assistant, question, section):
    answer = real_assistant.ask(question)
    assert not answer.abstained
    assert any(c.section.startswith(section) for c in answer.citations if c.kind == "law")

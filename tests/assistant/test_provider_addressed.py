"""A question put to the course provider ("sender dere en påminnelse?", "your platform") is answered from the FAQ
only by a close entry, or one that names it (answers_when); otherwise the answer says the sources do not state it
and points to the provider. Hits are built by hand, so the rule is seen apart from the model's scores; the last
tests use the real model."""

import pytest

from assistant.evidence.select import Thresholds, select_evidence
from assistant.question.scope_provider import ADDRESSED
from tests.assistant.test_faq_situation import result


@pytest.mark.parametrize(
    "question",
    [
        "lagrer dere svarene fra testen?",
        "hva er adressen deres?",
        "Kan HMS Kontoret sende meg en kvittering?",
        "what platform does your e-learning run on?",
        "do you offer evening classes?",
        "kva tid opnar dykk?",
        "blir webkursene deres tatt opp?",  # a compound of one of the provider's things
        "er HMS-lederkurset deres godkjent?",
        "kan instruktøren komme til oss og holde kurset på verkstedet?",  # the provider's instructor
    ],
)
def test_questions_put_to_the_provider(question):
    assert ADDRESSED.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "kan jeg spørre søkerne om helsa deres?",  # their health: the applicants'
        "må vi betale lønna deres under permisjonen?",
        "hvor lenge kan man jobbe overtid?",
    ],
)
def test_questions_not_put_to_the_provider(question):
    assert not ADDRESSED.search(question)


def test_a_weak_entry_does_not_answer_the_provider_question(corpus):
    question = "sender dere påminnelse på sms når det er tid for nytt kurs?"
    ev = select_evidence(
        corpus, result(corpus, question, [("kurs-gyldighet", 0.87)], law_score=0.87), Thresholds()
    )
    assert ev.out_of_scope is not None and ev.out_of_scope.reason == "provider"
    assert ev.faq is None and not ev.citations


def test_a_close_entry_answers_it(corpus):
    question = "har dere kurset på engelsk?"
    ev = select_evidence(corpus, result(corpus, question, [("forkunnskaper-sprak", 0.92)]), Thresholds())
    assert ev.out_of_scope is None and ev.faq is not None and ev.faq.id == "forkunnskaper-sprak"


def test_an_entry_that_names_it_answers_it(corpus):
    question = "can you help us set up a form for reporting deviations?"
    ev = select_evidence(corpus, result(corpus, question, [("tjenester", 0.879)]), Thresholds())
    assert ev.faq is not None and ev.faq.id == "tjenester"


def test_the_rule_can_be_turned_off(corpus):
    question = "sender dere påminnelse på sms når det er tid for nytt kurs?"
    ev = select_evidence(
        corpus, result(corpus, question, [("kurs-gyldighet", 0.87)]), Thresholds(provider_faq=0.0)
    )
    assert ev.out_of_scope is None


# Written for this test: each is close to § 3-5 and to the entry on the manager's duty. A request for the provider's
# own service, which neither states, points to the provider; a question about the duty is answered.
SERVICE, DUTY = True, False


@pytest.mark.parametrize(
    ("question", "own_service"),
    [
        ("kan dere trykke firmalogoen vår på kursbevisene til lederne?", SERVICE),
        ("selger dere gavekort på lederkurset?", SERVICE),
        ("har dere rabattavtale med daglig leder-kurs for franchisekjeder?", SERVICE),
        ("må daglig leder ta kurset deres?", DUTY),
        ("er kurset deres nok for meg som daglig leder?", DUTY),
        ("passer kurset deres for daglig leder i et lite AS?", DUTY),
        ("kan dere forklare hva loven krever av daglig leder?", DUTY),
    ],
)
def test_only_a_question_about_the_duty_put_to_the_provider_is_answered_by_the_duty(
    corpus, question, own_service
):
    ev = select_evidence(
        corpus, result(corpus, question, [("daglig-leder", 0.91)], law_score=0.89), Thresholds()
    )
    if own_service:
        assert ev.out_of_scope is not None and ev.out_of_scope.reason == "provider", question
        assert ev.faq is None and not ev.citations
    else:
        assert ev.out_of_scope is None, question
        assert ev.faq is not None or ev.citations, question


def test_a_request_for_the_providers_service_is_answered_by_an_entry_on_the_course(corpus):
    # the certificate entry is about the course as the provider's product
    question = "kan dere sende kursbeviset til meg på e-post?"
    ev = select_evidence(
        corpus, result(corpus, question, [("kursbevis", 0.91)], law_score=0.89), Thresholds()
    )
    assert ev.out_of_scope is None and ev.faq is not None and ev.faq.id == "kursbevis"


def test_real_model_a_request_for_the_providers_service_points_to_the_provider(real_assistant):
    # written for this test, not from an eval item
    for question in (
        "Kan dere trykke logoen til firmaet vårt på kursbevisene til de tre lederne som skal på kurs hos dere?",
        "Selger dere verneombudskurset som gavekort?",
    ):
        answer = real_assistant.ask(question)
        assert answer.abstained and not answer.citations, question
        assert "hmskontoret.no" in answer.answer, question


def test_real_model_an_unstated_provider_fact_points_to_the_provider(real_assistant):
    # written for this test, not from an eval item
    answer = real_assistant.ask("Bruker dere Moodle eller en annen plattform til e-læringen?")
    assert answer.abstained and not answer.citations
    assert "hmskontoret.no" in answer.answer


def test_real_model_the_provider_question_the_faq_answers_is_answered(real_assistant):
    answer = real_assistant.ask("Er HMS-kurset deres godkjent av Arbeidstilsynet?")
    assert [c.faq_id for c in answer.citations if c.kind == "faq"][:1] == ["godkjenning"]


def test_a_law_question_put_to_the_provider_is_answered_from_the_law(corpus):
    question = "kan dere si meg hvor mye overtid som er lov?"
    ev = select_evidence(
        corpus,
        result(corpus, question, [("mellomledere", 0.87)], section="10-6", law_score=0.91),
        Thresholds(),
    )
    assert ev.out_of_scope is None
    assert [c.section for c in ev.citations][:1] == ["10-6"]


def test_a_close_law_section_second_after_reranking_still_answers_for_the_provider(corpus):
    # the reranking may put a section just under the threshold first; the threshold reads the cosine
    from assistant.evidence.decline import unstated_provider_fact
    from assistant.retrieval.hits import Hit

    question = "har dere noe om hvordan vi lager en arbeidsplan?"
    res = result(corpus, question, [("tjenester", 0.87)])
    law = [
        Hit(
            f"LOV-2005-06-17-62:{sec}", "law", score, metadata={"law_id": "LOV-2005-06-17-62", "section": sec}
        )
        for sec, score in (("3-1", 0.874), ("10-3", 0.876))
    ]
    res.law = law
    faq_hit = res.faq[0]
    assert not unstated_provider_fact(corpus, res, faq_hit, Thresholds())
    res.law = law[:1]
    assert unstated_provider_fact(corpus, res, faq_hit, Thresholds())


def test_real_model_a_law_question_put_to_the_provider_cites_the_law(real_assistant):
    # written for this test: a law question addressed to "dere"
    for question, section in (
        ("Kan dere forklare hva som gjelder for nattarbeid?", "10-11"),
        ("har dere noe om hvordan vi lager en risikovurdering?", "3-1"),  # found when probing
    ):
        answer = real_assistant.ask(question)
        assert not answer.abstained, question
        assert section in [c.section for c in answer.citations if c.kind == "law"], question


def test_an_exemplar_of_the_providers_own_arrangements_points_to_the_provider(corpus):
    from dataclasses import replace

    from assistant.retrieval.outside_search import OutsideMatch

    question = "finnes det skjermleser-støtte i e-læringen?"
    for domain, reason in (("kursleverandørens-drift", "provider"), ("husleie", "other_domain")):
        match = OutsideMatch(0.95, 0.90, domain, "et tema", "a topic", "eksempel")
        hit = replace(result(corpus, question, [("datamaskin", 0.90)]), outside=match)
        ev = select_evidence(corpus, hit, Thresholds())
        assert ev.out_of_scope is not None and ev.out_of_scope.reason == reason, domain


def test_the_provider_domains_are_exemplar_domains(corpus):
    from assistant.evidence.decline import PROVIDER_DOMAINS

    assert PROVIDER_DOMAINS <= {e.domain for e in corpus.outside}

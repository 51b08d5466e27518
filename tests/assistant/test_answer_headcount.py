"""End to end, on the real model: "do we need a verneombud?" with a headcount is answered by aml § 6-1 (1) (the
rule with the number of employees), not by the FAQ entry on the verneombud's training (it answers only questions
about training, time or resources: its only_when in corpus/faq.yaml), nor by § 6-1 (2)."""

import pytest

from assistant.types import FaqCitation, LawCitation

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "question",
    [
        "Vi er 7 ansatte i et malerfirma. Må vi ha verneombud?",
        "vi er ni ansatte i et bakeri, trenger vi verneombud?",
    ],
)
def test_a_headcount_question_on_verneombud_quotes_the_rule_with_the_number(real_assistant, question):
    answer = real_assistant.ask(question)
    laws = [c for c in answer.citations if isinstance(c, LawCitation)]
    assert (laws[0].section, laws[0].ledd) == ("6-1", 1)
    assert "færre enn 5 arbeidstakere" in laws[0].quote
    assert not [
        c for c in answer.citations if isinstance(c, FaqCitation) and c.faq_id == "verneombud-opplaering"
    ]


def test_the_training_entry_still_answers_training_questions(real_assistant):
    answer = real_assistant.ask("Har verneombudet vårt krav på å få dekket kurset sitt?")
    faq = [c.faq_id for c in answer.citations if isinstance(c, FaqCitation)]
    laws = [(c.section) for c in answer.citations if isinstance(c, LawCitation)]
    assert "verneombud-opplaering" in faq or "6-5" in laws

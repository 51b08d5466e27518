"""What the sources do not state is declined without quoting a §, and what they state is answered (the real model
and index; questions written for these tests, not from eval items):

- "how often" and "how long must we keep" questions, answered only by a source that states a frequency or a period;
- the assistant's opinion, a forecast, or whether to quit;
- the certificate's language, which the FAQ does not state: the course provider's.
"""

import pytest

DECLINED = [
    # inspection intervals are in forskrift om utførelse av arbeid, which is not among the sources
    ("hvor ofte må gaffeltruckene våre ha sakkyndig kontroll?", "hvor ofte"),
    ("hvor lenge må vi ta vare på gamle risikovurderinger og avviksmeldinger?", "oppbevaringstid"),
    ("synes du verneombudet vårt overdriver når hun stanser arbeidet for litt regn?", "meninger"),
    ("Who will win the election, and will they change the Working Environment Act?", "opinions"),
    ("kan kursbeviset skrives ut på ukrainsk? to av deltakerne ønsker det", "hmskontoret.no"),
]


@pytest.mark.parametrize(("question", "says"), DECLINED)
def test_real_model_what_the_sources_do_not_state_quotes_no_section(real_assistant, question, says):
    answer = real_assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert says in answer.answer


def test_real_model_the_section_that_states_the_frequency_leads(real_assistant):
    answer = real_assistant.ask("hvor ofte må vi drøfte bruken av innleie og deltid med de tillitsvalgte?")
    assert [c.section for c in answer.citations if c.kind == "law"][:1] == ["14-14 a"]
    assert answer.short_answer.startswith("Arbeidsgiver skal minst én gang i året")


def test_real_model_a_frequency_the_law_states_is_answered(real_assistant):
    answer = real_assistant.ask("How often must wages be paid?")
    assert not answer.abstained
    assert "14-15" in {c.section for c in answer.citations if c.kind == "law"}

"""A "how often" or "how long must we keep" question that the sources do not answer says so, and quotes no §
(the real model and index; questions written for these tests, not from eval items)."""


def test_real_model_how_often_an_inspection_is_due_is_not_answered_from_the_law(real_assistant):
    # inspection intervals are in forskrift om utførelse av arbeid, which is not among the sources
    answer = real_assistant.ask("hvor ofte må gaffeltruckene våre ha sakkyndig kontroll?")
    assert answer.abstained and not answer.citations
    assert "hvor ofte" in answer.answer


def test_real_model_how_long_to_keep_records_is_not_answered_from_the_law(real_assistant):
    answer = real_assistant.ask("hvor lenge må vi ta vare på gamle risikovurderinger og avviksmeldinger?")
    assert answer.abstained and not answer.citations
    assert "oppbevaringstid" in answer.answer


def test_real_model_the_section_that_states_the_frequency_leads(real_assistant):
    answer = real_assistant.ask("hvor ofte må vi drøfte bruken av innleie og deltid med de tillitsvalgte?")
    assert [c.section for c in answer.citations if c.kind == "law"][:1] == ["14-14 a"]
    assert answer.short_answer.startswith("Arbeidsgiver skal minst én gang i året")


def test_real_model_a_frequency_the_law_states_is_answered(real_assistant):
    answer = real_assistant.ask("How often must wages be paid?")
    assert not answer.abstained
    assert "14-15" in {c.section for c in answer.citations if c.kind == "law"}

"""End-to-end answers with the real model and index."""

import pytest

from assistant.types import FaqCitation, LawCitation

pytestmark = pytest.mark.integration


def test_daglig_leder_answers_from_faq_and_aml_3_5(real_assistant):
    answer = real_assistant.ask("Må jeg ha HMS-kurs som daglig leder?")
    assert not answer.abstained
    faq = [c for c in answer.citations if isinstance(c, FaqCitation)]
    laws = [c for c in answer.citations if isinstance(c, LawCitation)]
    assert faq and faq[0].faq_id == "daglig-leder"
    assert laws[0].law_id == "LOV-2005-06-17-62" and laws[0].section == "3-5"
    assert laws[0].url == "https://lovdata.no/lov/2005-06-17-62/§3-5"
    assert laws[0].quote in real_assistant.corpus.laws["LOV-2005-06-17-62"].sections["3-5"].text
    assert answer.disclaimer.startswith("Dette er ikke juridisk rådgivning")

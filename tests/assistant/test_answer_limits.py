"""One question yields a bounded answer: at most MAX_LAW_CITATIONS law passages and 64 KB of JSON; what does not
fit is counted and linked, never dropped silently (issue 10, item 12)."""

import pytest

from assistant.evidence.select import MAX_LAW_CITATIONS
from assistant.types import LawCitation

pytestmark = pytest.mark.integration

LIMIT_BYTES = 64 * 1024


def law_citations(answer):
    return [c for c in answer.citations if isinstance(c, LawCitation)]


def test_a_range_of_thirteen_sections_quotes_twelve_and_names_the_rest(real_assistant):
    answer = real_assistant.ask("§§ 10-1 til 10-13")
    assert len(law_citations(answer)) == MAX_LAW_CITATIONS
    assert "… og 1 paragrafer til" in answer.answer
    assert "https://lovdata.no/lov/2005-06-17-62" in answer.answer


def test_the_longest_sections_asked_together_stay_under_64_kb(real_assistant, corpus):
    law = corpus.laws["LOV-2005-06-17-62"]
    longest = sorted(law.sections.values(), key=lambda s: -len(s.text))[:14]
    answer = real_assistant.ask("§§ " + ", ".join(s.section for s in longest))
    size = len(answer.model_dump_json().encode())
    assert size <= LIMIT_BYTES
    shown = len(law_citations(answer))
    assert 0 < shown <= MAX_LAW_CITATIONS
    assert f"… og {14 - len({c.section for c in law_citations(answer)})} paragrafer til" in answer.answer

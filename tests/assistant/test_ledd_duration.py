"""A question that asks how long or how many days is answered by the ledd that states a length of time: "hvor mange
dager kan jeg være hjemme med sykt barn?" quoted aml § 12-9 (1) (the right to leave), not (2) ("inntil 10 dager hvert
kalenderår"). The ledd scores are set by hand, so the rule is seen apart from the model's scores; the end-to-end
test runs the real index."""

import pytest

from assistant.evidence.citations import DURATION_ASKED, DURATION_RULE, focused_ledd
from assistant.retrieval.hits import Hit
from assistant.types import LawCitation
from tests.assistant.test_ledd_headcount import AML, law_hit

CLOSE = {1: 0.895, 2: 0.885, 3: 0.86, 4: 0.85, 5: 0.84, 6: 0.86}  # (1) a little closer


def hit(scores: dict[int, float]) -> Hit:
    return law_hit("12-9", scores)


@pytest.mark.parametrize(
    "question",
    [
        "hvor mange dager kan jeg være hjemme med sykt barn?",
        "How many days a year can I stay home with a sick child?",
        "hvor lenge kan jeg være borte fra jobb når ungen er syk?",
    ],
)
def test_a_question_about_how_long_quotes_the_ledd_that_states_a_length(corpus, question):
    section = corpus.laws[AML].sections["12-9"]
    assert focused_ledd(section, hit(CLOSE), question, second_within=0.0) == [2]


def test_without_a_question_about_length_the_closer_ledd_is_quoted(corpus):
    section = corpus.laws[AML].sections["12-9"]
    assert focused_ledd(
        section, hit(CLOSE), "har jeg rett til fri når barnet mitt er sykt?", second_within=0.0
    ) == [1]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("hvor mange dager har jeg krav på", True),
        ("hvor mange timer overtid kan vi pålegge", True),
        ("Hvor lang oppsigelsestid får han?", True),
        ("how long is the notice period", True),
        ("hvor mange verneombud skal vi ha", False),
        ("hvor mange ansatte må vi være", False),
    ],
)
def test_what_asks_for_a_length_of_time(text, asked):
    assert bool(DURATION_ASKED.search(text)) is asked


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("inntil 10 dager hvert kalenderår", True),
        ("oppsigelsestiden er seks måneder", True),
        ("ti arbeidsdager", True),
        ("etter § 10-6 år", False),
        ("arbeidsgiver skal sørge for", False),
    ],
)
def test_what_states_a_length_of_time(text, states):
    assert bool(DURATION_RULE.search(text)) is states


@pytest.mark.integration
def test_end_to_end_the_days_with_a_sick_child_are_quoted(real_assistant):
    answer = real_assistant.ask("hvor mange dager kan jeg være hjemme med sykt barn?")
    laws = [c for c in answer.citations if isinstance(c, LawCitation)]
    assert (laws[0].section, laws[0].ledd) == ("12-9", 2)
    assert "inntil 10 dager" in laws[0].quote

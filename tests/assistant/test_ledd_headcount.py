"""A question that states how many work there asks which rule applies at that size: "vi er 6 ansatte, må vi ha
verneombud?" quoted aml § 6-1 (2) (the number of verneombud follows the company's size), not (1) (below 5
employees the parties may agree otherwise). The ledd scores are set by hand, so the rule is seen apart from the
model's scores; tests/assistant/test_answer_headcount.py sees it end to end."""

import pytest

from assistant.evidence.citations import HEADCOUNT, focused_ledd
from assistant.retrieval.hits import Hit

AML = "LOV-2005-06-17-62"
CLOSE = {1: 0.885, 2: 0.895, 3: 0.86, 4: 0.87, 5: 0.86}  # (2) a little closer, as e5 scores it


def law_hit(section: str, scores: dict[int, float]) -> Hit:
    """A hit on an aml § with its ledd scores set by hand."""
    return Hit(
        f"law:{AML}:{section}", "law", 0.9, metadata={"law_id": AML, "section": section}, ledd_scores=scores
    )


def hit(scores: dict[int, float]) -> Hit:
    return law_hit("6-1", scores)


@pytest.mark.parametrize(
    "question",
    [
        "vi er 6 ansatte på et bilverksted, må vi egentlig ha verneombud?",
        "vi er fire i frisørsalongen, trenger vi verneombud?",
        "We have 12 employees. Do we need a safety representative?",
    ],
)
def test_a_stated_headcount_quotes_the_ledd_that_sets_a_number(corpus, question):
    section = corpus.laws[AML].sections["6-1"]
    assert focused_ledd(section, hit(CLOSE), question, second_within=0.0) == [1]


def test_without_a_headcount_the_closer_ledd_is_quoted(corpus):
    section = corpus.laws[AML].sections["6-1"]
    question = "hvor mange verneombud skal en stor virksomhet med flere avdelinger ha?"
    assert focused_ledd(section, hit(CLOSE), question, second_within=0.0) == [2]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("vi er 9 ansatte", True),
        ("vi er ni", True),
        ("we have 40 employees", True),
        ("§ 6-1 ledd 2", False),
        ("jobbet 12 timer i går", False),
    ],
)
def test_the_headcount_pattern(text, found):
    assert bool(HEADCOUNT.search(text)) is found

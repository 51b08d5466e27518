"""A ledd that only empowers the ministry to make regulations answers no practical question: "Hvor lang prøvetid
er det lov å avtale?" quoted aml § 15-6 (6), "Departementet kan gi forskrift om adgang til å avtale lengre
prøvetid ...". The ledd scores are built by hand here, so the rule is seen apart from the model's scores."""

from assistant.evidence.citations import DELEGATION, best_ledd, focused_ledd
from assistant.retrieval.hits import Hit

AML = "LOV-2005-06-17-62"


def hit(scores: dict[int, float]) -> Hit:
    return Hit(f"law:{AML}:15-6", "law", 0.9, metadata={"law_id": AML, "section": "15-6"}, ledd_scores=scores)


def test_the_delegating_ledd_is_not_quoted_for_a_practical_question(corpus):
    section = corpus.laws[AML].sections["15-6"]
    scores = {1: 0.88, 3: 0.89, 5: 0.885, 6: 0.90}
    assert focused_ledd(
        section, hit(scores), "Hvor lang prøvetid er det lov å avtale?", second_within=0.0
    ) == [3]


def test_it_is_quoted_when_the_question_asks_about_regulations(corpus):
    section = corpus.laws[AML].sections["15-6"]
    scores = {1: 0.88, 3: 0.89, 6: 0.90}
    question = "Kan departementet gi forskrift om lengre prøvetid?"
    assert focused_ledd(section, hit(scores), question, second_within=0.0) == [6]
    assert best_ledd(section, question) == 6


def test_a_section_holding_only_a_delegating_ledd_keeps_it(corpus):
    section = corpus.laws[AML].sections["15-6"]
    assert focused_ledd(section, hit({6: 0.9}), "prøvetid", second_within=0.0) == [6]


def test_the_pattern_knows_the_law_s_delegating_ledd_and_no_others(corpus):
    sections = corpus.laws[AML].sections
    assert DELEGATION.search(sections["15-6"].ledd[5].text)
    assert DELEGATION.search(sections["9-5"].ledd[0].text)
    assert not any(DELEGATION.search(ledd.text) for ledd in sections["15-6"].ledd[:5])
    assert not any(DELEGATION.search(ledd.text) for ledd in sections["4-3"].ledd)

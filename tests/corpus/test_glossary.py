"""The everyday-to-legal glossary (corpus/glossary.yaml): a question in everyday words is expanded with the
law's own words before search."""

import pytest

from assistant.sources.glossary import Glossary


@pytest.mark.parametrize(
    ("question", "term"),
    [
        # aml § 6-2 (4): the verneombud "skal tas med på råd" under planning
        ("må vi involvere verneombudet når lageret bygges om?", "verneombudet skal tas med på råd"),
        ("Do we have to consult the safety rep before we move?", "verneombudet skal tas med på råd"),
        # aml § 6-2 (5): "tilløp til ulykker"
        ("skal nestenulykker meldes til verneombudet?", "tilløp til ulykker"),
        ("do near misses have to be recorded?", "tilløp til ulykker"),
        # aml § 2-3 (2) c: the employee shall "avbryte arbeidet" when it cannot go on without danger
        ("kan jeg nekte å jobbe under et hengende lass?", "avbryte arbeidet"),
        ("may I stop working if the ladder is broken?", "avbryte arbeidet"),
        # aml chapter 2 A: a tip to Arbeidstilsynet is whistleblowing (§ 2 A-2 (2)); worse shifts after it, retaliation
        ("en sveiser tipset Arbeidstilsynet om røyken, hva nå?", "varsling"),
        ("after I complained I only get worse shifts, is that legal?", "gjengjeldelse"),
        # aml § 2 A-3 (1): the employer shall see that the report "innen rimelig tid blir tilstrekkelig undersøkt"
        ("har fått et varsel om fusk i lageret, hva nå?", "varselet blir tilstrekkelig undersøkt"),
    ],
)
def test_everyday_words_are_expanded_with_the_laws_words(corpus, question, term):
    assert term in Glossary(corpus.glossary).expand(question).terms


def test_a_question_without_the_everyday_words_is_not_expanded_with_them(corpus):
    terms = Glossary(corpus.glossary).expand("hvor mange verneombud skal vi ha?").terms
    assert "verneombudet skal tas med på råd" not in terms and "tilløp til ulykker" not in terms

"""Which questions lean on the previous turn (issue 10, item 20): only a real follow-up may use it."""

from __future__ import annotations

import pytest

from assistant.question.followup import is_followup


@pytest.mark.parametrize(
    "question",
    ["og for verneombud?", "verneombud da?", "og mellomledere?", "what about the safety rep?", "og loven?"],
)
def test_a_short_question_without_its_own_source_is_a_follow_up(question):
    assert is_followup(question)


@pytest.mark.parametrize(
    "question",
    [
        "aml § 99-1",
        "§ 3-6",
        "og § 3-6?",
        "aml 10-6",
        "ik § 5",
        "paragraf 3-5",
        "arbeidsmiljøloven",
        "internkontrollforskriften?",
        "aml kap. 3",
        "hva med kapittel 6?",
        "LOV-2005-06-17-62",
        "section 6-5",
    ],
)
def test_a_question_naming_its_own_law_or_section_stands_alone(question):
    assert not is_followup(question)


@pytest.mark.parametrize("question", ["thanks!", "tusen takk 🙏", "takk for hjelpa"])
def test_thanks_are_not_a_follow_up(question):
    # found in the browser: "thanks!" after "hva står i aml § 6-5?" quoted § 6-5 again
    assert not is_followup(question)


@pytest.mark.parametrize("question", ["hvordan går det?", "hei, hvordan har du det?", "how are you?"])
def test_a_greeting_is_not_a_follow_up(question):
    assert not is_followup(question)


def test_thanks_with_a_question_can_still_be_one():
    assert is_followup("takk, og for verneombud?")


def test_real_model_thanks_after_a_lookup_get_a_courtesy_reply(real_assistant):
    answer = real_assistant.ask("thanks!", history=["hva står i aml § 6-5?"])
    # one word is too little to tell the language by; either courtesy reply is right
    assert answer.abstained and answer.citations == []
    assert "Bare hyggelig" in answer.answer or "You're welcome" in answer.answer

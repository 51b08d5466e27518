"""Answers -> Slack messages, on hand-made Answers written to the answer contract the lead is landing
(`short_answer`, `contents`, `LawCitation.punktum`): every message within Slack's limits, a long answer as its
short answer plus "Se hele svaret", a law's or chapter's table of contents as § links, the punktum asked for."""

from __future__ import annotations

import json
from typing import Any

from assistant.formatting import label
from assistant.types import Answer, LawCitation
from bots.slack.blocks import ACTION_HELPFUL, answer_blocks, fallback_text
from bots.slack.layout import MAX_MESSAGES, MESSAGE_BUDGET, answer_messages, not_shown_text, web_chat_link
from evals.testing.fake_slack import BLOCKS_CHAR_LIMIT, blocks_error, context_texts, section_texts

WEB = "https://hms.example.no"
URL = "https://lovdata.no/lov/2005-06-17-62/§10-6"
DISCLAIMER = label("disclaimer", "nb")


class ContractAnswer(Answer):
    """An Answer with the fields the lead is adding (read by the Slack bot with getattr)."""

    short_answer: str = ""
    contents: Any = None  # a dict, as the Slack bot also accepts it (it reads fields of a dict or a model)


class ContractLawCitation(LawCitation):
    punktum: int | None = None


def law(section: str = "10-6", *, ledd: int | None = 1, ref: str | None = None, **extra: Any) -> LawCitation:
    return ContractLawCitation(
        law_id="LOV-2005-06-17-62",
        law_name="arbeidsmiljøloven",
        section=section,
        ledd=ledd,
        ref=ref or f"aml § {section} ({ledd})",
        url=URL,
        quote="Tekst.",
        version_date="2026-01-01",
        **extra,
    )


def make(body: str, **fields: Any) -> ContractAnswer:
    values: dict[str, Any] = {
        "question": "Hvor mye overtid kan en ansatt jobbe?",
        "answer": body,
        "abstained": False,
        "citations": [law()],
        "answer_id": "ab" * 16,
        "disclaimer": DISCLAIMER,
        "law_as_of": "2026-01-01",
    }
    values.update(fields)
    return ContractAnswer.model_validate(values)


def long_body(paragraphs: int) -> str:
    paragraph = (
        "Arbeidstakeren kan pålegges overtidsarbeid når det er et særlig og tidsavgrenset behov. " * 20
    )
    return "\n\n".join(f"({n}) {paragraph}" for n in range(1, paragraphs + 1))


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(t for m in messages for t in section_texts(m["blocks"]) + context_texts(m["blocks"]))


def test_an_ordinary_answer_is_one_message_as_before():
    answer = make("Dette sier regelverket:\n«Kort.»")
    assert answer_messages(answer, web_url=WEB) == [
        {"text": fallback_text(answer), "blocks": answer_blocks(answer)}
    ]


def test_a_long_answer_posts_its_short_answer_and_a_link_to_the_whole_answer():
    answer = make(long_body(3), short_answer="Overtid kan pålegges ved et særlig og tidsavgrenset behov.")
    (message,) = answer_messages(answer, web_url=WEB)
    sections = section_texts(message["blocks"])
    assert sections == [
        "Overtid kan pålegges ved et særlig og tidsavgrenset behov.",
        f":page_facing_up: <{WEB}/#q=Hvor%20mye%20overtid%20kan%20en%20ansatt%20jobbe%3F|Se hele svaret>",
    ]
    assert "aml § 10-6 (1)" in " ".join(context_texts(message["blocks"]))  # the sources stay
    assert ACTION_HELPFUL in json.dumps(message["blocks"])


def test_without_a_web_chat_a_long_answer_is_split_over_messages_within_slacks_limits():
    body = long_body(14)  # about 25,000 characters
    messages = answer_messages(make(body, short_answer="Kort."), web_url=None)
    assert 2 <= len(messages) <= MAX_MESSAGES
    for message in messages:
        assert blocks_error(message["blocks"]) is None
        assert len(json.dumps(message["blocks"], ensure_ascii=False)) <= MESSAGE_BUDGET < BLOCKS_CHAR_LIMIT
    assert texts(messages).count("særlig og tidsavgrenset behov") == body.count(
        "særlig og tidsavgrenset behov"
    )
    assert [ACTION_HELPFUL in json.dumps(m["blocks"]) for m in messages] == [False] * (len(messages) - 1) + [
        True
    ]
    assert messages[0]["text"] == fallback_text(make(body)) and messages[1]["text"] == "(fortsatt)"


def test_an_answer_too_long_for_four_messages_is_cut_with_a_link_to_the_whole():
    messages = answer_messages(make(long_body(60)), web_url=WEB)
    assert len(messages) == MAX_MESSAGES and all(blocks_error(m["blocks"]) is None for m in messages)
    last = section_texts(messages[-1]["blocks"])
    assert last[0].startswith("_Svaret er for langt for Slack._ :page_facing_up: <https://hms.example.no/#q=")


def test_the_fallback_after_a_refused_post_links_the_whole_answer_or_its_sources():
    answer = make("Tekst.")
    assert not_shown_text(answer, WEB) == (
        "Beklager, jeg klarte ikke å vise svaret her. "
        f"<{web_chat_link(WEB, answer.question)}|Se hele svaret>."
    )
    assert not_shown_text(answer, None) == (
        "Beklager, jeg klarte ikke å vise svaret her. Kilder: "
        "<https://lovdata.no/lov/2005-06-17-62/%C2%A710-6|aml § 10-6 (1)>."
    )


def test_the_punktum_asked_for_is_named_in_the_sources():
    answer = make("«Tekst.»", citations=[law(punktum=2)])
    assert "|aml § 10-6 (1) andre punktum>" in context_texts(answer_blocks(answer))[1]
    named = make("«Tekst.»", citations=[law(ref="aml § 10-6 (1) andre punktum", punktum=2)])
    assert "|aml § 10-6 (1) andre punktum>" in context_texts(answer_blocks(named))[1]  # not said twice
    english = make("«Text.»", citations=[law(punktum=2)], language="en")
    assert "|aml § 10-6 (1), sentence 2>" in context_texts(answer_blocks(english))[1]


CHAPTER: dict[str, Any] = {
    "law_id": "LOV-2005-06-17-62",
    "law_name": "arbeidsmiljøloven",
    "title": "Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)",
    "chapter": "3",
    "chapter_title": "Tiltak for å fremme helse, miljø og sikkerhet",
    "url": "https://lovdata.no/lov/2005-06-17-62/KAPITTEL_3",
    "version_date": "2026-01-01",
    "sections": [
        {
            "section": "3-1",
            "title": "Krav til systematisk helse-, miljø- og sikkerhetsarbeid",
            "url": "https://lovdata.no/lov/2005-06-17-62/§3-1",
            "repealed": False,
        },
        {
            "section": "3-2",
            "title": "Særlige plikter for arbeidsgiver",
            "url": "https://lovdata.no/lov/2005-06-17-62/§3-2",
            "repealed": False,
        },
        {
            "section": "3-4",
            "title": None,
            "url": "https://lovdata.no/lov/2005-06-17-62/§3-4",
            "repealed": True,
        },
    ],
    "reader": False,
}


def test_a_chapter_is_its_title_and_its_sections_as_links():
    answer = make("Kapittel 3 …", question="aml kap. 3", contents=CHAPTER, citations=[])
    (message,) = answer_messages(answer, web_url=WEB)
    sections = section_texts(message["blocks"])
    assert sections[0] == (
        "*arbeidsmiljøloven kapittel 3 – Tiltak for å fremme helse, miljø og sikkerhet*\n"
        "lov per 1. januar 2026 · <https://lovdata.no/lov/2005-06-17-62/KAPITTEL_3|Lovdata>"
    )
    assert sections[1].split("\n") == [
        "• <https://lovdata.no/lov/2005-06-17-62/%C2%A73-1|§ 3-1> Krav til systematisk helse-, miljø- og "
        "sikkerhetsarbeid",
        "• <https://lovdata.no/lov/2005-06-17-62/%C2%A73-2|§ 3-2> Særlige plikter for arbeidsgiver",
        "• <https://lovdata.no/lov/2005-06-17-62/%C2%A73-4|§ 3-4> _(opphevet)_",
    ]
    assert "Kapittel 3 …" not in json.dumps(
        message["blocks"], ensure_ascii=False
    )  # the list, not the text again
    assert message["text"].startswith("Lov om arbeidsmiljø")


def test_a_chapter_over_20_sections_links_to_the_law_reader():
    contents = {**CHAPTER, "reader": True, "sections": CHAPTER["sections"] * 8}
    sections = section_texts(answer_blocks(make("…", contents=contents, citations=[])))
    assert (
        sections[1]
        == "Kapitlet har 24 paragrafer. <https://lovdata.no/lov/2005-06-17-62/KAPITTEL_3|Les dem på Lovdata>"
    )
    (message,) = answer_messages(make("…", contents=contents, citations=[]), web_url=WEB)
    assert section_texts(message["blocks"])[1].endswith(f"<{WEB}/lov/LOV-2005-06-17-62|Les dem i lovleseren>")


def test_a_whole_law_lists_its_first_sections_within_slacks_limits():
    entry = {
        "section": "1-1",
        "title": "Lovens formål " * 4,
        "url": "https://lovdata.no/x",
        "repealed": False,
    }
    contents = {**CHAPTER, "chapter": None, "chapter_title": None, "sections": [entry] * 200}
    messages = answer_messages(make("…", contents=contents, citations=[]), web_url=None)
    assert all(blocks_error(m["blocks"]) is None for m in messages)
    text = texts(messages)
    assert text.startswith("*Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)*")
    assert text.count("• <https://lovdata.no/x|§ 1-1>") == 60
    assert (
        "… og 140 paragrafer til: <https://lovdata.no/lov/2005-06-17-62/KAPITTEL_3|Les dem på Lovdata>"
        in text
    )


def test_an_faq_answer_with_the_standard_abstention_inside_is_not_doubled():
    answer = make(
        f"Kildene mine oppgir ingen pris.\n\n{label('abstain', 'nb')}", abstained=True, citations=[]
    )
    flat = texts([{"blocks": answer_blocks(answer)}])
    assert flat.count("Beklager") == 1 and flat.count("<https://www.arbeidstilsynet.no") == 1
    assert "Kildene mine oppgir ingen pris." in flat
    provider = make(
        "Priser og kursdatoer finner du hos HMS Kontoret: https://hmskontoret.no/kontakt",
        abstained=True,
        citations=[],
    )
    flat = texts([{"blocks": answer_blocks(provider)}])
    assert "arbeidstilsynet.no|" not in flat.split("Ikke juridisk")[0]  # the provider, not Arbeidstilsynet
    assert "<https://hmskontoret.no/kontakt|hmskontoret.no/kontakt>" in flat

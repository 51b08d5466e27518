"""Answer -> Block Kit, on crafted Answers: limits, the Kilder block, buttons, abstention, escaping."""

from __future__ import annotations

import json

from assistant.formatting import label
from assistant.types import Answer, FaqCitation, Gap, LawCitation
from bots.slack.blocks import (
    ACTION_HELPFUL,
    ACTION_SHARE,
    ACTION_UNHELPFUL,
    CONTEXT_ELEMENTS,
    answer_blocks,
    asked_intro,
    fallback_text,
    shared_intro,
)
from evals.testing.fake_slack import buttons, context_texts, section_texts

DISCLAIMER = label("disclaimer", "nb")
URL = "https://lovdata.no/lov/2005-06-17-62/§3-5"


def law(
    ref: str = "aml § 3-5 (1)",
    *,
    ledd: int | None = 1,
    quote: str = "Arbeidsgiver skal gjennomgå opplæring.",
    date: str | None = "2026-01-01",
) -> LawCitation:
    return LawCitation(
        law_id="LOV-2005-06-17-62",
        law_name="arbeidsmiljøloven",
        section="3-5",
        ledd=ledd,
        ref=ref,
        url=URL,
        quote=quote,
        version_date=date,
        title="Plikt for arbeidsgiver til opplæring",
    )


def make_answer(body: str, **fields: object) -> Answer:
    values: dict[str, object] = {
        "question": "Må daglig leder ha HMS-kurs?",
        "answer": f"{body}\n\n{DISCLAIMER}",
        "abstained": False,
        "citations": [FaqCitation(faq_id="daglig-leder", question="Må alle ledere ha HMS-kurs?"), law()],
        "answer_id": "0123456789abcdef0123456789abcdef",
        "disclaimer": DISCLAIMER,
        "law_as_of": "2026-01-01",
    }
    values.update(fields)
    return Answer.model_validate(values)


def test_the_answer_layout():
    blocks = answer_blocks(
        make_answer("Fra HMS Kontorets FAQ:\nLoven sier at øverste leder skal ha HMS kurs.")
    )
    assert [b["type"] for b in blocks] == ["section", "context", "actions", "context"]
    assert section_texts(blocks) == ["Fra HMS Kontorets FAQ:\nLoven sier at øverste leder skal ha HMS kurs."]
    sources = blocks[1]["elements"]
    assert [e["text"] for e in sources] == [
        "*Kilder*",
        "Fra HMS Kontorets FAQ: «Må alle ledere ha HMS-kurs?»",
        "<https://lovdata.no/lov/2005-06-17-62/%C2%A73-5|aml § 3-5 (1)> (arbeidsmiljøloven) – Plikt for arbeidsgiver "
        "til opplæring · lov per 1. januar 2026",
    ]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons(blocks)] == [
        (ACTION_HELPFUL, "0123456789abcdef0123456789abcdef", "👍 Nyttig"),
        (ACTION_UNHELPFUL, "0123456789abcdef0123456789abcdef", "👎 Ikke nyttig"),
    ]
    assert "Ikke juridisk rådgivning" in blocks[-1]["elements"][0]["text"]
    assert DISCLAIMER not in json.dumps(blocks, ensure_ascii=False)  # shown once, as the context line


def test_unknown_version_date_and_gaps_are_shown():
    answer = make_answer(
        "Tekst.",
        citations=[law(date=None)],
        gaps=[
            Gap(
                law_id="FOR-1996-12-06-1127",
                law_name="internkontrollforskriften",
                section="5",
                url="https://lovdata.no/forskrift/1996-12-06-1127/§5",
                reason="ikke i kildene",
            )
        ],
    )
    sources = context_texts(answer_blocks(answer))
    assert "versjonsdato ukjent" in sources[1]
    assert sources[2] == (
        "Ikke i kildene mine: <https://lovdata.no/forskrift/1996-12-06-1127/%C2%A75|internkontrollforskriften § 5>"
    )


def test_long_answers_are_split_into_sections_of_at_most_3000_characters():
    quote = " ".join(["Arbeidsgiver skal sørge for forsvarlig opplæring & oppfølging."] * 150)  # ~9,500 chars
    blocks = answer_blocks(make_answer(f"Ordlyden:\n«{quote}»\n– aml § 3-5 (lov per 1. januar 2026): {URL}"))
    sections = section_texts(blocks)
    assert len(sections) >= 4 and all(len(s) <= 3000 for s in sections)
    joined = " ".join(s.removeprefix("> ") for s in sections)
    assert joined.count("forsvarlig opplæring &amp; oppfølging") == 150  # nothing lost at the splits
    assert len(blocks) <= 50


def test_many_sources_fit_in_one_context_block():
    citations = [law(f"aml § 3-{n}", ledd=None) for n in range(1, 16)]
    sources = next(
        b for b in answer_blocks(make_answer("Tekst.", citations=citations)) if b["type"] == "context"
    )
    assert len(sources["elements"]) == CONTEXT_ELEMENTS
    assert all(f"aml § 3-{n}>" in " ".join(e["text"] for e in sources["elements"]) for n in range(1, 16))


def test_abstention_is_friendly_and_points_to_arbeidstilsynet():
    answer = make_answer(label("abstain", "nb"), abstained=True, citations=[], law_as_of=None)
    blocks = answer_blocks(answer)
    text = " ".join(section_texts(blocks))
    assert "fant ikke svar i kildene" in text
    assert "<https://www.arbeidstilsynet.no|arbeidstilsynet.no>" in text
    assert "Jeg fant ikke svar på dette" not in text  # the standard wording is not repeated
    assert not any(b.get("block_id") == "sources" for b in blocks)
    assert fallback_text(answer).startswith("Beklager, jeg fant ikke svar i kildene")


def test_an_abstention_with_a_reason_keeps_the_reason():
    reason = "arbeidsmiljøloven har ingen § 99-9. Sjekk nummeret."
    text = " ".join(section_texts(answer_blocks(make_answer(reason, abstained=True, citations=[]))))
    assert "fant ikke svar i kildene" in text and "har ingen § 99-9" in text and "arbeidstilsynet.no" in text


def test_english_answers_get_english_labels():
    answer = make_answer(
        "From HMS Kontoret's FAQ:\nYes.",
        language="en",
        disclaimer=label("disclaimer", "en"),
        answer=f"Yes.\n\n{label('disclaimer', 'en')}",
    )
    blocks = answer_blocks(answer, share=True)
    assert context_texts(blocks)[0] == "*Sources*"
    assert "law as of 1 January 2026" in context_texts(blocks)[2]
    assert [b["text"]["text"] for b in buttons(blocks)] == [
        "👍 Helpful",
        "👎 Not helpful",
        "Share in channel",
    ]
    assert "Not legal advice" in context_texts(blocks)[-1]


def test_slack_markup_in_a_crafted_answer_pings_nobody():
    poison = "<!channel> <!here> <!everyone> <@U0BOSS> <#C0GENERAL> <https://evil.example|aml § 3-5> @channel"
    answer = make_answer(
        f"Fra HMS Kontorets FAQ:\n{poison}\n\nDette sier regelverket:\n«{poison}»\n– aml § 3-5 (1): {URL}",
        question=f"{poison}?",
        citations=[FaqCitation(faq_id="x", question=poison), law(quote=poison, ref=f"aml § 3-5 {poison}")],
    )
    for blocks in (
        answer_blocks(answer, share=True),
        answer_blocks(answer, intro=asked_intro(answer.question, "nb")),
        answer_blocks(answer, intro=shared_intro("U0HR", answer.question, "nb")),
    ):
        flat = json.dumps(blocks, ensure_ascii=False)
        for markup in ("<!", "<@U0BOSS", "<#", "@channel", "@here", "<https://evil.example|aml"):
            assert markup not in flat
        assert "<https://evil.example|evil.example>" in flat  # a link in the text shows where it goes
        assert "&lt;!channel&gt;" in flat
    assert "<!" not in fallback_text(answer) and "@channel" not in fallback_text(answer)


def test_share_button_and_intros():
    answer = make_answer("Tekst.")
    assert ACTION_SHARE in [b["action_id"] for b in buttons(answer_blocks(answer, share=True))]
    assert ACTION_SHARE not in [b["action_id"] for b in buttons(answer_blocks(answer))]
    assert asked_intro("Hva er AMU?", "nb") == "*Du spurte:* «Hva er AMU?»"
    assert shared_intro("U0HR", "Hva er AMU?", "nb").startswith("<@U0HR> delte")
    assert shared_intro("<!here>", "x", "nb").startswith("&lt;!here&gt;")  # only a real user id is a mention

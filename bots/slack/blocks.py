"""An Answer as Block Kit: a label on AI-written answers, the text in sections of at most 3,000 characters (or a
law's table of contents as § links), one "Kilder" context block linking each law source to Lovdata with its
"lov per" date, the FAQ source named, 👍/👎 buttons, an optional "Del i kanalen" button, and "Ikke juridisk
rådgivning". All text goes through `mrkdwn`. `bots.slack.layout` fits the blocks into messages."""

from __future__ import annotations

import re
from typing import Any

from assistant.formatting import ARBEIDSTILSYNET, REPEALED, Lang, format_date, label
from assistant.types import Answer, FaqCitation, LawCitation
from bots.slack.contents import contents_blocks, field
from bots.slack.mrkdwn import escape, link, split_mrkdwn, to_mrkdwn

Block = dict[str, Any]

SECTION_LIMIT = 3000  # Slack's limit for a section's text
CONTEXT_ELEMENTS = 10  # Slack's limit for a context block's elements
MAX_BODY_SECTIONS = 40  # a message holds at most 50 blocks
FALLBACK_CHARS = 300

ACTION_HELPFUL = "feedback_helpful"
ACTION_UNHELPFUL = "feedback_unhelpful"
ACTION_SHARE = "share_answer"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

TEXT: dict[str, dict[Lang, str]] = {
    "sources": {"nb": "*Kilder*", "en": "*Sources*"},
    "gap": {"nb": "Ikke i kildene mine:", "en": "Not in my sources:"},
    "repealed": {"nb": "Opphevet:", "en": "Repealed:"},
    "ai": {
        "nb": ":robot_face: *Skrevet av KI* ut fra kildene under, og kontrollert mot dem.",
        "en": ":robot_face: *Written by AI* from the sources below, and checked against them.",
    },
    "helpful": {"nb": "👍 Nyttig", "en": "👍 Helpful"},
    "unhelpful": {"nb": "👎 Ikke nyttig", "en": "👎 Not helpful"},
    "share": {"nb": "Del i kanalen", "en": "Share in channel"},
    "asked": {"nb": "*Du spurte:*", "en": "*You asked:*"},
    "shared": {"nb": "delte et svar fra HMS-assistenten. *Spørsmål:*", "en": "shared an answer. *Question:*"},
    "not_advice": {
        "nb": ":scales: *Ikke juridisk rådgivning.* Ved tvil, kontakt "
        f"{link(ARBEIDSTILSYNET, 'Arbeidstilsynet')} eller en advokat.",
        "en": ":scales: *Not legal advice.* If in doubt, contact the Labour Inspection Authority "
        f"({link(ARBEIDSTILSYNET, 'Arbeidstilsynet')}) or a lawyer.",
    },
    "not_advice_plain": {  # beside an abstention's own Arbeidstilsynet link: the link once
        "nb": ":scales: *Ikke juridisk rådgivning.* Ved tvil, kontakt Arbeidstilsynet eller en advokat.",
        "en": ":scales: *Not legal advice.* If in doubt, contact the Labour Inspection Authority or a lawyer.",
    },
    "abstain": {
        "nb": ":mag: *Beklager, jeg fant ikke svar i kildene mine*, så jeg vil ikke gjette.",
        "en": ":mag: *Sorry, I could not find an answer in my sources*, so I will not guess.",
    },
    "pointer": {
        "nb": f"Arbeidstilsynet svarer på spørsmål om arbeidsmiljø: {link(ARBEIDSTILSYNET, 'arbeidstilsynet.no')}",
        "en": "The Labour Inspection Authority answers questions about the working environment: "
        f"{link(ARBEIDSTILSYNET, 'arbeidstilsynet.no')}",
    },
    "truncated": {
        "nb": "_Svaret er for langt for Slack og er kortet av; les resten i kildene under._",
        "en": "_The answer is too long for Slack and was cut; read the rest in the sources below._",
    },
}


def text(key: str, lang: Lang) -> str:
    return TEXT[key][lang]


def mrkdwn(value: str) -> dict[str, Any]:
    """A mrkdwn text object with Slack's auto-parsing off (links and mentions only as we wrote them)."""
    return {"type": "mrkdwn", "text": value, "verbatim": True}


def section(value: str) -> Block:
    return {"type": "section", "text": mrkdwn(value[:SECTION_LIMIT])}


def context(value: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(value[:SECTION_LIMIT])]}


def ai_written(answer: Answer) -> bool:
    """An answer a language model wrote (mode "llm…"); its fallback to the extractive answer is not."""
    return answer.mode.startswith("llm") and not answer.mode.startswith("llm-fallback")


# the source list a verified LLM answer ends with ("Kilder:\n[S1] …"): the Kilder block shows it instead
_LLM_SOURCES = re.compile(r"\n\n(?:Kilder|Sources):\n(?=\[S\d+\] )(?P<tail>.*)\Z", re.DOTALL)
_SOURCE_ID = re.compile(r"^\[(S\d+)\] ", re.MULTILINE)


def body_text(answer: Answer) -> str:
    """The answer text without the disclaimer (a context line shows it) and, in an AI-written answer,
    without its own source list (the Kilder block shows it)."""
    body = answer.answer
    if answer.disclaimer and body.rstrip().endswith(answer.disclaimer):
        body = body.rstrip()[: -len(answer.disclaimer)]
    if ai_written(answer):
        body = _LLM_SOURCES.sub("", body.rstrip())
    return body.strip()


def source_ids(answer: Answer) -> list[str]:
    """The ids ([S1], [S2], …) an AI-written answer gave its cited sources, in citation order."""
    found = _LLM_SOURCES.search(answer.answer) if ai_written(answer) else None
    ids = _SOURCE_ID.findall(found.group("tail")) if found else []
    return ids if len(ids) == len(answer.citations) else []


LANGS: tuple[Lang, ...] = ("nb", "en")


def _without_standard_abstention(body: str) -> str:
    for lang in LANGS:
        body = body.replace(label("abstain", lang), "")
    return re.sub(r"\n{3,}", "\n\n", body).strip()


def points_elsewhere(answer: Answer) -> bool:
    """An abstention whose text already points somewhere (a Lovdata page, the course provider)."""
    return "http" in _without_standard_abstention(body_text(answer))


def body_sections(answer: Answer) -> list[Block]:
    """The answer text; an abstention says "Beklager …" once and points to Arbeidstilsynet once, unless its
    own text points elsewhere."""
    lang = answer.language
    body = body_text(answer)
    blocks: list[Block] = []
    if answer.abstained:
        blocks.append(section(text("abstain", lang)))
        body = _without_standard_abstention(body)
    pieces = split_mrkdwn(body, limit=SECTION_LIMIT) if body else []
    if len(pieces) > MAX_BODY_SECTIONS:
        pieces = [*pieces[: MAX_BODY_SECTIONS - 1], text("truncated", lang)]
    blocks.extend(section(piece) for piece in pieces)
    if answer.abstained and not points_elsewhere(answer):
        blocks.append(section(text("pointer", lang)))
    return blocks


_ORDINALS = (
    "første",
    "andre",
    "tredje",
    "fjerde",
    "femte",
    "sjette",
    "sjuende",
    "åttende",
    "niende",
    "tiende",
)


def punktum_label(ref: str, punktum: int | None, lang: Lang) -> str:
    """The sentence of the ledd asked for, when the reference does not name it already."""
    if not punktum or re.search(r"punktum|pkt|sentence", ref, re.IGNORECASE):
        return ""
    if lang == "en":
        return f", sentence {punktum}"
    word = _ORDINALS[punktum - 1] if punktum <= len(_ORDINALS) else f"{punktum}."
    return f" {word} punktum"


def law_line(c: LawCitation, lang: Lang) -> str:
    ref = c.ref + punktum_label(c.ref, field(c, "punktum"), lang)
    line = link(c.url, ref)
    if not c.ref.startswith(c.law_name):
        line += f" ({escape(c.law_name)})"
    if c.title:
        line += f" – {escape(c.title)}"
    return f"{line} · {escape(format_date(c.version_date, lang))}"


def source_lines(answer: Answer) -> list[str]:
    """One mrkdwn line per source: law refs linked to Lovdata with their date, the FAQ entry, the gaps; in an
    AI-written answer each line starts with the id the text cites it by."""
    lang = answer.language
    ids = source_ids(answer)
    lines: list[str] = []
    seen: set[str] = set()
    for n, c in enumerate(answer.citations):
        tag = f"[{ids[n]}] " if ids else ""
        if isinstance(c, LawCitation):
            if c.ref in seen and not tag:
                continue
            seen.add(c.ref)
            lines.append(tag + law_line(c, lang))
        elif isinstance(c, FaqCitation):
            lines.append(f"{tag}{escape(label('faq', lang))} «{escape(c.question)}»")
    for gap in answer.gaps:
        kind = "repealed" if gap.reason == REPEALED else "gap"
        lines.append(f"{text(kind, lang)} {link(gap.url, f'{gap.law_name} § {gap.section}')}")
    return lines


def sources_block(answer: Answer) -> Block | None:
    lines = source_lines(answer)
    if not lines:
        return None
    room = CONTEXT_ELEMENTS - 1
    if len(lines) > room:  # the last element holds the rest
        lines = [*lines[: room - 1], "\n".join(lines[room - 1 :])]
    elements = [mrkdwn(text("sources", answer.language))]
    elements.extend(mrkdwn(line[:SECTION_LIMIT]) for line in lines)
    return {"type": "context", "block_id": "sources", "elements": elements}


def _button(label_text: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label_text, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def actions_block(answer: Answer, *, share: bool) -> Block:
    lang = answer.language
    elements = [
        _button(text("helpful", lang), ACTION_HELPFUL, answer.answer_id),
        _button(text("unhelpful", lang), ACTION_UNHELPFUL, answer.answer_id),
    ]
    if share:
        elements.append(_button(text("share", lang), ACTION_SHARE, answer.answer_id, style="primary"))
    return {"type": "actions", "block_id": "feedback", "elements": elements}


def asked_intro(question: str, lang: Lang) -> str:
    """Restates a /hms question (the user cannot see their own slash command)."""
    return f"{text('asked', lang)} «{escape(question)}»"


def shared_intro(user_id: str, question: str, lang: Lang) -> str:
    who = f"<@{user_id}>" if _USER_ID.match(user_id) else escape(user_id)
    return f"{who} {text('shared', lang)} «{escape(question)}»"


def head_blocks(answer: Answer, *, intro: str | None = None) -> list[Block]:
    """What leads the message: the intro (mrkdwn made by `asked_intro` / `shared_intro`), the AI label."""
    blocks = [section(intro)] if intro else []
    if ai_written(answer):
        blocks.append(context(text("ai", answer.language)))
    return blocks


def body_blocks(answer: Answer, *, web_url: str | None = None) -> list[Block]:
    """The answer: a law's or chapter's table of contents as § links, or the text."""
    contents = field(answer, "contents")
    if contents:
        return contents_blocks(contents, answer.language, web_url=web_url)
    return body_sections(answer)


def tail_blocks(answer: Answer, *, share: bool = False) -> list[Block]:
    """What ends the message: the Kilder block, 👍/👎 (and "Del i kanalen"), "Ikke juridisk rådgivning"."""
    blocks: list[Block] = []
    sources = sources_block(answer)
    if sources:
        blocks.append(sources)
    if answer.answer_id:
        blocks.append(actions_block(answer, share=share))
    linked = not (answer.abstained and not points_elsewhere(answer))
    blocks.append(context(text("not_advice" if linked else "not_advice_plain", answer.language)))
    return blocks


def answer_blocks(answer: Answer, *, intro: str | None = None, share: bool = False) -> list[Block]:
    """The whole answer as one message's blocks (`bots.slack.layout` keeps a message within Slack's limits)."""
    return [*head_blocks(answer, intro=intro), *body_blocks(answer), *tail_blocks(answer, share=share)]


def fallback_text(answer: Answer) -> str:
    """The notification text sent beside the blocks (escaped: Slack parses it too)."""
    body = body_text(answer)
    if field(answer, "contents"):
        body = str(field(field(answer, "contents"), "title") or body)
    if answer.abstained:
        body = text("abstain", answer.language).replace("*", "").split(" ", 1)[1]
    if len(body) > FALLBACK_CHARS:
        body = body[:FALLBACK_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(body.replace("\n", " "))


def notice(value: str) -> dict[str, Any]:
    """A short message (help, errors; Markdown allowed) as chat.postMessage/respond keyword arguments."""
    return {"text": escape(value), "blocks": [section(to_mrkdwn(value))]}

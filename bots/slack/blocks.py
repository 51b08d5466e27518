"""An Answer as Block Kit: the text in sections of at most 3,000 characters, a "Kilder" context block
linking each law source to Lovdata with its "lov per" date, the FAQ source named, 👍/👎 buttons, an optional
"Del i kanalen" button, and "Ikke juridisk rådgivning". All text goes through `mrkdwn`."""

from __future__ import annotations

import re
from typing import Any

from assistant.formatting import ARBEIDSTILSYNET, Lang, format_date, label
from assistant.types import Answer, FaqCitation, LawCitation
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


def body_text(answer: Answer) -> str:
    """The answer text without the disclaimer (the blocks show it as a context line)."""
    body = answer.answer
    if answer.disclaimer and body.rstrip().endswith(answer.disclaimer):
        body = body.rstrip()[: -len(answer.disclaimer)]
    return body.strip()


def body_sections(answer: Answer) -> list[Block]:
    lang = answer.language
    body = body_text(answer)
    blocks: list[Block] = []
    if answer.abstained:
        blocks.append(section(text("abstain", lang)))
        if body == label("abstain", lang):  # the standard abstention: the lines above and below say it
            body = ""
    pieces = split_mrkdwn(body, limit=SECTION_LIMIT) if body else []
    if len(pieces) > MAX_BODY_SECTIONS:
        pieces = [*pieces[: MAX_BODY_SECTIONS - 1], text("truncated", lang)]
    blocks.extend(section(piece) for piece in pieces)
    if answer.abstained:
        blocks.append(section(text("pointer", lang)))
    return blocks


def source_lines(answer: Answer) -> list[str]:
    """One mrkdwn line per source: law refs linked to Lovdata with their date, the FAQ entry, the gaps."""
    lang = answer.language
    lines: list[str] = []
    seen: set[str] = set()
    for c in answer.citations:
        if isinstance(c, LawCitation):
            if c.ref in seen:
                continue
            seen.add(c.ref)
            line = link(c.url, c.ref)
            if not c.ref.startswith(c.law_name):
                line += f" ({escape(c.law_name)})"
            if c.title:
                line += f" – {escape(c.title)}"
            lines.append(f"{line} · {escape(format_date(c.version_date, lang))}")
        elif isinstance(c, FaqCitation):
            lines.append(f"{escape(label('faq', lang))} «{escape(c.question)}»")
    for gap in answer.gaps:
        lines.append(f"{text('gap', lang)} {link(gap.url, f'{gap.law_name} § {gap.section}')}")
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


def answer_blocks(answer: Answer, *, intro: str | None = None, share: bool = False) -> list[Block]:
    """The whole message. `intro` is mrkdwn made by `asked_intro` / `shared_intro`."""
    blocks: list[Block] = []
    if intro:
        blocks.append(section(intro))
    blocks.extend(body_sections(answer))
    sources = sources_block(answer)
    if sources:
        blocks.append(sources)
    if answer.answer_id:
        blocks.append(actions_block(answer, share=share))
    blocks.append({"type": "context", "elements": [mrkdwn(text("not_advice", answer.language))]})
    return blocks


def fallback_text(answer: Answer) -> str:
    """The notification text sent beside the blocks (escaped: Slack parses it too)."""
    body = body_text(answer)
    if answer.abstained:
        body = text("abstain", answer.language).replace("*", "").split(" ", 1)[1]
    if len(body) > FALLBACK_CHARS:
        body = body[:FALLBACK_CHARS].rsplit(" ", 1)[0] + " …"
    return escape(body.replace("\n", " "))


def notice(value: str) -> dict[str, Any]:
    """A short message (help, errors; Markdown allowed) as chat.postMessage/respond keyword arguments."""
    return {"text": escape(value), "blocks": [section(to_mrkdwn(value))]}

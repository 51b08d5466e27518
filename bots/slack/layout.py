"""Fit an answer into Slack messages. Slack refuses a message whose blocks are too long (msg_blocks_too_long;
24,014 characters were refused), so each message keeps its blocks under MESSAGE_BUDGET characters of JSON and
50 blocks. A long answer (over LONG_ANSWER_CHARS) posts its short answer and "Se hele svaret", a link to the web
chat with the question, when the answer has a short answer and HMS_PUBLIC_URL names the web chat; otherwise it
is split over several messages (the Kilder, the buttons and the disclaimer in the last one)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from assistant.formatting import Lang
from assistant.types import Answer, LawCitation
from bots.slack.blocks import (
    Block,
    body_blocks,
    body_text,
    fallback_text,
    head_blocks,
    section,
    tail_blocks,
    text,
)
from bots.slack.contents import field
from bots.slack.mrkdwn import escape, link, to_mrkdwn
from bots.slack.texts import NOT_SHOWN

MESSAGE_BUDGET = 11_000  # characters of block JSON per message, under the ~12,000 Slack takes
MAX_BLOCKS = 50  # Slack's limit per message
LONG_ANSWER_CHARS = 3000  # one section: 99% of the dev-set answers are shorter
MAX_MESSAGES = 4  # a response_url takes five messages

Message = dict[str, Any]

TEXT: dict[str, dict[Lang, str]] = {
    "full": {"nb": "Se hele svaret", "en": "See the full answer"},
    "too_long": {"nb": "_Svaret er for langt for Slack._", "en": "_The answer is too long for Slack._"},
    "continued": {"nb": "(fortsatt)", "en": "(continued)"},
}


def web_chat_link(web_url: str, question: str) -> str:
    """The web chat with the question filled in (in the fragment, so it reaches no server log)."""
    return f"{web_url.rstrip('/')}/#q={quote(question, safe='')}"


def size(blocks: list[Block]) -> int:
    return len(json.dumps(blocks, ensure_ascii=False))


def fits(blocks: list[Block]) -> bool:
    return len(blocks) <= MAX_BLOCKS and size(blocks) <= MESSAGE_BUDGET


def full_answer_link(answer: Answer, web_url: str) -> str:
    return f":page_facing_up: {link(web_chat_link(web_url, answer.question), TEXT['full'][answer.language])}"


def short_answer_blocks(answer: Answer, web_url: str | None) -> list[Block] | None:
    """A long answer's short answer and "Se hele svaret", or None to show the whole answer."""
    short = str(field(answer, "short_answer") or "").strip()
    if not (web_url and short) or answer.abstained or field(answer, "contents"):
        return None
    if len(body_text(answer)) <= LONG_ANSWER_CHARS:
        return None
    return [section(to_mrkdwn(short)), section(full_answer_link(answer, web_url))]


def pack(head: list[Block], body: list[Block], tail: list[Block]) -> list[list[Block]]:
    """The blocks in as few messages as fit: the head first, the tail last, the body between."""
    chunks: list[list[Block]] = []
    current = list(head)
    for block in body:
        if current and not fits([*current, block]):
            chunks.append(current)
            current = []
        current.append(block)
    if current and not fits([*current, *tail]):
        chunks.append(current)
        current = []
    chunks.append([*current, *tail])
    return chunks


def answer_messages(
    answer: Answer, *, intro: str | None = None, share: bool = False, web_url: str | None = None
) -> list[Message]:
    """The answer as chat.postMessage / respond keyword arguments, one dict per message."""
    lang = answer.language
    head, tail = head_blocks(answer, intro=intro), tail_blocks(answer, share=share)
    body = short_answer_blocks(answer, web_url) or body_blocks(answer, web_url=web_url)
    chunks = pack(head, body, tail)
    if len(chunks) > MAX_MESSAGES:  # cut, and say so (with the link to the whole answer if there is one)
        note = text("truncated", lang)
        if web_url:
            note = f"{TEXT['too_long'][lang]} {full_answer_link(answer, web_url)}"
        chunks = [*chunks[: MAX_MESSAGES - 1], [section(note), *tail]]
    first = fallback_text(answer)
    return [{"text": first if n == 0 else TEXT["continued"][lang], "blocks": c} for n, c in enumerate(chunks)]


def not_shown_text(answer: Answer | None, web_url: str | None) -> str:
    """The short text posted when Slack refused the answer: a link to the whole answer, or to its sources."""
    parts = [NOT_SHOWN]
    if answer is not None and web_url:
        parts.append(link(web_chat_link(web_url, answer.question), TEXT["full"][answer.language]) + ".")
    elif answer is not None:
        laws = [c for c in answer.citations if isinstance(c, LawCitation)][:5]
        if laws:
            parts.append("Kilder: " + ", ".join(link(c.url, c.ref) for c in laws) + ".")
    return escape(parts[0]) + "".join(f" {p}" for p in parts[1:])

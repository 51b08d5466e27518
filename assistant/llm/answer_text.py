"""Lay out a verified answer: the model's prose, then the cited sources rendered from our own records."""

from __future__ import annotations

import re

from assistant.answer.protocol import Draft
from assistant.answer.render import quote_block
from assistant.formatting import Lang, label, not_covered
from assistant.llm.checks import cited_ids
from assistant.llm.prompts import Source
from assistant.sources.corpus import Corpus
from assistant.types import Gap

SOURCES_HEADING: dict[Lang, str] = {"nb": "Kilder:", "en": "Sources:"}
# A source list the model wrote itself despite the prompt: we drop it and show our own.
MODEL_SOURCE_LIST = re.compile(
    r"\n[ \t]*[#*_]*(?:kilder|kildene|sources|referanser|references)[*_]*[ \t]*:?[*_]*[ \t]*\n.*\Z",
    re.IGNORECASE | re.DOTALL,
)


def clean_body(text: str) -> str:
    """The model's prose, trimmed, without a trailing source list of its own."""
    return MODEL_SOURCE_LIST.sub("", text.strip()).strip()


def source_entry(source: Source, corpus: Corpus, lang: Lang) -> str:
    if source.law is not None:
        return f"[{source.id}] {quote_block(source.law, corpus, lang)}"
    return f"[{source.id}] {label('faq', lang)} «{source.citation.question}»"  # type: ignore[union-attr]


def render_tail(body: str, sources: list[Source], gaps: list[Gap], corpus: Corpus, lang: Lang) -> str:
    """What follows the prose: the cited sources (our records, in id order) and the gaps."""
    ids = set(cited_ids(body))
    entries = [source_entry(s, corpus, lang) for s in sources if s.id in ids]
    parts = [SOURCES_HEADING[lang] + "\n" + "\n\n".join(entries)] if entries else []
    parts.extend(not_covered(f"{g.law_name} § {g.section}", g.url, lang, reason=g.reason) for g in gaps)
    return "".join(f"\n\n{p}" for p in parts)


def render_answer(body: str, sources: list[Source], gaps: list[Gap], corpus: Corpus, lang: Lang) -> Draft:
    """The Draft of a verified answer; its citations are the records of the ids the prose cites."""
    ids = set(cited_ids(body))
    return Draft(
        text=body + render_tail(body, sources, gaps, corpus, lang),
        citations=[s.citation for s in sources if s.id in ids],
        gaps=list(gaps),
        abstained=False,
        mode="llm",
    )

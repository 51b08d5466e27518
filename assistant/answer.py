"""The extractive answerer: it quotes the FAQ and the law and writes nothing of its own but labels.

An answer leads with a short answer ("Kort svar"): the first sentence or two of what answers the question
(the answering ledd when the law leads, else the FAQ answer), cut at a sentence boundary, never rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.evidence import LEDD_PREFIX, Evidence, Thresholds, faq_citation, select_evidence
from assistant.formatting import Lang, format_date, label, missing_section, not_covered, out_of_scope
from assistant.retrieval import RetrievalResult
from assistant.text import lead_sentences, split_for_streaming
from assistant.types import Citation, Contents, Gap, LawCitation


@dataclass
class Draft:
    """An answer before timing and ids: its text, short answer, citations and gaps."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractive"
    short_answer: str = ""
    contents: Contents | None = None


@dataclass(frozen=True)
class AnswerEvent:
    """One event of an answer as it is made: 'sources' (the citations offered), 'delta' (a str piece of the
    text), 'replace' ({'text', 'reason'}: the text so far is withdrawn), and last 'draft' (the final Draft)."""

    kind: str
    data: Any


class Answerer(Protocol):
    """Every answerer, extractive or generating: the service calls these and nothing else."""

    name: str

    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        """A standalone version of a follow-up question, or None to use the lexical condensation."""
        ...

    def answer(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Draft: ...

    def stream(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Iterator[AnswerEvent]: ...


def quote_block(citation: LawCitation, corpus: Corpus, lang: Lang) -> str:
    """The quote in «», with the list's lead-in before a lettered item, then the pinpoint reference."""
    quote = citation.quote
    if citation.letter and citation.ledd is not None:
        ledd = corpus.laws[citation.law_id].sections[citation.section].ledd_no(citation.ledd)
        lead = LEDD_PREFIX.sub("", ledd.text.split("\n", 1)[0]) if ledd else ""
        quote = f"{lead} […] {citation.letter}. {quote}" if lead else quote
    lines = [f"«{quote}»", f"– {citation.ref} ({format_date(citation.version_date, lang)}): {citation.url}"]
    if citation.punktum and citation.ledd is not None:  # the sentence asked for, then its ledd as context
        ledd = corpus.laws[citation.law_id].sections[citation.section].ledd_no(citation.ledd)
        lines.append(f"{label('context', lang)} «{LEDD_PREFIX.sub('', ledd.text)}»" if ledd else "")
    if citation.note:
        lines.append(f"{label('note', lang)} {citation.note}")
    return "\n".join(lines)


def _law_part(evidence: Evidence, corpus: Corpus, lang: Lang) -> str:
    heading = label("lookup" if evidence.lookup else "law", lang)
    quotes = [quote_block(c, corpus, lang) for c in evidence.citations]
    if evidence.more_citations:
        law = corpus.laws[evidence.citations[-1].law_id]
        quotes.append(label("more_citations", lang).format(n=evidence.more_citations, url=law.url))
    return heading + "\n" + "\n\n".join(quotes)


def contents_text(contents: Contents, lang: Lang) -> str:
    """A table of contents as text: the chapters of a law, or a chapter's sections with their links."""
    date = format_date(contents.version_date, lang)
    if contents.chapter is None:
        head = f"{label('contents', lang)} {contents.law_name} ({date}): {contents.url}"
        chapters: dict[str | None, list[str]] = {}
        titles: dict[str | None, str | None] = {}
        for entry in contents.sections:
            chapters.setdefault(entry.chapter, []).append(entry.section)
            titles[entry.chapter] = entry.chapter_title
        lines = [
            f"{label('chapter', lang)} {ch} {titles[ch] or ''} (§§ {s[0]}–{s[-1]})".replace("  ", " ")
            for ch, s in chapters.items()
        ]
        return head + "\n" + "\n".join(lines)
    head = (
        f"{contents.law_name} {label('chapter', lang).lower()} {contents.chapter} {contents.chapter_title or ''}"
        f" ({date}):"
    ).replace("  ", " ")
    if contents.reader:
        return f"{head} {label('reader', lang).format(n=len(contents.sections), url=contents.url)}"
    return (
        head
        + "\n"
        + "\n".join(
            f"§ {e.section} {e.title or ''}{' (opphevet)' if e.repealed else ''}: {e.url}"
            for e in contents.sections
        )
    )


def short_answer(evidence: Evidence, body: list[str]) -> str:
    """The answer's lead: the answering ledd's or the FAQ answer's first sentences; else the first part."""
    if evidence.citations and (evidence.law_first or evidence.faq is None):
        first = evidence.citations[0]
        return lead_sentences(first.quote) + f" ({first.ref})"
    if evidence.faq is not None:
        return lead_sentences(evidence.faq.answer.replace("•", " ").strip())
    return lead_sentences(body[0].split("\n", 1)[0]) if body else ""


def render(evidence: Evidence, corpus: Corpus, lang: Lang) -> Draft:
    """Lay the evidence out as text: the leading source (law or FAQ), the other, then gaps and missing §§."""
    parts: list[str] = [missing_section(name, section, url, lang) for name, section, url in evidence.missing]
    faq = f"{label('faq', lang)}\n{evidence.faq.answer}" if evidence.faq is not None else None
    law = _law_part(evidence, corpus, lang) if evidence.citations else None
    ordered = [law, faq] if evidence.law_first else [faq, law]
    parts += [p for p in ordered if p]
    if evidence.contents is not None:
        parts.append(contents_text(evidence.contents, lang))
    for gap in evidence.gaps:
        parts.append(not_covered(f"{gap.law_name} § {gap.section}", gap.url, lang, reason=gap.reason))
    citations: list[Citation] = []
    if evidence.law_first:
        citations.extend(evidence.citations)
    if evidence.faq is not None:
        citations.append(faq_citation(evidence.faq))
    if not evidence.law_first:
        citations.extend(evidence.citations)
    abstained = evidence.faq is None and not evidence.citations and evidence.contents is None
    if evidence.out_of_scope is not None:
        parts.append(out_of_scope(evidence.out_of_scope, corpus.provider, lang))
    elif evidence.unstated is not None:
        parts.append(evidence.unstated.en if lang == "en" else evidence.unstated.nb)
    if abstained and not evidence.missing and not evidence.gaps and evidence.out_of_scope is None:
        parts.append(label("abstain", lang))
    return Draft(
        text="\n\n".join(parts),
        citations=citations,
        gaps=list(evidence.gaps),
        abstained=abstained,
        short_answer=short_answer(evidence, parts),
        contents=evidence.contents,
    )


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, *, corpus: Corpus, thresholds: Thresholds | None = None):
        self.corpus = corpus
        self.thresholds = thresholds or Thresholds()

    def condense(self, question: str, history: Sequence[str], *, deadline: float | None = None) -> str | None:
        return None  # the service condenses follow-ups lexically

    def answer(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,  # quoting takes no time worth a deadline
        max_chars: int | None = None,  # the quotes are the answer: never cut
    ) -> Draft:
        return render(select_evidence(self.corpus, result, self.thresholds), self.corpus, lang)

    def stream(
        self,
        question: str,
        result: RetrievalResult,
        *,
        lang: Lang,
        deadline: float | None = None,
        max_chars: int | None = None,
    ) -> Iterator[AnswerEvent]:
        """The answer's citations, then its text in word-boundary pieces, then the Draft."""
        draft = self.answer(question, result, lang=lang)
        yield AnswerEvent("sources", draft.citations)
        for piece in split_for_streaming(draft.text):
            yield AnswerEvent("delta", piece)
        yield AnswerEvent("draft", draft)


def make_answerer(settings: Settings, *, corpus: Corpus) -> Answerer:
    """The extractive answerer, or the LLM answerer when HMS_LLM is set (its model is built now, so a bad
    HMS_LLM fails at start with assistant.llm.provider.LLMConfigError)."""
    if not settings.llm:
        return ExtractiveAnswerer(corpus=corpus)
    from assistant.llm.answerer import LLMAnswerer  # LangChain is imported only when an LLM is configured

    return LLMAnswerer.from_settings(settings, corpus=corpus)

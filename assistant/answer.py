"""The extractive answerer: it quotes the FAQ and the law and writes nothing of its own but labels."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.evidence import LEDD_PREFIX, Evidence, Thresholds, faq_citation, select_evidence
from assistant.formatting import Lang, format_date, label, missing_section, not_covered
from assistant.retrieval import RetrievalResult
from assistant.text import split_for_streaming
from assistant.types import Citation, Gap, LawCitation


@dataclass
class Draft:
    """An answer before timing and ids: its text (without the disclaimer), citations and gaps."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    abstained: bool = False
    mode: str = "extractive"


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
    if citation.note:
        lines.append(f"{label('note', lang)} {citation.note}")
    return "\n".join(lines)


def render(evidence: Evidence, corpus: Corpus, lang: Lang) -> Draft:
    """Lay the evidence out as text: FAQ answer, then law quotes, then gaps and missing sections."""
    parts: list[str] = []
    for law_name, section, url in evidence.missing:
        parts.append(missing_section(law_name, section, url, lang))
    if evidence.faq is not None:
        parts.append(f"{label('faq', lang)}\n{evidence.faq.answer}")
    if evidence.citations:
        heading = label("lookup" if evidence.lookup else "law", lang)
        quotes = [quote_block(c, corpus, lang) for c in evidence.citations]
        parts.append(heading + "\n" + "\n\n".join(quotes))
    for gap in evidence.gaps:
        parts.append(not_covered(f"{gap.law_name} § {gap.section}", gap.url, lang, reason=gap.reason))
    citations: list[Citation] = []
    if evidence.faq is not None:
        citations.append(faq_citation(evidence.faq))
    citations.extend(evidence.citations)
    abstained = evidence.faq is None and not evidence.citations
    if evidence.unstated is not None:
        parts.append(evidence.unstated.en if lang == "en" else evidence.unstated.nb)
    if abstained and not evidence.missing and not evidence.gaps:
        parts.append(label("abstain", lang))
    return Draft(text="\n\n".join(parts), citations=citations, gaps=list(evidence.gaps), abstained=abstained)


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

"""Evidence as answer text: the quotes in «» with their pinpoint references, a table of contents, and the short
answer ("Kort svar"): the first sentence or two of what answers the question (the answering ledd when the law
leads, else the FAQ answer), cut at a sentence boundary, never rewritten."""

from __future__ import annotations

from assistant.answer.protocol import Draft
from assistant.evidence.select import LEDD_PREFIX, Evidence, faq_citation
from assistant.formatting import Lang, format_date, label, missing_section, not_covered, out_of_scope
from assistant.sources.corpus import Corpus
from assistant.text import lead_sentences
from assistant.types import Citation, Contents, LawCitation


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

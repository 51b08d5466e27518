"""Chunk the corpus along its legal structure: a law chunk per ledd (a short section stays whole), an FAQ
chunk per entry with its questions, one small record per FAQ question, and one per question of the law's
question index (pointing to its § and ledd), for question-to-question matching, and one per out-of-scope
exemplar (assistant.sources.outside).

Every law chunk records its character span in the section text, so a quote taken from it is an exact
substring of the law by construction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.sources.corpus import Corpus
from assistant.sources.outside import OutsideExample
from assistant.types import Chunk, FaqEntry, Law, LawQuestion, Section

SHORT_SECTION_CHARS = 500
MAX_CHUNK_CHARS = 1500

_splitter = RecursiveCharacterTextSplitter(
    chunk_size=1200, chunk_overlap=150, separators=["\n", ". ", "; ", ", ", " "], keep_separator="end"
)


def _id(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
    return f"{parts[0]}:{parts[1]}:{digest}"


def section_heading(law: Law, section: Section) -> str:
    name = f"{law.short_name} ({law.abbreviation})" if law.abbreviation else law.short_name
    head = f"{name} § {section.section}"
    if section.title:
        head += f" {section.title}"
    if section.chapter_title:
        head += f". Kapittel {section.chapter}: {section.chapter_title}"
    return head


def _spans(section: Section) -> Iterator[tuple[int, int, int]]:
    """(ledd number or 0 for the whole section, start, end) spans of section.text to index."""
    if (
        len(section.text) <= SHORT_SECTION_CHARS
        or len(section.ledd) <= 1
        and len(section.text) <= MAX_CHUNK_CHARS
    ):
        yield 0, 0, len(section.text)
        return
    cursor = 0
    for ledd in section.ledd:
        start = section.text.index(ledd.text, cursor)
        end = start + len(ledd.text)
        cursor = end
        if not ledd.complete:
            continue  # a cut-off ledd is not quoted
        if len(ledd.text) <= MAX_CHUNK_CHARS:
            yield ledd.number, start, end
            continue
        part_cursor = start
        for part in _splitter.split_text(ledd.text):
            p_start = section.text.index(part, part_cursor - 200 if part_cursor > start + 200 else start)
            yield ledd.number, p_start, p_start + len(part)
            part_cursor = p_start + len(part)


# a section whose text is only a lead-in to amendments printed elsewhere ('Fra lovens ikrafttredelse gjøres følgende
# endringer i andre lover: – – –', aml § 20-3): nothing to answer a question with, though a look-up still quotes it
ELIDED = re.compile(r"^[^.]{0,200}:\s*(– – –|- - -|\.\.\.)\s*$")


def law_chunks(law: Law) -> Iterator[Chunk]:
    for section in law.sections.values():
        if section.repealed or not section.text.strip() or ELIDED.match(section.text.strip()):
            continue
        heading = section_heading(law, section)
        for ledd, start, end in _spans(section):
            body = section.text[start:end]
            text = f"{heading}\n{body}"
            yield Chunk(
                id=_id("law", f"{law.law_id}/{section.section}/{ledd}/{start}", text),
                kind="law",
                text=text,
                metadata={
                    "kind": "law",
                    "key": f"{law.law_id}:{section.section}",
                    "law_id": law.law_id,
                    "section": section.section,
                    "ledd": ledd,
                    "start": start,
                    "end": end,
                    "title": section.title or "",
                    "chapter": section.chapter or "",
                },
            )


def faq_chunks(entry: FaqEntry) -> Iterator[Chunk]:
    questions = "\n".join(entry.questions)
    text = f"{questions}\n{entry.answer}"
    base = {"key": f"faq:{entry.id}", "faq_id": entry.id, "topic": entry.topic, "entry_kind": entry.kind}
    yield Chunk(id=_id("faq", entry.id, text), kind="faq", text=text, metadata={"kind": "faq", **base})
    for n, question in enumerate(entry.questions):
        yield Chunk(
            id=_id("faq_q", f"{entry.id}/{n}", question),
            kind="faq",
            text=question,
            metadata={"kind": "faq_q", **base},
        )


def law_question_chunk(question: LawQuestion) -> Chunk:
    key = f"{question.law_id}:{question.section}"
    return Chunk(
        id=_id("law_q", f"{key}/{question.ledd or 0}", question.text),
        kind="law",
        text=question.text,
        metadata={
            "kind": "law_q",
            "key": key,
            "law_id": question.law_id,
            "section": question.section,
            "ledd": question.ledd or 0,
            "case": question.case,
        },
    )


def outside_chunk(example: OutsideExample) -> Chunk:
    """An out-of-scope exemplar: matched question to question, like the FAQ's and the law's questions."""
    return Chunk(
        id=_id("outside_q", example.domain, example.text),
        kind="outside",
        text=example.text,
        metadata={
            "kind": "outside_q",
            "key": f"outside:{example.domain}",
            "domain": example.domain,
            "topic_nb": example.topic_nb,
            "topic_en": example.topic_en,
        },
    )


def corpus_chunks(corpus: Corpus) -> list[Chunk]:
    chunks: list[Chunk] = []
    for law in corpus.laws.values():
        chunks.extend(law_chunks(law))
    for entry in corpus.faq.values():
        chunks.extend(faq_chunks(entry))
    chunks.extend(law_question_chunk(q) for q in corpus.law_questions)
    chunks.extend(outside_chunk(e) for e in corpus.outside)
    return chunks

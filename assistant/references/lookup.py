"""Verbatim section lookups and tables of contents, straight from the corpus (no retrieval involved)."""

from __future__ import annotations

import re

from assistant.formatting import capitalized
from assistant.references.parse import normalize_section
from assistant.sources.corpus import Corpus
from assistant.types import (
    Contents,
    ContentsEntry,
    ItemView,
    Law,
    LeddView,
    Section,
    SectionView,
    TableOfContents,
)

_SECTION = re.compile(r"^\s*§*\s*(\d{1,3})(?:\s?([A-Za-z])(?=\s?-))?(?:\s?-\s?(\d{1,3}))?(?:\s?([a-z]))?\s*$")


def format_ref(corpus: Corpus, law_id: str, section: str, ledd: int | None, letter: str | None) -> str:
    law = corpus.laws[law_id]
    sec = law.sections.get(section)
    ref = f"{law.label} § {section}"
    if ledd is not None and (sec is None or sec.numbered_ledd):
        ref += f" ({ledd})"
    if letter:
        ref += f" {letter}"
    return ref


class UnknownLaw(LookupError):
    pass


class UnknownSection(LookupError):
    def __init__(self, message: str, *, not_covered: bool = False, url: str = ""):
        super().__init__(message)
        self.not_covered = not_covered
        self.url = url


def parse_section_number(text: str) -> str | None:
    """'3-5', '§3-5', '2a-1', '2 A-1', '14-1a' -> the corpus form; None if it is not a section number."""
    match = _SECTION.match(text)
    return normalize_section(*match.groups()) if match else None


def find_law(corpus: Corpus, law_name: str) -> Law:
    law = corpus.law(law_name)
    if law is None:
        raise UnknownLaw(f"Ukjent lov eller forskrift: {law_name!r}. Prøv «aml» eller lovens navn.")
    return law


def contents_entry(section: Section) -> ContentsEntry:
    """One line of a table of contents: the §, its title, chapter and link (the reader's and the answers')."""
    return ContentsEntry(
        section=section.section,
        title=section.title,
        url=section.url,
        repealed=section.repealed,
        chapter=section.chapter,
        chapter_title=section.chapter_title,
    )


def table_of_contents(corpus: Corpus, law_name: str) -> TableOfContents:
    law = find_law(corpus, law_name)
    return TableOfContents(
        law_id=law.law_id,
        law_name=law.short_name,
        title=law.title,
        version_date=law.version_date,
        url=law.url,
        complete=law.complete,
        sections=[contents_entry(s) for s in law.sections.values()],
        not_covered=law.not_covered,
    )


def section_view(corpus: Corpus, law_name: str, section: str) -> SectionView:
    law = find_law(corpus, law_name)
    number = parse_section_number(section)
    if number is None:
        raise UnknownSection(f"«{section}» er ikke et paragrafnummer (skriv for eksempel 3-5).")
    if number not in law.sections and number[-2:-1] == " " and number[:-2] in law.sections:
        number = number[:-2]
    sec = law.sections.get(number)
    if sec is None:
        if not law.complete or number in law.not_covered:
            raise UnknownSection(
                f"Teksten til {law.short_name} § {number} finnes ikke i kildene mine. Se Lovdata.",
                not_covered=True,
                url=law.section_url(number),
            )
        raise UnknownSection(f"{capitalized(law.short_name)} har ingen § {number}.", url=law.url)
    return SectionView(
        law_id=law.law_id,
        law_name=law.short_name,
        ref=format_ref(corpus, law.law_id, sec.section, None, None),
        section=sec.section,
        title=sec.title,
        chapter=sec.chapter,
        chapter_title=sec.chapter_title,
        text=sec.text,
        ledd=[
            LeddView(
                number=d.number,
                text=d.text,
                complete=d.complete,
                items=[ItemView(letter=i.letter, text=i.text) for i in d.items],
            )
            for d in sec.ledd
        ],
        url=sec.url,
        version_date=sec.version_date,
        repealed=sec.repealed,
        complete=sec.complete,
        caution=sec.caution,
    )


READER_THRESHOLD = 20  # a chapter with more sections than this is linked to the law reader, not listed


def contents(corpus: Corpus, law_id: str, chapter: str | None = None) -> Contents:
    """A law's (or one chapter's) table of contents: titles and links, no text."""
    law = corpus.laws[law_id]
    sections = [
        s
        for s in law.sections.values()
        if chapter is None or (s.chapter or "").replace(" ", "").upper() == chapter
    ]
    first = sections[0] if sections else None
    return Contents(
        law_id=law.law_id,
        law_name=law.short_name,
        title=law.title,
        chapter=chapter,
        chapter_title=first.chapter_title if chapter and first else None,
        url=law.url,
        version_date=law.version_date,
        sections=[contents_entry(s) for s in sections],
        reader=len(sections) > READER_THRESHOLD,
    )

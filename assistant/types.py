"""The records the whole project shares: law sections, FAQ entries, chunks, citations, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class Item:
    """One list item inside a ledd; ``letter`` is None where the source gives no confirmed letter."""

    text: str
    letter: str | None = None


@dataclass(frozen=True)
class Ledd:
    number: int
    text: str
    items: tuple[Item, ...] = ()
    complete: bool = True


@dataclass(frozen=True)
class Section:
    law_id: str
    section: str
    title: str | None
    text: str
    ledd: tuple[Ledd, ...]
    chapter: str | None = None
    chapter_title: str | None = None
    url: str = ""
    version_date: str | None = None
    numbered_ledd: bool = True
    repealed: bool = False
    complete: bool = True
    caution: str | None = None

    def ledd_no(self, number: int) -> Ledd | None:
        return next((ledd for ledd in self.ledd if ledd.number == number), None)


@dataclass(frozen=True)
class Law:
    law_id: str
    kind: Literal["lov", "forskrift"]
    title: str
    short_name: str
    abbreviation: str | None
    aliases: tuple[str, ...]
    version_date: str | None
    url: str
    sections: dict[str, Section]
    not_covered: dict[str, str] = field(default_factory=dict)
    complete: bool = True

    def section_url(self, section: str) -> str:
        return f"{self.url}/§{section.replace(' ', '').lower()}"

    @property
    def label(self) -> str:
        """The short form used in a pinpoint reference: 'aml', or the short name."""
        return self.abbreviation or self.short_name


@dataclass(frozen=True)
class FaqRef:
    law_id: str
    section: str
    ledd: int | None = None
    letter: str | None = None
    cited_as: str = ""  # the words of the answer that make the reference ("Arbeidsmiljøloven § 3-5")
    evidence: str = ""  # for a ref the answer rests on without naming it: a verbatim excerpt of the §


@dataclass(frozen=True)
class FaqEntry:
    id: str
    kind: Literal["faq", "role", "service"]
    topic: str
    question: str
    phrasings: tuple[str, ...]
    english: tuple[str, ...]
    answer: str
    refs: tuple[FaqRef, ...] = ()  # the references the answer makes
    rests_on: tuple[FaqRef, ...] = ()  # the law the answer rests on without naming it
    # For an entry about one situation (the only employee of an AS, an ENK, changing jobs): patterns the question
    # must all match (case and æøå folded) for the entry to answer it. Empty: the entry is about no one situation.
    only_when: tuple[str, ...] = ()
    # Patterns of questions the entry does not answer although its words are close: "er kursbeviset fortsatt
    # gyldig?" is about how long a course counts (kurs-gyldighet), not about what the certificate shows.
    not_when: tuple[str, ...] = ()
    # Patterns (all must match) of questions the entry answers before its close neighbours, and before the law:
    # "kan jeg ta testen i to omganger?" is the course duration entry's, though other course entries and aml
    # § 10-9 (pauses) are as close in words.
    answers_when: tuple[str, ...] = ()

    @property
    def law_basis(self) -> tuple[FaqRef, ...]:
        return (*self.refs, *self.rests_on)

    @property
    def questions(self) -> tuple[str, ...]:
        return (self.question, *self.phrasings, *self.english)


@dataclass(frozen=True)
class LawQuestion:
    """A question people ask that a § (and ledd) answers: the law's question index, written from its text.
    case: the question starts from a case at work (a manager's or a verneombud's)."""

    law_id: str
    section: str
    text: str
    ledd: int | None = None
    case: bool = False


@dataclass(frozen=True)
class Chunk:
    """One unit of the index: a ledd (or a short section) of a law, or one FAQ entry."""

    id: str
    kind: Literal["law", "faq", "outside"]
    text: str
    metadata: dict[str, str | int | float | bool]

    @property
    def key(self) -> str:
        """The section or FAQ entry the chunk belongs to (for grouping hits)."""
        return str(self.metadata["key"])


class LawCitation(BaseModel):
    kind: Literal["law"] = "law"
    law_id: str
    law_name: str
    section: str
    ledd: int | None = None
    letter: str | None = None
    punktum: int | None = (
        None  # the sentence of the ledd asked for ("andre punktum"); the quote is that sentence
    )
    ref: str
    url: str
    quote: str
    version_date: str | None = None
    title: str | None = None
    note: str | None = None


class FaqCitation(BaseModel):
    kind: Literal["faq"] = "faq"
    faq_id: str
    question: str


Citation = LawCitation | FaqCitation


class ContentsEntry(BaseModel):
    section: str
    title: str | None
    url: str
    repealed: bool = False
    chapter: str | None = None
    chapter_title: str | None = None


class Contents(BaseModel):
    """A law's or a chapter's table of contents: the answer to 'arbeidsmiljøloven' or 'aml kap. 3'. ``reader``
    is true when there are too many sections to list in an answer (link to the law reader instead)."""

    law_id: str
    law_name: str
    title: str
    chapter: str | None = None
    chapter_title: str | None = None
    url: str
    version_date: str | None = None
    sections: list[ContentsEntry] = Field(default_factory=list)
    reader: bool = False


class Gap(BaseModel):
    """A source the answer needs but the corpus does not hold; the answer links to it instead."""

    law_id: str
    law_name: str
    section: str
    url: str
    reason: str


class Answer(BaseModel):
    """The CLI's JSON contract; the web and Slack front ends render this."""

    question: str
    answer: str
    abstained: bool
    short_answer: str = ""  # "Kort svar": the lead sentence(s) of what answers, cut from the sources
    law_as_of: str | None = None
    latency_ms: float = 0.0
    citations: list[LawCitation | FaqCitation] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    contents: Contents | None = None  # the table of contents, when a whole law or a chapter was asked for
    answer_id: str = ""
    language: Literal["nb", "en"] = "nb"
    mode: str = "extractive"
    disclaimer: str = ""
    request_id: str | None = None


class ItemView(BaseModel):
    letter: str | None
    text: str


class LeddView(BaseModel):
    number: int
    text: str
    items: list[ItemView] = Field(default_factory=list)
    complete: bool = True


class SectionView(BaseModel):
    """A section verbatim, for HR's lookups (GET /api/laws/{law}/{section}, `/hms § 3-5`)."""

    law_id: str
    law_name: str
    ref: str
    section: str
    title: str | None
    chapter: str | None
    chapter_title: str | None
    text: str
    ledd: list[LeddView]
    url: str
    version_date: str | None
    repealed: bool = False
    complete: bool = True
    caution: str | None = None


class TableOfContents(BaseModel):
    law_id: str
    law_name: str
    title: str
    version_date: str | None
    url: str
    complete: bool
    sections: list[ContentsEntry]
    not_covered: dict[str, str] = Field(default_factory=dict)


class SearchHit(BaseModel):
    kind: Literal["faq", "law"]
    key: str
    score: float
    title: str
    url: str | None = None
    faq_id: str | None = None
    law_id: str | None = None
    section: str | None = None
    snippet: str = ""

"""Every §, ledd and letter an answer names must exist and be part of the evidence it cites.

A § is covered by a cited law passage of that section, by a cited FAQ entry that refers to it, or by a cited
source that names it. A ledd or a letter is covered only by a cited law passage that contains it, or by a
cited source that names that very ledd: an FAQ entry citing § 3-5 does not make "§ 3-5 andre ledd" true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.evidence.select import LEDD_PREFIX
from assistant.llm.prompts import Source
from assistant.llm.units import QUOTED, Problem, sentences
from assistant.references.parse import ParsedRef, ReferenceParser
from assistant.references.resolve import ResolvedRef, resolve_refs
from assistant.sources.corpus import Corpus
from assistant.types import Section

ORDINALS = {
    "første": 1,
    "andre": 2,
    "annet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "sjuende": 7,
    "syvende": 7,
    "åttende": 8,
    "niende": 9,
    "tiende": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
}
BARE_LEDD = re.compile(
    rf"\b(?P<word>{'|'.join(ORDINALS)})\s+(?:ledd|paragraph|subsection)\b|\b(?P<num>\d{{1,2}})\.\s+ledd\b"
    r"|\bledd\s+(?P<after>\d{1,2})\b|(?:\bog|\band|,)\s+\((?P<paren>\d{1,2})\)",
    re.IGNORECASE,
)
BARE_LETTER = re.compile(r"\b(?:bokstav|letter|litra)\s+(?P<letter>[a-zæøå])\b", re.IGNORECASE)

Key = tuple[str, str]  # (law id, section)


@dataclass
class Coverage:
    """What the cited sources contain: sections, and the ledd / (ledd, letter) pairs of each."""

    sections: set[Key] = field(default_factory=set)
    ledds: dict[Key, set[int]] = field(default_factory=dict)
    letters: dict[Key, set[tuple[int, str]]] = field(default_factory=dict)

    def add_ledd(self, key: Key, ledd: int, letters: set[tuple[int, str]]) -> None:
        self.sections.add(key)
        self.ledds.setdefault(key, set()).add(ledd)
        self.letters.setdefault(key, set()).update(letters)


def _sections(refs: list[ResolvedRef]) -> list[ResolvedRef]:
    """The §§ among the references: a chapter or a whole law ("kapittel 2", "arbeidsmiljøloven") is no pinpoint."""
    return [r for r in refs if r.kind == "section"]


def _letters(section: Section, ledd: int) -> set[tuple[int, str]]:
    found = section.ledd_no(ledd)
    return {(ledd, i.letter) for i in found.items if i.letter} if found else set()


def _passage_ledds(section: Section, quote: str) -> list[int]:
    """The ledds a quote of a section contains (a whole section, a ledd, or a span across ledds)."""
    out = []
    for ledd in section.ledd:
        text = LEDD_PREFIX.sub("", ledd.text)
        if text in quote or quote in text or text[:60] in quote:
            out.append(ledd.number)
    return out


class Pinpoints:
    """Checks the §§, ledds and letters named in an answer against the cited sources; built once per corpus."""

    def __init__(self, corpus: Corpus, parser: ReferenceParser):
        self.corpus = corpus
        self.parser = parser

    def coverage(self, cited: list[Source]) -> Coverage:
        cover = Coverage()
        for source in cited:
            law = source.law
            if law is not None:
                key = (law.law_id, law.section)
                section = self.corpus.laws[law.law_id].sections[law.section]
                cover.sections.add(key)
                if law.ledd is not None:
                    letters = {(law.ledd, law.letter)} if law.letter else _letters(section, law.ledd)
                    cover.add_ledd(key, law.ledd, letters)
                else:
                    for number in _passage_ledds(section, law.quote):
                        cover.add_ledd(key, number, _letters(section, number))
            if source.faq is not None:
                for ref in source.faq.refs:
                    cover.sections.add((ref.law_id, ref.section))
                    if ref.ledd is not None:
                        cover.add_ledd(
                            (ref.law_id, ref.section),
                            ref.ledd,
                            {(ref.ledd, ref.letter)} if ref.letter else set(),
                        )
            for named in _sections(resolve_refs(self.corpus, self.parser.parse(source.text))):
                cover.sections.add((named.law_id, named.section))
                if named.ledd is not None:
                    letters = {(named.ledd, named.letter)} if named.letter else set()
                    cover.add_ledd((named.law_id, named.section), named.ledd, letters)
        return cover

    def check(self, text: str, cited: list[Source]) -> list[Problem]:
        """Problems with the §§, ledds and letters in the answer's own words (quotes are the sources' words,
        and are checked to be verbatim elsewhere)."""
        cover = self.coverage(cited)
        said = " ".join(s.text.casefold() for s in cited)
        problems: list[Problem] = []
        for sentence in sentences(QUOTED.sub(" ", text)):
            parsed = self.parser.parse(sentence)
            problems.extend(_other_laws(sentence, parsed, said))
            refs = _sections(resolve_refs(self.corpus, parsed))
            for ref in refs:
                problems.extend(self._named(sentence, ref, cover))
            refs = [r for r in refs if r.status == "found"]
            problems.extend(self._bare(sentence, refs, cited, cover, said))
        return problems

    def _named(self, sentence: str, ref: ResolvedRef, cover: Coverage) -> list[Problem]:
        key = (ref.law_id, ref.section)
        mentioned = sentence[ref.ref.span[0] : ref.ref.span[1]].strip()
        label = f"{self.corpus.laws[ref.law_id].label} § {ref.section}"
        if key not in cover.sections:
            return [
                Problem(
                    "uncited_section",
                    f"It mentions {mentioned} ({label}), but no cited source is that section. Mention only "
                    "sections that a cited source contains.",
                )
            ]
        if ref.status != "found":
            return []  # a section the corpus lacks, named by a cited source: nothing more to check
        ledd = ref.ref.ledd if ref.ref.ledd is not None else ref.ledd
        letter = ref.ref.letter or ref.letter
        return self._ledd(label, mentioned, key, ledd, letter, cover)

    def _ledd(
        self, label: str, mentioned: str, key: Key, ledd: int | None, letter: str | None, cover: Coverage
    ) -> list[Problem]:
        section = self.corpus.laws[key[0]].sections[key[1]]
        if ledd is None and letter is not None:
            owners = [n for n in cover.ledds.get(key, set()) if (n, letter) in _letters(section, n)]
            ledd = owners[0] if owners else None
        if ledd is not None and section.ledd_no(ledd) is None:
            return [Problem("wrong_ledd", f"It mentions {mentioned}, but {label} has no ledd {ledd}.")]
        if letter is not None and (ledd is None or (ledd, letter) not in _letters(section, ledd)):
            return [
                Problem("wrong_ledd", f"It mentions {mentioned}, but {label} has no letter {letter} there.")
            ]
        if ledd is not None and ledd not in cover.ledds.get(key, set()):
            return [
                Problem(
                    "wrong_ledd",
                    f"It mentions {mentioned}, but the cited source is another ledd of {label}. Name only the "
                    "ledd the cited source is.",
                )
            ]
        if letter is not None and (ledd, letter) not in cover.letters.get(key, set()):
            return [Problem("wrong_ledd", f"It mentions {mentioned}, but no cited source is that letter.")]
        return []

    def _bare(
        self, sentence: str, refs: list[ResolvedRef], cited: list[Source], cover: Coverage, said: str
    ) -> list[Problem]:
        """'andre ledd', 'bokstav b' or 'og (2)' outside a § reference: the § before it, else a cited passage."""
        spans = [r.ref.span for r in refs]
        mentions: list[tuple[int, str, int | None, str | None]] = []
        for m in BARE_LEDD.finditer(sentence):
            if m.group("paren") and not any(r.ref.span[1] <= m.start() for r in refs):
                continue  # '(2)' without a § before it is an enumeration, not a ledd
            word = m.group("word")
            number = (
                ORDINALS[word.lower()]
                if word
                else int(m.group("num") or m.group("after") or m.group("paren"))
            )
            mentions.append((m.start(), m.group(0).strip(" ,"), number, None))
        for m in BARE_LETTER.finditer(sentence):
            mentions.append((m.start(), m.group(0), None, m.group("letter").lower()))
        problems: list[Problem] = []
        for start, mentioned, ledd, letter in mentions:
            if any(a <= start < b for a, b in spans) or mentioned.casefold() in said:
                continue  # part of a § reference (checked with it), or the cited source's own words
            before = [r for r in refs if r.ref.span[1] <= start]
            if before:
                keys = [(before[-1].law_id, before[-1].section)]
            else:
                keys = [(s.law.law_id, s.law.section) for s in cited if s.law is not None]
            found = [self._ledd(f"§ {k[1]}", mentioned, k, ledd, letter, cover) for k in keys]
            if not found or all(found):
                problems.append(
                    found[0][0]
                    if found
                    else Problem(
                        "wrong_ledd", f"It mentions {mentioned}, but cites no law passage that has it."
                    )
                )
        return problems


def _other_laws(sentence: str, parsed: list[ParsedRef], said: str) -> list[Problem]:
    """A § of a law we do not hold ('folketrygdloven § 8-7'), unless a cited source names it too."""
    problems = []
    for ref in parsed:
        mentioned = sentence[ref.span[0] : ref.span[1]].strip()
        if ref.other_law and not (ref.other_law in said and mentioned.casefold() in said):
            problems.append(
                Problem(
                    "uncited_section",
                    f"It mentions {mentioned} of {ref.other_law}, a law that is not among the sources. Mention "
                    "only sections that a cited source contains.",
                )
            )
    return problems

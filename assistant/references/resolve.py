"""References resolved against the corpus: the law each names, and whether the corpus holds what it names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from assistant.references.ledd_parts import list_items, sentences
from assistant.references.parse import ParsedRef

if TYPE_CHECKING:
    from assistant.sources.corpus import Corpus
    from assistant.types import Law

Status = Literal["found", "missing", "not_covered"]
LEDD_NAMES = {
    1: "første",
    2: "andre",
    3: "tredje",
    4: "fjerde",
    5: "femte",
    6: "sjette",
    7: "sjuende",
    8: "åttende",
    9: "niende",
    10: "tiende",
}


@dataclass(frozen=True)
class ResolvedRef:
    """A parsed reference and what the corpus says about it. ``missing`` names what does not exist ("§ 3-5
    femte ledd", "kapittel 25"); ``letter_inferred`` says a letter was counted by its place in a list whose
    letters our source does not print."""

    ref: ParsedRef
    law_id: str
    section: str
    status: Status
    ledd: int | None = None
    letter: str | None = None
    punktum: int | None = None
    kind: str = "section"  # section | chapter | law
    chapter: str | None = None
    missing: str = ""
    letter_inferred: bool = False


def ordinal_name(n: int) -> str:
    return LEDD_NAMES.get(n, f"{n}.")


def _law_for(corpus: Corpus, ref: ParsedRef) -> Law | None:
    law = corpus.laws.get(ref.law_id) if ref.law_id else None
    if law is not None or ref.kind != "section":
        return law or corpus.laws.get(corpus.default_law_id)
    default = corpus.laws.get(corpus.default_law_id)  # no law named: hyphenated numbers are aml's
    if "-" in ref.section or default is None:
        return default
    return next((lw for lw in corpus.laws.values() if ref.section in lw.sections), None) or next(
        (lw for lw in corpus.laws.values() if ref.section in lw.not_covered), default
    )


def _section_range(law: Law, ref: ParsedRef, start: str) -> list[str]:
    numbers = list(law.sections)
    if start not in numbers:
        return [start]
    i = numbers.index(start)
    if ref.following:
        return numbers[i : i + 3]
    end = ref.through
    if end and end in numbers and numbers.index(end) >= i:
        return numbers[i : numbers.index(end) + 1]
    return [start]


def _resolve_section(law: Law, ref: ParsedRef, number: str) -> ResolvedRef:
    def missing(what: str) -> ResolvedRef:
        return ResolvedRef(ref, law.law_id, number, "missing", kind="section", missing=what)

    section, letter = number, ref.letter
    if section not in law.sections and ref.section_alt and ref.section_alt in law.sections:
        section, letter = ref.section_alt, letter or ref.section[-1]
    if section not in law.sections:
        if not law.complete or section in law.not_covered:
            return ResolvedRef(ref, law.law_id, section, "not_covered")
        return missing(f"§ {section}")
    sec = law.sections[section]
    where = f"§ {section}"
    ledd = ref.ledd
    if ledd is not None and sec.ledd_no(ledd) is None:
        return missing(f"{where} {ordinal_name(ledd)} ledd")
    if ledd is not None:
        where += f" {ordinal_name(ledd)} ledd"
    inferred = False
    if letter:
        owners = [
            x
            for x in sec.ledd
            if ledd in (None, x.number) and any(lt == letter for lt, _, _ in list_items(x))
        ]
        if len(owners) != 1:
            return missing(f"{where} bokstav {letter}")
        ledd = owners[0].number
        inferred = next(inf for lt, _, inf in list_items(owners[0]) if lt == letter)
    if ref.punktum:
        target = sec.ledd_no(ledd) if ledd is not None else (sec.ledd[0] if len(sec.ledd) == 1 else None)
        if target is None or ref.punktum > len(sentences(target.text)):
            return missing(f"{where} {ordinal_name(ref.punktum)} punktum")
        ledd = target.number
    found = ResolvedRef(
        ref, law.law_id, section, "found", ledd, letter, ref.punktum, letter_inferred=inferred
    )
    return found


def resolve_refs(corpus: Corpus, parsed: list[ParsedRef]) -> list[ResolvedRef]:
    """Attach each parsed reference to a law and say whether the corpus holds what it names."""
    resolved: list[ResolvedRef] = []
    for ref in parsed:
        law = None if ref.other_law else _law_for(corpus, ref)
        if law is None:
            continue
        if ref.kind == "law":
            resolved.append(ResolvedRef(ref, law.law_id, "", "found", kind="law"))
        elif ref.kind == "chapter":
            chapters = {(s.chapter or "").replace(" ", "").upper() for s in law.sections.values()}
            status: Status = "found" if ref.chapter in chapters else "missing"
            resolved.append(
                ResolvedRef(
                    ref,
                    law.law_id,
                    "",
                    status,
                    kind="chapter",
                    chapter=ref.chapter,
                    missing="" if status == "found" else f"kapittel {ref.chapter}",
                )
            )
        else:
            resolved.extend(_resolve_section(law, ref, n) for n in _section_range(law, ref, ref.section))
    return resolved

"""Reader addresses and the standard Norwegian form of a reference ("arbeidsmiljøloven § 3-5 første ledd")."""

from __future__ import annotations

import re
from urllib.parse import quote

from assistant.sources.corpus import Corpus
from assistant.types import Law

ORDINALS = (
    "første andre tredje fjerde femte sjette sjuende åttende niende tiende ellevte tolvte trettende fjortende "
    "femtende sekstende syttende attende nittende tjuende"
).split()
_NUMBER = re.compile(r"^(\d+)\s?([A-Z]?)(?:-(\d+))?(?:\s?([a-z]))?$")


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}."


def law_slug(law: Law) -> str:
    """The law's name in reader addresses: 'aml', else its first one-word alias, else its Lovdata id."""
    if law.abbreviation:
        return law.abbreviation.lower()
    return next((a for a in law.aliases if re.fullmatch(r"[a-zæøå-]+", a)), law.law_id)


def law_slugs(corpus: Corpus) -> dict[str, str]:
    return {law_id: law_slug(law) for law_id, law in corpus.laws.items()}


def section_slug(section: str) -> str:
    """'2 A-1' -> '2A-1', '14-1 a' -> '14-1a' (the reader reads both forms back)."""
    return section.replace(" ", "")


def ledd_anchor(ledd: int, letter: str | None = None) -> str:
    return f"ledd-{ledd}-{letter}" if letter else f"ledd-{ledd}"


def reader_path(
    law: Law, section: str | None = None, ledd: int | None = None, letter: str | None = None
) -> str:
    path = f"/lov/{quote(law_slug(law))}"
    if section is None:
        return path
    path += f"/{quote(section_slug(section))}"
    return f"{path}#{ledd_anchor(ledd, letter)}" if ledd else path


def standard_ref(
    law_name: str,
    section: str,
    ledd: int | None = None,
    letter: str | None = None,
    punktum: int | None = None,
) -> str:
    """'arbeidsmiljøloven § 3-5 første ledd bokstav a' (the form used in Norwegian legal writing)."""
    parts = [f"{law_name} § {section}"]
    if ledd:
        parts.append(f"{ordinal(ledd)} ledd")
    if letter:
        parts.append(f"bokstav {letter}")
    if punktum:
        parts.append(f"{ordinal(punktum)} punktum")
    return " ".join(parts)


def section_key(number: str) -> tuple[int, str, int, str]:
    """Sort key in the law's order: 2-1 < 2-5 < 2 A-1 < 3-1 < 3-10 < 14-1 < 14-1 a."""
    m = _NUMBER.match(number)
    if not m:
        return (10_000, number, 0, "")
    chapter, letter, no, suffix = m.groups()
    return (int(chapter), letter or "", int(no or 0), suffix or "")


def numbers_in_order(law: Law) -> list[str]:
    """Every § the law has, held or not (the gaps from the manifest), in the law's order."""
    if not law.not_covered:
        return list(law.sections)
    return sorted({*law.sections, *law.not_covered}, key=section_key)

"""Parse legal references as people write them: '§ 3-5', 'aml 3-5', 'arbeidsmiljøloven § 3-5 (2)',
'§ 3-2 første ledd bokstav b', '§ 2 A-1', '§ 2A-1', 'IK § 5', '§§ 2-3, 3-1', 'section 3-5 of the ...'."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ORDINALS = {
    "første": 1,
    "1.": 1,
    "annet": 2,
    "andre": 2,
    "2.": 2,
    "tredje": 3,
    "3.": 3,
    "fjerde": 4,
    "4.": 4,
    "femte": 5,
    "5.": 5,
    "sjette": 6,
    "6.": 6,
    "sjuende": 7,
    "syvende": 7,
    "7.": 7,
    "åttende": 8,
    "8.": 8,
    "niende": 9,
    "9.": 9,
    "tiende": 10,
    "10.": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
}

_NUM = r"(?P<ch>\d{1,3})(?:\s?(?P<chl>[A-Za-z])(?=\s?-))?(?:\s?-\s?(?P<no>\d{1,3}))?(?:\s?(?P<suf>[a-h])\b(?!\)))?"
_SEC_WORD = r"(?:§§?|paragraf(?:ene|en)?|section|sec\.)"
_LEDD = (
    r"(?:\s*\((?P<ledd_paren>\d{1,2})\)"
    r"|\s+(?P<ledd_word>første|annet|andre|tredje|fjerde|femte|sjette|sjuende|syvende|åttende|niende|tiende"
    r"|\d{1,2}\.|first|second|third|fourth|fifth|sixth)\s+(?:ledd|paragraph|subsection)"
    r"|\s+(?:ledd|nr\.?|subsection|paragraph)\s*(?P<ledd_num>\d{1,2})(?!\s?-))?"
)
_LETTER = r"(?:\s*(?:,\s*)?(?:bokstav|lit\.?|letter|litra|item)\s*(?P<letter>[a-zæøå])\)?\b|\s+(?P<letter_paren>[a-zæøå])\)|\s+(?P<letter_bare>[a-h])\b(?![\w-]))?"
_MORE = (
    r"(?P<more>(?:\s*(?:,|og|and|&)\s*\d{1,3}(?:\s?[A-Za-z](?=\s?-))?(?:\s?-\s?\d{1,3})?(?:\s?[a-h]\b)?)*)"
)


@dataclass(frozen=True)
class ParsedRef:
    """A reference found in text. ``law_id`` is None when the text names no law."""

    section: str
    law_id: str | None = None
    ledd: int | None = None
    letter: str | None = None
    span: tuple[int, int] = (0, 0)
    section_alt: str | None = None  # the reading without a trailing letter ('14-1 a' vs '14-1' + letter a)


def normalize_section(ch: str, chl: str | None, no: str | None, suf: str | None) -> str:
    head = f"{int(ch)} {chl.upper()}" if chl else str(int(ch))
    body = f"{head}-{int(no)}" if no else head
    return f"{body} {suf.lower()}" if suf else body


class ReferenceParser:
    """Finds references; built from a mapping of law aliases (lower-case) to law ids."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = {alias.lower(): law_id for alias, law_id in aliases.items()}
        for alias, law_id in list(self.aliases.items()):  # 'arbeidsmiljoloven', typed without æøå
            self.aliases.setdefault(alias.replace("æ", "ae").replace("ø", "o").replace("å", "a"), law_id)
        names = sorted(self.aliases, key=len, reverse=True)
        law = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        law_group = rf"(?<![\w-])(?P<law>{law})s?(?![\w-])\.?"
        self._with_section_word = re.compile(
            rf"(?:{law_group}\s*(?:,\s*)?)?{_SEC_WORD}\s*{_NUM}{_LEDD}{_LETTER}{_MORE}"
            rf"(?:\s+(?:i|in|of|av)\s+(?:the\s+)?(?P<law_after>{law})(?![\w-]))?",
            re.IGNORECASE,
        )
        # 'aml 3-5' (a law name directly followed by a number) needs the hyphenated form or a § word.
        self._law_number = re.compile(
            rf"{law_group}\s+(?:s\.\s*|sec\.?\s*)?(?P<ch>\d{{1,3}})(?:\s?(?P<chl>[A-Za-z])(?=\s?-))?\s?-\s?(?P<no>\d{{1,3}})"
            rf"(?:\s?(?P<suf>[a-h])\b(?!\)))?{_LEDD}{_LETTER}",
            re.IGNORECASE,
        )

    def _law(self, name: str | None) -> str | None:
        return self.aliases.get(re.sub(r"\s+", " ", name.lower())) if name else None

    def parse(self, text: str) -> list[ParsedRef]:
        refs: list[ParsedRef] = []
        taken: list[tuple[int, int]] = []
        for pattern in (self._with_section_word, self._law_number):
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                refs.extend(self._from_match(m))
        return sorted(refs, key=lambda r: r.span)

    def _from_match(self, m: re.Match[str]) -> Iterable[ParsedRef]:
        groups = m.groupdict()
        law_id = self._law(groups.get("law")) or self._law(groups.get("law_after"))
        ledd_word = groups.get("ledd_word")
        ledd = (
            int(groups["ledd_paren"])
            if groups.get("ledd_paren")
            else ORDINALS.get(ledd_word.lower())
            if ledd_word
            else int(groups["ledd_num"])
            if groups.get("ledd_num")
            else None
        )
        letter = groups.get("letter") or groups.get("letter_paren") or groups.get("letter_bare")
        letter = letter.lower() if letter else None
        section = normalize_section(groups["ch"], groups.get("chl"), groups.get("no"), groups.get("suf"))
        alt = (
            normalize_section(groups["ch"], groups.get("chl"), groups.get("no"), None)
            if groups.get("suf")
            else None
        )
        yield ParsedRef(section, law_id, ledd, letter, m.span(), alt)
        for extra in re.finditer(
            r"(\d{1,3})(?:\s?([A-Za-z])(?=\s?-))?(?:\s?-\s?(\d{1,3}))?(?:\s?([a-z])\b)?",
            groups.get("more") or "",
        ):
            yield ParsedRef(normalize_section(*extra.groups()), law_id, None, None, m.span())

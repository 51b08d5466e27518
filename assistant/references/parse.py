"""Parse legal references as people write them.

Sections: '§ 3-5', '§3-5', 'paragraf 3-5', 'aml 3-5', 'arbeidsmiljøloven § 3-5 (2)', '§ 3-2 første ledd bokstav b',
'§ 10-6 første ledd andre punktum', '§ 14-9 (2) 2. pkt.', '§ 2 A-1', '§ 2A-1', 'IK § 5', '§§ 2-3, 3-1',
'bokstav c i § 3-1 andre ledd', 'section 3-5 of the ...'; ranges: '§§ 10-4 til 10-6', '§ 10-4 flg.' (the § and the two that follow);
chapters: 'kap. 3', 'kapittel 6', 'kapittel 2 A', 'chapter 10'; and a law alone, by name, abbreviation,
id ('LOV-2005-06-17-62') or date and number ('lov 17. juni 2005 nr. 62').
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.text import EN_STOPWORDS, LOOKUP_WORDS, NO_STOPWORDS, words

# Ordinal words and numerals, 1 to 20 ("første ledd", "2. ledd", "third paragraph", "fjortende ledd").
_ORDINAL_FORMS = (
    "første first|annet andre second|tredje third|fjerde fourth|femte fifth|sjette sixth|sjuende syvende seventh|"
    "åttende eighth|niende ninth|tiende tenth|ellevte eleventh|tolvte twelfth|trettende thirteenth|"
    "fjortende fourteenth|femtende fifteenth|sekstende sixteenth|syttende seventeenth|attende eighteenth|"
    "nittende nineteenth|tjuende tyvende twentieth"
).split("|")
ORDINALS = {word: n for n, forms in enumerate(_ORDINAL_FORMS, 1) for word in (*forms.split(), f"{n}.")}
ORDINAL_WORDS = "|".join(word for forms in _ORDINAL_FORMS for word in forms.split())
MONTHS = tuple("januar februar mars april mai juni juli august september oktober november desember".split())

_NUM = r"(?P<ch>\d{1,3})(?:\s?(?P<chl>[A-Za-z])(?=\s?-))?(?:\s?-\s?(?P<no>\d{1,3}))?(?:\s?(?P<suf>[a-h])\b(?!\)))?"
_SEC_WORD = r"(?:§§?|paragraf(?:ene|en)?|section|sec\.)"
_LEDD = (
    r"(?:\s*\((?P<ledd_paren>\d{1,2})\)"
    rf"|\s+(?P<ledd_word>{ORDINAL_WORDS}|\d{{1,2}}\.)\s+(?:ledd|paragraph|subsection)"
    r"|\s+(?:ledd|nr\.?|subsection|paragraph)\s*(?P<ledd_num>\d{1,2})(?!\s?-))?"
)
_LETTER = r"(?:\s*(?:,\s*)?(?:bokstav|lit\.?|letter|litra|item)\s*(?P<letter>[a-zæøå])\)?\b|\s+(?P<letter_paren>[a-zæøå])\)|\s+(?P<letter_bare>[a-h])\b(?![\w-]))?"
_PUNKTUM = (
    rf"(?:\s*,?\s*(?P<pkt_word>{ORDINAL_WORDS})\s+(?:punktum|pkt\.?|sentence)"
    r"|\s*,?\s*(?P<pkt_num>\d{1,2})\.\s*(?:punktum|pkt\.?)|\s*,?\s*(?:punktum|pkt\.?)\s*(?P<pkt_after>\d{1,2})(?!\s?-))?"
)
# a letter named before its § and ledd: 'bokstav c i § 3-1 andre ledd', 'letter c of section 3-1 (2)'
_LETTER_FIRST = re.compile(
    r"(?:bokstav|litra|lit\.|letter)\s*(?P<letter>[a-zæøå])\)?\s+(?:i|in|of)\s+(?:the\s+)?$", re.IGNORECASE
)
_RANGE = r"(?:\s*(?:til|to|–|—|-{1,2})\s*(?:§\s*)?(?P<to>\d{1,3}\s?(?:[A-Za-z]\s?)?-\s?\d{1,3})(?!\d)|\s*(?P<flg>flg\.?|ff\.?|følgende))?"
_MORE = (
    r"(?P<more>(?:\s*(?:,|og|and|&)\s*\d{1,3}(?:\s?[A-Za-z](?=\s?-))?(?:\s?-\s?\d{1,3})?(?:\s?[a-h]\b)?)*)"
)
_CHAPTER = (
    r"(?:kap\.?|kapittel|kapitel|chapter|ch\.)\s*(?P<chap>\d{1,2}(?:[A-Za-z]|(?-i:\s[A-Z]))?(?![\wæøå]))"
)
_BY_DATE = re.compile(
    rf"(?P<kind>lov|forskrift)\s+(?:av\s+)?(?P<day>\d{{1,2}})\.\s*(?P<month>{'|'.join(MONTHS)})\s+(?P<year>\d{{4}})"
    r"\s+nr\.?\s*(?P<nr>\d{1,5})",
    re.IGNORECASE,
)
# Another law's name, right before a § ('folketrygdloven § 8-7', 'ftrl § 8-2', 'hovedavtalen § 6-1', 'forskrift om
# utførelse av arbeid § 3-1', 'Holidays Act section 5') or after it ('§ 7 i ferieloven'): the § is that law's, not
# the one of ours with the same number. 'loven § 3-5' and 'forskriften § 5' name no other law.
_OTHER_NAME = (
    r"(?:[\wæøå]+- og )?[\wæøå]{3,}(?:loven|lova|lovens|forskriften|forskrifta|forskriftens|avtalen|avtalens|avtala)"
    r"|ftrl|fvl|pbl|sktl|tek ?\d\d|forskrift om [\wæøå-]+(?: (?:av|og|i|ved|med) [\wæøå-]+)?"
    r"|(?-i:(?:[A-Z][\w-]*\s){1,3}Act)"
)
_OTHER_SHORT = {
    "ftrl": "folketrygdloven",
    "fvl": "forvaltningsloven",
    "pbl": "plan- og bygningsloven",
    "sktl": "skatteloven",
}
_OTHER_BEFORE = re.compile(rf"(?<![\wæøå-])(?P<name>{_OTHER_NAME})\.?\s*,?\s*$", re.IGNORECASE)
_OTHER_AFTER = re.compile(
    rf"\s*,?\s+(?:i|in|of|av|etter|under)\s+(?:the\s+)?(?P<name>{_OTHER_NAME})(?![\wæøå])", re.IGNORECASE
)


@dataclass(frozen=True)
class ParsedRef:
    """A reference found in text. ``law_id`` is None when the text names no law. ``kind`` says what was named:
    a section (with optional ledd, letter, punktum and range), a chapter, or a whole law."""

    section: str = ""
    law_id: str | None = None
    ledd: int | None = None
    letter: str | None = None
    span: tuple[int, int] = (0, 0)
    section_alt: str | None = None  # the reading without a trailing letter ('14-1 a' vs '14-1' + letter a)
    punktum: int | None = None
    kind: str = "section"  # section | chapter | law
    chapter: str | None = None
    through: str | None = None  # the last section of a range ('§§ 10-4 til 10-6')
    following: bool = False  # '§ 10-4 flg.': the section and the two that follow
    other_law: str | None = None  # the name of a law we do not hold, whose § this is ('ferieloven')


def normalize_section(ch: str, chl: str | None, no: str | None, suf: str | None) -> str:
    head = f"{int(ch)} {chl.upper()}" if chl else str(int(ch))
    body = f"{head}-{int(no)}" if no else head
    return f"{body} {suf.lower()}" if suf else body


def _section_of(text: str) -> str:
    m = re.match(r"(\d{1,3})(?:\s?([A-Za-z]))?\s?-\s?(\d{1,3})", text.strip())
    return normalize_section(m.group(1), m.group(2), m.group(3), None) if m else text.strip()


def _ordinal(word: str | None) -> int | None:
    return ORDINALS.get(word.lower()) if word else None


class ReferenceParser:
    """Finds references; built from a mapping of law aliases (lower-case) to law ids."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = {alias.lower(): law_id for alias, law_id in aliases.items()}
        for alias, law_id in list(self.aliases.items()):  # 'arbeidsmiljoloven', typed without æøå
            self.aliases.setdefault(alias.replace("æ", "ae").replace("ø", "o").replace("å", "a"), law_id)
        self._ids = {law_id.lower(): law_id for law_id in self.aliases.values()}
        names = sorted(self.aliases, key=len, reverse=True)
        law = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        law_group = rf"(?<![\w-])(?P<law>{law})s?(?![\w-])\.?"
        after = rf"(?:\s+(?:i|in|of|av)\s+(?:the\s+)?(?P<law_after>{law})(?![\w-]))?"
        self._with_section_word = re.compile(
            rf"(?:{law_group}\s*(?:,\s*)?)?{_SEC_WORD}\s*{_NUM}{_LEDD}{_LETTER}{_PUNKTUM}{_RANGE}{_MORE}{after}",
            re.IGNORECASE,
        )
        # 'aml 3-5' (a law name directly followed by a number) needs the hyphenated form or a § word.
        self._law_number = re.compile(
            rf"{law_group}\s+(?:s\.\s*|sec\.?\s*)?(?P<ch>\d{{1,3}})(?:\s?(?P<chl>[A-Za-z])(?=\s?-))?\s?-\s?(?P<no>\d{{1,3}})"
            rf"(?:\s?(?P<suf>[a-h])\b(?!\)))?{_LEDD}{_LETTER}{_PUNKTUM}{_RANGE}",
            re.IGNORECASE,
        )
        # '3-14 i aml', '6-5 (2) of the working environment act': a hyphenated number, then the law's name
        number_then_law = rf"\s*,?\s+(?:i|in|of|av)\s+(?:the\s+)?(?P<law_after>{law})(?![\w-])"
        self._number_law = re.compile(
            rf"(?<![\w§-])(?P<ch>\d{{1,3}})(?:\s?(?P<chl>[A-Za-z])(?=\s?-))?\s?-\s?(?P<no>\d{{1,3}})(?![\d-])"
            rf"(?:\s?(?P<suf>[a-h])\b(?!\)))?{_LEDD}{_LETTER}{number_then_law}",
            re.IGNORECASE,
        )
        self._chapter = re.compile(rf"(?:{law_group}\s*,?\s*)?{_CHAPTER}{after}", re.IGNORECASE)
        self._law_alone = re.compile(rf"{law_group}", re.IGNORECASE)

    def _law(self, name: str | None) -> str | None:
        return self.aliases.get(re.sub(r"\s+", " ", name.lower())) if name else None

    def _other_law(self, text: str, m: re.Match[str]) -> str | None:
        """The name of a law we do not hold, written right before or after the reference."""
        for found in (_OTHER_BEFORE.search(text[: m.start()]), _OTHER_AFTER.match(text, m.end())):
            if found and not self._held(found.group("name")):
                name = re.sub(r"\s+", " ", found.group("name")).lower()
                return _OTHER_SHORT.get(name, name)
        return None

    def _held(self, name: str) -> bool:
        """'arbeidsmiljølovens', 'internkontrollforskrifta': a form of a name we hold."""
        name = re.sub(r"\s+", " ", name.lower()).removesuffix("s")
        return any(
            name == alias or (len(alias) > 4 and (name.startswith(alias) or alias.startswith(name)))
            for alias in self.aliases
        )

    def law_by_date(self, text: str) -> tuple[str | None, tuple[int, int]] | None:
        """'lov 17. juni 2005 nr. 62' -> ('LOV-2005-06-17-62' if held, else None, span)."""
        m = _BY_DATE.search(text)
        if not m:
            return None
        month = MONTHS.index(m.group("month").lower()) + 1
        kind = "LOV" if m.group("kind").lower() == "lov" else "FOR"
        law_id = f"{kind}-{m.group('year')}-{month:02d}-{int(m.group('day')):02d}-{int(m.group('nr'))}"
        return self._ids.get(law_id.lower()), m.span()

    def parse(self, text: str) -> list[ParsedRef]:
        refs: list[ParsedRef] = []
        taken: list[tuple[int, int]] = []
        dated = self.law_by_date(text)
        for pattern in (self._with_section_word, self._law_number, self._number_law, self._chapter):
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                law_id = dated[0] if dated and m.start() >= dated[1][0] else None
                found = list(
                    self._chapter_ref(m) if pattern is self._chapter else self._letter_first(text, m)
                )
                other = None if law_id or any(r.law_id for r in found) else self._other_law(text, m)
                if other:
                    found = [replace(r, other_law=other) for r in found]
                refs.extend(r if r.law_id or not law_id else _with_law(r, law_id, dated[1][0]) for r in found)  # type: ignore[index]
        if not refs:
            refs.extend(r for r in self._whole_laws(text, dated) if not content_words(text, [r]))
        return sorted(refs, key=lambda r: r.span)

    def _whole_laws(self, text: str, dated: tuple[str | None, tuple[int, int]] | None) -> Iterable[ParsedRef]:
        if dated and dated[0]:
            yield ParsedRef(law_id=dated[0], span=dated[1], kind="law")
            return
        for m in self._law_alone.finditer(text):
            law_id = self._law(m.group("law"))
            if law_id:
                yield ParsedRef(law_id=law_id, span=m.span(), kind="law")
                return

    def _chapter_ref(self, m: re.Match[str]) -> Iterable[ParsedRef]:
        law_id = self._law(m.group("law")) or self._law(m.group("law_after"))
        chapter = re.sub(r"\s+", "", m.group("chap")).upper()
        yield ParsedRef(law_id=law_id, span=m.span(), kind="chapter", chapter=chapter)

    def _letter_first(self, text: str, m: re.Match[str]) -> Iterable[ParsedRef]:
        """The references of a match; 'bokstav k i aml § 3-1 andre ledd' names the letter before the § (the span then
        starts at 'bokstav')."""
        refs = list(self._from_match(m))
        before = _LETTER_FIRST.search(text[: m.start()])
        if refs and before and refs[0].letter is None and refs[0].ledd is not None:
            refs[0] = replace(refs[0], letter=before.group("letter").lower(), span=(before.start(), m.end()))
        return refs

    def _from_match(self, m: re.Match[str]) -> Iterable[ParsedRef]:
        groups = m.groupdict()
        law_id = self._law(groups.get("law")) or self._law(groups.get("law_after"))
        ledd = (
            int(groups["ledd_paren"])
            if groups.get("ledd_paren")
            else _ordinal(groups.get("ledd_word"))
            if groups.get("ledd_word")
            else int(groups["ledd_num"])
            if groups.get("ledd_num")
            else None
        )
        letter = groups.get("letter") or groups.get("letter_paren") or groups.get("letter_bare")
        punktum = (
            _ordinal(groups.get("pkt_word"))
            if groups.get("pkt_word")
            else int(groups.get("pkt_num") or groups.get("pkt_after") or 0) or None
        )
        section = normalize_section(groups["ch"], groups.get("chl"), groups.get("no"), groups.get("suf"))
        alt = (
            normalize_section(groups["ch"], groups.get("chl"), groups.get("no"), None)
            if groups.get("suf")
            else None
        )
        yield ParsedRef(
            section,
            law_id,
            ledd,
            letter.lower() if letter else None,
            m.span(),
            alt,
            punktum,
            through=_section_of(groups["to"]) if groups.get("to") else None,
            following=bool(groups.get("flg")),
        )
        for extra in re.finditer(
            r"(\d{1,3})(?:\s?([A-Za-z])(?=\s?-))?(?:\s?-\s?(\d{1,3}))?(?:\s?([a-z])\b)?",
            groups.get("more") or "",
        ):
            yield ParsedRef(normalize_section(*extra.groups()), law_id, None, None, m.span())


def _with_law(ref: ParsedRef, law_id: str, start: int) -> ParsedRef:
    """The reference with the law named by date and number before it (its span then starts there)."""
    return replace(ref, law_id=law_id, span=(min(start, ref.span[0]), ref.span[1]))


def content_words(question: str, refs: list[ParsedRef]) -> list[str]:
    """The words of a question outside its references, stopwords and lookup words ('hva står i')."""
    rest = question
    for ref in sorted(refs, key=lambda r: r.span, reverse=True):
        rest = rest[: ref.span[0]] + " " + rest[ref.span[1] :]
    return [
        w for w in words(rest) if w not in NO_STOPWORDS and w not in EN_STOPWORDS and w not in LOOKUP_WORDS
    ]


def is_lookup(question: str, refs: list[ParsedRef], *, titles: Iterable[str] = ()) -> bool:
    """True when the question is essentially a reference ('hva står i aml § 6-5?', '/hms § 3-5', 'aml kap. 3').
    Words of the titles of what it names ('kapittel 10 om arbeidstid') do not count as a topic of their own."""
    title_words = {w for title in titles for w in words(title)}
    return bool(refs) and len([w for w in content_words(question, refs) if w not in title_words]) <= 1

"""Split a section's text into ledd and lettered items, the structure a pinpoint citation needs."""

from __future__ import annotations

import re
from typing import Any

LEDD_MARK = re.compile(r"^\((\d+)\) ")
LETTER_ITEM = re.compile(r"^([a-zæøå])\. ")
DASH_ITEM = re.compile(r"^[–-] ")


def lovdata_url(law_id: str) -> str:
    """`LOV-2005-06-17-62` -> `https://lovdata.no/lov/2005-06-17-62`; FOR- ids -> /forskrift/."""
    kind, rest = law_id.split("-", 1)
    return f"https://lovdata.no/{'lov' if kind.upper() == 'LOV' else 'forskrift'}/{rest}"


def section_slug(section: str) -> str:
    """Lovdata's URL form of a section number: '3-5' -> '3-5', '2 A-1' -> '2a-1', '14-1 a' -> '14-1a'."""
    return section.replace(" ", "").lower()


def split_ledd(text: str, *, letters: bool, numbered: bool | None = None) -> list[dict[str, Any]]:
    """Split normalized section text into ledd dicts: {number, text, items, complete}.

    Text with "(n) " markers is split on them. Text without markers is one ledd per paragraph line
    (regulations as published by Arbeidstilsynet) unless ``numbered`` is False, in which case the whole
    text is one ledd (a one-ledd statute section). List lines stay inside their ledd's text; where
    ``letters`` is true, "a. " lines also become lettered items.
    """
    lines = text.split("\n")
    has_marks = any(LEDD_MARK.match(line) for line in lines)
    groups: list[list[str]] = []
    for line in lines:
        starts_ledd = (
            bool(LEDD_MARK.match(line))
            if has_marks
            else (numbered is not False and not LETTER_ITEM.match(line) and not DASH_ITEM.match(line))
        )
        if starts_ledd or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    result = []
    for index, group in enumerate(groups, start=1):
        match = LEDD_MARK.match(group[0])
        number = int(match.group(1)) if match else index
        items = []
        if letters:
            for line in group[1:]:
                item = LETTER_ITEM.match(line)
                if item:
                    items.append({"letter": item.group(1), "text": line[item.end() :]})
        result.append({"number": number, "text": "\n".join(group), "items": items, "complete": True})
    return result

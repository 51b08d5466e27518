"""The parts of a ledd a reference can name: the items of its list (letters) and its sentences (punktum)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.text import sentence_spans

if TYPE_CHECKING:
    from assistant.types import Ledd


def list_items(ledd: Ledd) -> list[tuple[str, str, bool]]:
    """(letter, text, inferred) of a ledd's list: its confirmed letters, or else the lines after the lead-in,
    lettered a, b, c … in order (every list our sources confirm is lettered so)."""
    if ledd.items and all(i.letter for i in ledd.items):
        return [(i.letter, i.text, False) for i in ledd.items]  # type: ignore[misc]
    lines = [line for line in ledd.text.split("\n")[1:] if line.strip()]
    return [(chr(ord("a") + n), line, True) for n, line in enumerate(lines[:26])]


def sentences(ledd_text: str) -> list[str]:
    """The sentences (punktum) of a ledd, its "(n) " prefix removed."""
    body = re.sub(r"^\(\d+\) ", "", ledd_text)
    return [body[a:b] for a, b in sentence_spans(body)]

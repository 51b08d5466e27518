"""The pieces every check reads a generated answer in: problems, source ids, sentences and the ids each
sentence cites, and the answer's own words apart from what it quotes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.llm.prompts import Source

ID_GROUP = re.compile(r"\[\s*(S\d+(?:\s*[,;]\s*S\d+)*)\s*\]")
ANY_ID = re.compile(r"(?<![\w-])S\d+(?![\w-])")
# A bracket that looks like a citation ([1], [§ 3-5], [Kilde 2], [S1 og S2]) but is not [S1] or [S1, S2].
BRACKET_LIKE = re.compile(
    r"\[\s*(\d+(?:\s*[,;-]\s*\d+)*|[^\[\]\n]{0,58}§[^\[\]\n]{0,58}|(?:kilde|source|ref)\b[^\[\]\n]{0,55}"
    r"|S\d+\b[^\[\]\n]{0,55})\s*\]",
    re.IGNORECASE,
)
ABBREVIATIONS = re.compile(
    r"\b(?:jf|jfr|f\.eks|bl\.a|nr|ca|dvs|evt|mv|m\.m|m\.fl|osv|inkl|pkt|kap|e\.g|i\.e|etc|vs|no|kl)\.",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“(\[•*–-]|\d+\.\s)|\n+")
LEADING_IDS = re.compile(r"^(?:\s*\[\s*S\d+(?:\s*[,;]\s*S\d+)*\s*\])+")
DOT = "\u2024"  # stands in for an abbreviation's dot while splitting sentences
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
URL = re.compile(r"https?://[^\s\]\)>«»\"]+")


@dataclass(frozen=True)
class Problem:
    """One reason an answer may not be shown, worded for the model (the retry prompt names it)."""

    kind: str
    message: str


@dataclass(frozen=True)
class Sentence:
    """A sentence or list line of the answer and the source ids it cites (a lead-in ending in ':' borrows
    the ids of the line after it)."""

    text: str
    ids: tuple[str, ...]

    def sources(self, by_id: Mapping[str, Source]) -> list[Source]:
        return [by_id[i] for i in self.ids if i in by_id]

    @property
    def asks(self) -> bool:
        return self.text.rstrip(" *_").endswith("?")


def cited_ids(text: str) -> list[str]:
    """Ids cited in the text, in order of first appearance (inside or outside brackets)."""
    seen: dict[str, None] = {}
    for match in ANY_ID.finditer(text):
        seen.setdefault(match.group(0), None)
    return list(seen)


def sentences(text: str) -> list[str]:
    """Sentences and list lines; citation markers that open a piece belong to the sentence before it."""
    protected = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", DOT), text)
    pieces: list[str] = []
    for raw in SENTENCE_END.split(protected):
        piece = raw.replace(DOT, ".").strip()
        if not piece:
            continue
        lead = LEADING_IDS.match(piece)
        if lead and pieces:
            pieces[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end() :].strip()
            if not piece:
                continue
        pieces.append(piece)
    return pieces


def units(text: str) -> list[Sentence]:
    """The sentences of an answer with the ids each cites."""
    pieces = sentences(text)
    own = [tuple(cited_ids(p)) for p in pieces]
    result = []
    for n, piece in enumerate(pieces):
        ids = own[n]
        if not ids and piece.endswith(":") and n + 1 < len(pieces):
            ids = own[n + 1]
        result.append(Sentence(piece, ids))
    return result


def unquoted(text: str) -> str:
    """The answer's own words: quotes, links and id markers blanked out."""
    return ANY_ID.sub(" ", ID_GROUP.sub(" ", QUOTED.sub(" ", URL.sub(" ", text))))


def quotes(text: str) -> list[str]:
    """What the answer puts in quotation marks, without the marks."""
    return [q[1:-1] for q in QUOTED.findall(URL.sub(" ", text))]

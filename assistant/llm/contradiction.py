"""A lexical contradiction check: an answer sentence that negates a duty ("må ikke", "trenger ikke", "does not
need") is rejected when the best match for it in the sources it cites is a sentence stating that duty.

It compares words (Norwegian stems, and the glossary's terms so that English answers meet Norwegian sources),
not meaning: a contradiction worded without a negated duty, or with other words than the source's, passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.llm.claims import DUTY
from assistant.llm.prompts import Source
from assistant.llm.units import Problem, Sentence, unquoted
from assistant.sources.glossary import Glossary
from assistant.text import stems

NEGATED_DUTY = re.compile(
    r"\b(?:må|skal|trenger|behøver|plikter|kreves|har\s+plikt)\s+(?:\w+\s+){0,2}?ikke\b"
    r"|\ber\s+(?:\w+\s+)?ikke\s+(?:lov)?(?:pålagt|påkrevd|nødvendig|obligatorisk|påbudt|et\s+krav)\b"
    r"|\bikke\s+(?:lov)?(?:pålagt|påkrevd|obligatorisk|påbudt)\b|\bingen\s+(?:plikt|krav)\w*"
    r"|\b(?:does|do|did)\s*(?:not|n't)\s+(?:need|have\s+to|require)\b|\bneeds?\s+not\b"
    r"|\b(?:is|are)\s*(?:not|n't)\s+(?:required|obliged|obligated|mandatory|necessary|compulsory)\b"
    r"|\bnot\s+(?:required|mandatory|obligatory|compulsory)\b|\bno\s+(?:legal\s+)?(?:obligation|requirement|duty)\b"
    r"|\b(?:must|shall)\s*(?:not|n't)\b",
    re.IGNORECASE,
)
SOURCE_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_SHARED = 3  # words (or glossary terms) shared with the source sentence
MIN_SHARE = 0.4  # of the answer sentence's words


class Contradictions:
    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._sources: dict[str, tuple[tuple[frozenset[str], bool, bool], ...]] = {}  # corpus texts: bounded

    def units(self, text: str) -> frozenset[str]:
        """Content stems, and the glossary terms the text uses (in either language)."""
        return frozenset(stems(text)) | {f"~{t.lower()}" for t in self.glossary.expand(text).terms}

    def _source_sentences(self, text: str) -> tuple[tuple[frozenset[str], bool, bool], ...]:
        """Each sentence of a source: its units, whether it negates a duty, whether it states one."""
        cached = self._sources.get(text)
        if cached is None:
            out = []
            for sentence in SOURCE_SENTENCE.split(text):
                negated = bool(NEGATED_DUTY.search(sentence))
                out.append((self.units(sentence), negated, bool(DUTY.search(sentence)) and not negated))
            cached = self._sources[text] = tuple(out)
        return cached

    def check(self, pieces: Iterable[Sentence], by_id: Mapping[str, Source]) -> list[Problem]:
        problems = []
        for sentence in pieces:
            if sentence.asks or not NEGATED_DUTY.search(unquoted(sentence.text)):
                continue
            mine = self.units(unquoted(sentence.text))
            if not mine:
                continue
            best_duty = best_negated = 0
            for source in sentence.sources(by_id):
                for theirs, negated, duty in self._source_sentences(source.text):
                    shared = len(mine & theirs)
                    if negated:
                        best_negated = max(best_negated, shared)
                    elif duty:
                        best_duty = max(best_duty, shared)
            if best_duty >= MIN_SHARED and best_duty >= MIN_SHARE * len(mine) and best_duty > best_negated:
                text = sentence.text if len(sentence.text) <= 120 else sentence.text[:117] + "..."
                problems.append(
                    Problem(
                        "contradiction",
                        f'The sentence "{text}" says there is no such duty, but the source it cites states it.',
                    )
                )
        return problems

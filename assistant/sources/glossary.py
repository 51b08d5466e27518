"""Query expansion from corpus/glossary.yaml: a question that uses any form of a term also searches for
the canonical Norwegian term and its Norwegian synonyms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.sources.corpus import GlossaryTerm

_SUFFIX = r"(?:e|en|et|er|ene|ne|s|es|ens|ets|ers)?"


@dataclass(frozen=True)
class Expansion:
    terms: tuple[str, ...]  # canonical terms found
    lexical: str  # extra text for BM25
    dense: str  # extra text for the dense query


class Glossary:
    def __init__(self, terms: list[GlossaryTerm]):
        self.terms = terms
        self._patterns: list[tuple[GlossaryTerm, re.Pattern[str]]] = []
        for term in terms:
            forms = sorted({f.lower() for f in term.forms}, key=len, reverse=True)
            # inflected forms count: Norwegian definite/plural endings, English plurals ('verneombudet', 'ledere',
            # 'supervisors')
            long_forms = [re.escape(f).replace(r"\ ", r"\s+") + _SUFFIX for f in forms if len(f) > 2]
            short_forms = [re.escape(f.upper()) for f in forms if len(f) <= 2]
            parts = []
            if long_forms:
                parts.append(rf"(?i:(?<![\w-])(?:{'|'.join(long_forms)})(?![\w]))")
            if short_forms:  # 'AS', 'VO', 'IK' only in capitals: 'as' is an English word
                parts.append(rf"(?<![\w-])(?:{'|'.join(short_forms)})(?![\w])")
            self._patterns.append((term, re.compile("|".join(parts))))

    def expand(self, question: str, *, skip: frozenset[str] = frozenset()) -> Expansion:
        """The canonical terms (and, for BM25, their synonyms) of every term the question uses; terms of the
        groups in ``skip`` are left out (for the ablations)."""
        found = [
            term for term, pattern in self._patterns if term.group not in skip and pattern.search(question)
        ]
        lexical = " ".join(f"{t.term} {' '.join(t.synonyms)}" for t in found)
        dense = ", ".join(t.term for t in found)
        return Expansion(tuple(t.term for t in found), lexical, dense)

    def replace(self, term: str, replacement: str, text: str) -> tuple[str, int]:
        """Replace every form of the canonical ``term`` in ``text``; returns the text and the count."""
        for glossary_term, pattern in self._patterns:
            if glossary_term.term == term:
                return pattern.subn(replacement, text)
        return text, 0

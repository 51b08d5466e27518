"""Check a generated answer against the sources it was given, before anyone sees it.

- it does not repeat the assistant's instructions (a run of their words, or the prompt's markup);
- it is not longer than the front end's cap, and is in the question's language (its quotes aside);
- every cited id exists, markers are [S1], and it cites at least one source, unless it is a short, uncited
  "the sources do not answer this" (an abstention, which is allowed);
- every §, ledd and letter it names exists and is part of the cited evidence (assistant/llm/pinpoint.py);
- every number it states appears in a cited source or the question; no price; quotes are the sources'
  wording; a duty, a recommendation, a penalty or "required by law" is stated only where a cited source
  states one (assistant/llm/claims.py);
- every link, web address or e-mail domain is one of our records' (assistant/llm/surface.py);
- a negated duty does not contradict the cited source (assistant/llm/contradiction.py, lexical).
Problems are worded for the model: the retry prompt names them.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.formatting import Lang
from assistant.llm.claims import modal_problems, number_problems, price_problems, quote_problems
from assistant.llm.contradiction import Contradictions
from assistant.llm.injection import abstains, leaks_prompt
from assistant.llm.pinpoint import BARE_LEDD, BARE_LETTER, Pinpoints
from assistant.llm.prompts import Source
from assistant.llm.surface import language_problems, link_problems
from assistant.llm.units import (
    BRACKET_LIKE,
    ID_GROUP,
    URL,
    Problem,
    cited_ids,
    sentences,
    units,
    unquoted,
)
from assistant.references.parse import ReferenceParser
from assistant.sources.corpus import Corpus
from assistant.sources.glossary import Glossary
from assistant.types import Gap

__all__ = ["Problem", "Verifier", "cited_ids", "sentences"]


class Verifier:
    """Verifies answers against their sources; built once per corpus."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.parser = ReferenceParser(corpus.aliases)
        self.pinpoints = Pinpoints(corpus, self.parser)
        self.contradictions = Contradictions(Glossary(corpus.glossary))

    def check(
        self,
        text: str,
        sources: Iterable[Source],
        *,
        question: str = "",
        lang: Lang | None = None,
        gaps: Iterable[Gap] = (),
        max_chars: int | None = None,
    ) -> list[Problem]:
        """What is wrong with the answer (an empty list when it may be shown)."""
        by_id = {s.id: s for s in sources}
        if not text.strip():
            return [Problem("empty", "The answer is empty.")]
        if leaks_prompt(text, [s.text for s in by_id.values()]):
            return [Problem("prompt_leak", "It repeats the instructions; keep them private.")]
        problems = []
        if max_chars is not None and len(text) > max_chars:
            problems.append(
                Problem("too_long", f"It is {len(text)} characters long; write at most {max_chars}.")
            )
        if lang is not None:
            problems.extend(language_problems(text, lang))
        if abstains(text):  # checked like any text for numbers, prices and links, but needs no citation
            pieces = units(text)
            problems.extend(number_problems(self._own_words(text), [], question))
            problems.extend(price_problems(pieces))
            problems.extend(link_problems(text, [], gaps))
            return problems
        problems.extend(self._markers(text, by_id))
        cited = [by_id[i] for i in cited_ids(text) if i in by_id]
        pieces = units(text)
        problems.extend(self.pinpoints.check(URL.sub(" ", text), cited))
        problems.extend(modal_problems(pieces, by_id))
        problems.extend(number_problems(self._own_words(text), cited, question))
        problems.extend(price_problems(pieces))
        problems.extend(quote_problems(text, cited))
        problems.extend(link_problems(text, cited, gaps))
        problems.extend(self.contradictions.check(pieces, by_id))
        return problems

    @staticmethod
    def is_abstention(text: str) -> bool:
        return abstains(text)

    def _markers(self, text: str, by_id: dict[str, Source]) -> list[Problem]:
        ids = cited_ids(text)
        problems = [
            Problem("unknown_id", f"It cites {i}, which is not among the sources ({', '.join(by_id)}).")
            for i in ids
            if i not in by_id
        ]
        for match in BRACKET_LIKE.finditer(text):
            if not ID_GROUP.fullmatch(match.group(0)):
                problems.append(
                    Problem(
                        "bad_marker",
                        f"It uses the marker [{match.group(1)}]; cite sources only as [S1], [S2] ...",
                    )
                )
        if not any(i in by_id for i in ids):
            problems.append(
                Problem("no_citation", "It cites no source; cite the source id after each claim.")
            )
        return problems

    def _own_words(self, text: str) -> str:
        """The answer without quotes, links, ids, § references and ledd or letter mentions (checked apart)."""
        own = unquoted(text)
        spans = [ref.span for ref in self.parser.parse(own)]
        spans += [m.span() for m in BARE_LEDD.finditer(own)] + [m.span() for m in BARE_LETTER.finditer(own)]
        chars = list(own)
        for start, end in spans:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

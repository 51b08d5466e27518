"""Prompt injection and abstention: a question that tries to change or reveal the assistant's instructions is
refused before the model sees it; an answer that repeats the instructions is never shown; and "the sources do
not answer this", uncited, is a valid answer (an abstention), not a failure."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.llm.prompts import ABSTAIN_SENTENCE, ANSWER_SYSTEM, CONDENSE_SYSTEM, LANGUAGE, RETRY_HUMAN
from assistant.llm.units import cited_ids, sentences
from assistant.text import words

_EN_ASIDE = (
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|these\s+|those\s+)?"
)
_EN_OWN = r"(?:your|previous|prior|above|earlier|preceding|system|original|initial)"
_NB_ASIDE = r"\b(?:ignorer|glem|overse|se\s+bort\s+fra|overstyr)\s+(?:alle\s+)?(?:de\s+|disse\s+)?"
_NB_OWN = r"(?:dine|tidligere|forrige|ovenstående|opprinnelige|systemets)"
_INSTRUCTION = r"(?:instruks\w*|instruction\w*|prompt\w*|directions|guidelines|føringe\w*)"
INJECTION = re.compile(
    "|".join(
        [
            rf"{_EN_ASIDE}(?:{_EN_OWN}|all)\s+{_INSTRUCTION}\b",
            rf"{_EN_ASIDE}{_EN_OWN}\s+rules\b",
            rf"{_NB_ASIDE}(?:{_NB_OWN}|alle)\s+{_INSTRUCTION}",
            rf"{_NB_ASIDE}{_NB_OWN}\s+regl\w*",
            r"\bsystem\s*-?\s*(?:prompt\w*|melding\w*|message|instruks\w*|instructions?)\b|\bsystemprompt\w*",
            r"\b(?:repeat|print|reveal|show|output|list|tell\s+me|write\s+out|translate|summari[sz]e)\s+(?:me\s+)?"
            r"(?:your|the)\s+(?:hidden\s+|initial\s+|original\s+|secret\s+)?(?:instructions|prompt\b)",
            r"\b(?:gjenta|vis|skriv\s+ut|avslør|oversett|fortell|oppsummer)\s+(?:meg\s+)?(?:dine|din|de\s+skjulte)\s+"
            r"(?:instruks\w*|instruksjon\w*|prompt\w*|regler)",
            r"\b(?:you\s+are\s+now|from\s+now\s+on\s+you|pretend\s+(?:to\s+be|you\s+are)|act\s+as\s+(?:an?\s+)?"
            r"(?:unrestricted|unfiltered|different))\b",
            r"\b(?:du\s+er\s+nå|fra\s+nå\s+av\s+(?:er|skal)\s+du|lat\s+som\s+(?:om\s+)?du\s+er)\b",
            r"\b(?:jailbreak\w*|developer\s+mode|utviklermodus|dan\s+mode|do\s+anything\s+now)\b",
            r"</?\s*(?:source|sources|question|history|system)\b",
        ]
    ),
    re.IGNORECASE,
)
MARKUP = re.compile(r"</?\s*(?:source|sources|question|history)\b", re.IGNORECASE)
LEAK_WORDS = 8  # a run of this many words of our instructions in an answer is a leak

ABSTAINS = re.compile(
    r"\bkildene\b[^.!?\n]{0,60}\b(?:svarer|sier|nevner|dekker|inneholder|omtaler|besvarer)\s+ikke\b"
    r"|\b(?:finner|fant)\s+ikke\s+(?:noe\s+)?svar\b"
    r"|\b(?:the\s+)?sources\b[^.!?\n]{0,60}\b(?:do\s+not|don't|does\s+not|doesn't)\s+"
    r"(?:answer|say|cover|mention|address|state)\b"
    r"|\b(?:could|can)\s*(?:not|n't)\s+find\s+(?:an\s+)?answer\b",
    re.IGNORECASE,
)
MAX_ABSTENTION_CHARS = 300


def is_injection(question: str) -> bool:
    """A question that tries to change, override or reveal the assistant's instructions."""
    return bool(INJECTION.search(question))


def _shingles(text: str, n: int = LEAK_WORDS) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _instruction_shingles() -> set[tuple[str, ...]]:
    texts = [CONDENSE_SYSTEM, RETRY_HUMAN]
    for lang, language in LANGUAGE.items():
        texts.append(ANSWER_SYSTEM.format(language=language, abstain=ABSTAIN_SENTENCE[lang]))
    return set().union(*(_shingles(t) for t in texts))


INSTRUCTIONS = _instruction_shingles()


def leaks_prompt(text: str, source_texts: Iterable[str]) -> bool:
    """The answer repeats a run of our instructions (not also found in a source), or our prompt's markup."""
    if MARKUP.search(text):
        return True
    overlap = _shingles(text) & INSTRUCTIONS
    if overlap:
        overlap -= set().union(set(), *(_shingles(t) for t in source_texts))
    return bool(overlap)


def abstains(text: str) -> bool:
    """A short, uncited 'the sources do not answer this' (at most two sentences)."""
    text = text.strip()
    return (
        len(text) <= MAX_ABSTENTION_CHARS
        and not cited_ids(text)
        and len(sentences(text)) <= 2
        and bool(ABSTAINS.search(text))
    )

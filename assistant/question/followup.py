"""Follow-up questions in extractive mode: 'og for verneombud?' after 'Må daglig leder ha HMS-kurs?'
becomes 'Må verneombud ha HMS-kurs?' before retrieval (the role is swapped; other terms are kept)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.question.scope_patterns import only_greeting, only_thanks
from assistant.sources.glossary import Glossary
from assistant.text import EN_STOPWORDS, NO_STOPWORDS, words

ROLE_TERMS = (
    "daglig leder",
    "mellomleder",
    "verneombud",
    "arbeidsmiljøutvalg",
    "ansatte",
    "enkeltpersonforetak",
    "aksjeselskap",
)
FOLLOWUP_START = re.compile(
    r"^\s*(og|men|enn|hva med|hva om|gjelder det|samme for|også|what about|and|how about|same for|"
    r"does that apply|what if)\b",
    re.IGNORECASE,
)


# A question that names its own law, chapter or § is about that source, never a follow-up: "aml § 99-1" after
# "Hva står i internkontrollforskriften § 5?" must not be read as a question about § 5.
OWN_REFERENCE = re.compile(
    r"§|\bparagraf|\bsection\b|\bkap(?:\.|ittel)|\b\d{1,3}\s?[a-z]?\s?-\s?\d{1,3}\b|\b(?:lov|for)-\d{4}-|"
    r"\b(?:aml|arbml|ik|ikf)\b|\w+(?:loven|lova|forskriften|forskrifta)s?\b",
    re.IGNORECASE,
)

QUESTION_START = frozenset(
    "hva hvem hvor hvordan hvorfor hvilke hvilken når må kan skal er har bør gjelder trenger "
    "what who where how why which when do does is are can must should".split()
)


def is_followup(question: str) -> bool:
    """A short question that leans on the previous one ('og for verneombud?', 'verneombud da?')."""
    tokens = words(question)
    if not tokens or len(tokens) > 8 or OWN_REFERENCE.search(question):
        return False
    if only_thanks(question) or only_greeting(question):  # "thanks!", "hvordan går det?" ask nothing more
        return False
    if FOLLOWUP_START.match(question):
        return True
    content = [t for t in tokens if t not in NO_STOPWORDS and t not in EN_STOPWORDS]
    return tokens[0] not in QUESTION_START and 0 < len(content) <= 2 and len(tokens) <= 4


def condense(question: str, history: Sequence[str], glossary: Glossary) -> str:
    """A standalone version of a short follow-up, built from the previous question; else the question."""
    if not history or not is_followup(question):
        return question
    previous = history[-1]
    new_terms = [t for t in glossary.expand(question).terms if t in ROLE_TERMS]
    if new_terms:
        standalone = previous
        for term in ROLE_TERMS:
            if term not in new_terms:
                standalone, n = glossary.replace(term, new_terms[0], standalone)
                if n:
                    return standalone
        return f"{previous} ({new_terms[0]})"
    rest = FOLLOWUP_START.sub("", question).strip(" ?.!")
    return f"{previous} {rest}".strip()

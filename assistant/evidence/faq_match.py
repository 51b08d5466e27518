"""Which FAQ entry may answer a question: it must be about what is asked (a shared non-generic word, or the
situation the entry is about), and after a leading law passage it must rest on that §."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.text import fold_letters, stems
from assistant.types import FaqEntry

# Words nearly every FAQ entry shares: they say nothing about which entry a question is about.
GENERIC_TERMS = frozenset(
    stems("hms kurs kurset opplæring helse miljø sikkerhet hse course training trenger need")
)


# Words that make a question about the course itself (HMS Kontoret's product), where the FAQ, not the law,
# answers: "kan jeg ta pause i kunnskapstesten?" is about the test, not about aml § 10-9 (pauser).
COURSE_QUESTION = re.compile(
    r"(?<!\w)(kurset|kursene|nettkurs\w*|kunnskapstest\w*|kursbevis\w*|bevis(et)?|bestått|diplom(et)?|e-?læring\w*|elæring\w*|instruktør\w*|testen|teoridel\w*|kursholder\w*|selvstudi\w*|"
    r"klasserom\w*|the course|online course|knowledge test|certificate|e-?learning)(?!\w)",
    re.IGNORECASE,
)


# An entry whose answers_when names the question is chosen over a closer entry up to this far ahead of it.
NAMED_WITHIN = 0.03


@lru_cache(maxsize=4096)
def entry_terms(entry: FaqEntry) -> frozenset[str]:
    return frozenset(stems(" ".join(entry.questions) + " " + entry.answer + " " + entry.topic))


@lru_cache(maxsize=4096)
def question_terms_of(entry: FaqEntry) -> frozenset[str]:
    return frozenset(stems(" ".join(entry.questions)))


def asked_as(question_terms: set[str], entry: FaqEntry) -> bool:
    """True when the question shares a non-generic stem with one of the entry's own questions (not its answer,
    which names much it does not answer)."""
    return bool((question_terms - GENERIC_TERMS) & question_terms_of(entry))


def on_topic(question_terms: set[str], entry: FaqEntry) -> bool:
    """True when the question and the entry's questions or answer share a non-generic stem."""
    return bool((question_terms - GENERIC_TERMS) & entry_terms(entry))


@lru_cache(maxsize=256)
def _situation(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_letters(pattern), re.IGNORECASE)


def fits(entry: FaqEntry, hit: Hit, question: str) -> bool:
    """An entry about one situation answers only a question that names it: "Må jeg ha HMS-kurs hvis jeg er eneste
    ansatte i mitt eget aksjeselskap?" does not answer "er daglig leder i et AS med 4 ansatte, må jeg ha kurs?".
    Nor does it answer a question its not_when names. One of the entry's own questions, word for word, always
    fits."""
    text = fold_letters(question)
    return hit.exact or (
        _match_all(entry.only_when, text) and not any(_situation(p).search(text) for p in entry.not_when)
    )


def named(entry: FaqEntry, question: str) -> bool:
    """The question is one the entry's answers_when names."""
    return bool(entry.answers_when) and _match_all(entry.answers_when, fold_letters(question))


def _match_all(patterns: tuple[str, ...], folded_question: str) -> bool:
    return all(_situation(p).search(folded_question) for p in patterns)


def rests_on(entry: FaqEntry, hit: Hit) -> bool:
    """An FAQ entry follows a leading law passage only when it is about the same rule: it rests on that § (or
    on no law at all, like the course entries). The verneombud training entry (§ 6-5) does not follow § 6-1."""
    basis = {(ref.law_id, ref.section) for ref in entry.law_basis}
    return not basis or (str(hit.metadata["law_id"]), str(hit.metadata["section"])) in basis


def faq_answers(hit: Hit, entry: FaqEntry, terms: set[str], *, sure: float, floor: float) -> bool:
    return hit.exact or hit.score >= sure or (hit.score >= floor and on_topic(terms, entry))


def first_fitting(
    faq: dict[str, FaqEntry],
    result: RetrievalResult,
    *,
    enabled: bool = True,
    named_within: float = NAMED_WITHIN,
) -> Hit | None:
    """The closest FAQ hit whose entry fits the question's situation (any closest hit when not ``enabled``), or,
    before it, a hit within ``named_within`` of it whose entry's answers_when names the question."""
    fitting = [
        h for h in result.faq if not enabled or fits(faq[str(h.metadata["faq_id"])], h, result.question)
    ]
    if not fitting:
        return None
    if enabled and not fitting[0].exact:
        close = (h for h in fitting if h.score >= fitting[0].score - named_within)
        return next((h for h in close if named(faq[str(h.metadata["faq_id"])], result.question)), fitting[0])
    return fitting[0]

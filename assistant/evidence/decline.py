"""When a question is declined before any source is chosen: its words say the sources cannot answer it
(assistant.question.scope), it is much closer to an out-of-scope exemplar than to any question the sources
answer, or it is put to the course provider and no close FAQ entry answers it."""

from __future__ import annotations

import re

from assistant.evidence.faq_match import asked_as, named
from assistant.evidence.thresholds import Thresholds
from assistant.question.scope import OutOfScope, classify
from assistant.question.scope_provider import ADDRESSED, LAW_ASKED
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.text import fold_letters, stems

# Exemplar domains (corpus/out_of_scope.yaml) of questions only the course provider can answer
PROVIDER_DOMAINS = frozenset({"kurs-praktisk", "kursleverandørens-drift"})
# How many of the best law candidates may answer a question put to the provider: the reranking reorders close
# sections, and the threshold reads a section's cosine, not its rank
PROVIDER_LAW_TOP = 2
# FAQ topics about the course as the provider's product (what it costs, covers, needs, proves), not about a duty
PRODUCT_TOPICS = frozenset({"kurs"})


def declined(corpus: Corpus, result: RetrievalResult, thresholds: Thresholds) -> OutOfScope | None:
    """Out of scope by the question's words, a § of a law we do not hold, or closeness to the out-of-scope
    exemplars."""
    if not thresholds.scope_signals:
        return outside(result, thresholds)
    by_words = classify(result.question, known_laws=corpus.aliases)
    if by_words is None and result.other_law and not result.names_a_held_section:
        by_words = OutOfScope("other_law", result.other_law)
    return by_words or outside(result, thresholds)


def outside(result: RetrievalResult, thresholds: Thresholds) -> OutOfScope | None:
    """Out of scope by closeness: the question is much closer to a question the sources do not answer than to
    any they do. Never when it names a § we hold or is an FAQ question word for word."""
    match = result.outside
    if (
        match is None
        or not thresholds.outside_margin
        or match.margin < thresholds.outside_margin
        or result.names_a_held_section
        or any(h.exact for h in result.faq[:1])
    ):
        return None
    if match.domain in PROVIDER_DOMAINS:  # the course provider answers these: the answer points to it
        return OutOfScope("provider", "provider")
    return OutOfScope("other_domain", match.topic_nb, topic_en=match.topic_en)


def unstated_provider_fact(
    corpus: Corpus, result: RetrievalResult, faq_hit: Hit | None, thresholds: Thresholds
) -> bool:
    """A question put to the course provider ("lagrer dere resultatene?", "what platform do you use?") whose
    closest fitting FAQ entry is not close, nor names the question (answers_when): the FAQ does not state it,
    and no law answers for the provider. A law question put politely to the provider ("kan dere si meg hva loven
    sier om overtid?") is close to a law section and asks what the law requires, and is answered; a request for
    the provider's own service ("kan dere sette logoen vår på kursbevisene?") is not, however close § 3-5 is."""
    if not thresholds.provider_faq or result.names_a_held_section:
        return False
    law_asked = asks_the_law(result.question)
    if law_asked and any(
        not h.exact and h.score >= thresholds.provider_law for h in result.law[:PROVIDER_LAW_TOP]
    ):
        return False
    if not _says(ADDRESSED, result.question):
        return False
    if faq_hit is None:
        return True
    entry = corpus.faq[str(faq_hit.metadata["faq_id"])]
    if faq_hit.exact or named(entry, result.question):
        return False
    about = bool(entry.only_when) or asked_as(set(stems(result.question)), entry)
    # a request for the provider's own service is answered only by an entry about the course as a product
    return not (
        faq_hit.score >= thresholds.provider_faq and about and (law_asked or entry.topic in PRODUCT_TOPICS)
    )


def asks_the_law(question: str) -> bool:
    return _says(LAW_ASKED, question)


def _says(pattern: re.Pattern[str], question: str) -> bool:
    """The pattern matches the question as typed or with æ, ø and å folded."""
    return bool(pattern.search(question) or pattern.search(fold_letters(question)))

"""The thresholds that choose an answer's evidence (assistant.evidence.select), calibrated on the dev split."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the dev split with `python -m evals.calibrate`."""

    faq_sure: float = 0.90  # an FAQ entry this close answers the question
    faq: float = 0.86  # ...and from here, if it is about what is asked
    law: float = 0.86  # a law section this close answers on its own (Norwegian questions)
    law_en: float = 0.85  # the same for English questions
    law_margin: float = 0.015  # the law leads when its score + this margin reaches the FAQ entry's
    faq_follow: float = 0.92  # an FAQ entry shown after a leading law passage must be this close
    law_with_faq: float = 0.90  # a law passage added beside an FAQ answer that names no law itself
    second_ledd: float = 0.01  # a second ledd of the same § is quoted when within this of the first
    ledd_lexical: float = 0.05  # weight of the share of the question's words a ledd uses
    second_section: float = 0.012  # a second § is quoted when it ranks within this of the first (0: never)
    scope_signals: bool = True  # recognise out-of-scope questions from their words (assistant.question.scope)
    # decline when the closest out-of-scope exemplar (corpus/out_of_scope.yaml) is this much closer than any
    # question the sources answer (0: never)
    outside_margin: float = 0.013
    faq_situations: bool = True  # an entry about one situation answers only questions naming it (only_when)
    # a question put to the course provider ("sender dere …?", "your platform") is answered from an FAQ entry only
    # when the entry is this close; otherwise the provider is asked (0: never)
    provider_faq: float = 0.89
    provider_law: float = 0.875  # ...unless a law section is this close (a law question put to "dere")

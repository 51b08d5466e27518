"""Choose what an answer rests on: the FAQ entry, the law passages (as pinpoint citations) and the gaps.

Both answerers use this: the extractive one quotes the evidence, an LLM one is only shown the evidence.
Thresholds are calibrated on the eval set (evals/reports/); see `Thresholds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.corpus import Corpus
from assistant.facts import FactKind, asked_fact, states
from assistant.formatting import REPEALED
from assistant.retrieval import Hit, RetrievalResult
from assistant.text import stems
from assistant.types import FaqCitation, FaqEntry, Gap, LawCitation, Section

LEDD_PREFIX = re.compile(r"^\(\d+\) ")


@dataclass(frozen=True)
class Thresholds:
    """Calibrated with `python -m evals.calibrate` on the eval set: every pair in faq 0.855-0.86 with
    faq_sure 0.88-0.92 and law 0.88 gave the same best result (paraphrase hit@1 90.5%, abstention accuracy
    97.5%); the values sit inside that plateau."""

    faq_sure: float = 0.90  # an FAQ entry this close answers the question
    faq: float = 0.86  # ...and from here, if it shares a topical term with the question
    law: float = 0.88  # a law passage this close answers on its own
    law_extra: float = 0.90  # a law passage added beside an FAQ answer that cites no law itself


# Words nearly every FAQ entry shares: they say nothing about which entry a question is about.
GENERIC_TERMS = frozenset(
    stems("hms kurs kurset opplæring helse miljø sikkerhet hse course training trenger need")
)


def shares_topic(question_terms: set[str], entry: FaqEntry) -> bool:
    """True when the question and the entry's questions or answer share a non-generic stem."""
    return bool((question_terms - GENERIC_TERMS) & entry_terms(entry))


@lru_cache(maxsize=4096)
def entry_terms(entry: FaqEntry) -> frozenset[str]:
    return frozenset(stems(" ".join(entry.questions) + " " + entry.answer))


@dataclass
class Evidence:
    faq: FaqEntry | None = None
    citations: list[LawCitation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (law name, section, law url)
    lookup: bool = False
    unstated: FactKind | None = None  # the question asks for a fact no chosen source states

    @property
    def empty(self) -> bool:
        return self.faq is None and not self.citations and not self.gaps


def format_ref(corpus: Corpus, law_id: str, section: str, ledd: int | None, letter: str | None) -> str:
    law = corpus.laws[law_id]
    sec = law.sections.get(section)
    ref = f"{law.label} § {section}"
    if ledd is not None and (sec is None or sec.numbered_ledd):
        ref += f" ({ledd})"
    if letter:
        ref += f" {letter}"
    return ref


def law_citation(
    corpus: Corpus,
    law_id: str,
    section: str,
    *,
    ledd: int | None = None,
    letter: str | None = None,
    span: tuple[int, int] | None = None,
) -> LawCitation:
    """A citation whose quote is cut from the corpus text itself (so it is verbatim by construction)."""
    law = corpus.laws[law_id]
    sec = law.sections[section]
    if ledd is not None and sec.ledd_no(ledd) is None:
        ledd, letter = None, None
    if letter and ledd is not None:
        item = next(i for i in sec.ledd_no(ledd).items if i.letter == letter)  # type: ignore[union-attr]
        quote = item.text
    elif ledd is not None:
        quote = LEDD_PREFIX.sub("", sec.ledd_no(ledd).text)  # type: ignore[union-attr]
    elif span is not None:
        quote = LEDD_PREFIX.sub("", sec.text[span[0] : span[1]])
    else:
        quote = sec.text
    note = sec.caution
    return LawCitation(
        law_id=law_id,
        law_name=law.short_name,
        section=section,
        ledd=ledd,
        letter=letter if ledd is not None else None,
        ref=format_ref(corpus, law_id, section, ledd, letter if ledd is not None else None),
        url=sec.url,
        quote=quote,
        version_date=sec.version_date,
        title=sec.title,
        note=note,
    )


def best_ledd(section: Section, query: str) -> int | None:
    """For a multi-ledd section matched as a whole: the one ledd sharing most terms with the query."""
    if not section.numbered_ledd or len(section.ledd) < 2:
        return None
    terms = set(stems(query))
    overlap = [(len(terms & set(stems(ledd.text))), ledd.number) for ledd in section.ledd if ledd.complete]
    overlap.sort(reverse=True)
    if not overlap or overlap[0][0] == 0 or (len(overlap) > 1 and overlap[0][0] == overlap[1][0]):
        return None
    return overlap[0][1]


def hit_citation(corpus: Corpus, hit: Hit, query: str) -> LawCitation:
    law_id, section = str(hit.metadata["law_id"]), str(hit.metadata["section"])
    sec = corpus.laws[law_id].sections[section]
    ledd = int(hit.metadata.get("ledd") or 0)
    if ledd:
        start, end = int(hit.metadata["start"]), int(hit.metadata["end"])
        whole_ledd = sec.ledd_no(ledd)
        if whole_ledd is not None and sec.text[start:end] == whole_ledd.text:
            return law_citation(corpus, law_id, section, ledd=ledd)
        return law_citation(corpus, law_id, section, span=(start, end))
    chosen = best_ledd(sec, query)
    return law_citation(corpus, law_id, section, ledd=chosen)


def gap(corpus: Corpus, law_id: str, section: str) -> Gap:
    law = corpus.laws[law_id]
    repealed = section in law.sections and law.sections[section].repealed
    reason = law.not_covered.get(section, REPEALED if repealed else "Teksten finnes ikke i kildene.")
    return Gap(
        law_id=law_id,
        law_name=law.short_name,
        section=section,
        url=law.section_url(section),
        reason=reason,
    )


def select_evidence(
    corpus: Corpus, result: RetrievalResult, thresholds: Thresholds, *, query: str | None = None
) -> Evidence:
    """Pick the FAQ entry and law passages that answer the question, or nothing (abstain).

    A question that asks for a specific kind of fact (a price, opening hours...) keeps its evidence only if
    that evidence states such a fact; otherwise the answer says the sources do not hold it.
    """
    ev = _select(corpus, result, thresholds, query=query)
    kind = None if ev.lookup else asked_fact(result.question)
    if kind is not None and (ev.faq is not None or ev.citations):
        text = " ".join([ev.faq.answer if ev.faq else "", *(c.quote for c in ev.citations)])
        if not states(kind, text):
            return Evidence(missing=ev.missing, gaps=ev.gaps, unstated=kind)
    return ev


def _select(
    corpus: Corpus, result: RetrievalResult, thresholds: Thresholds, *, query: str | None
) -> Evidence:
    query = query or f"{result.question} {result.expansion.lexical}"
    ev = Evidence()
    seen: set[tuple[str, str, int | None, str | None]] = set()

    def add(citation: LawCitation) -> None:
        if not citation.quote.strip():  # a repealed section: nothing to quote, say so instead
            if all(g.section != citation.section or g.law_id != citation.law_id for g in ev.gaps):
                ev.gaps.append(gap(corpus, citation.law_id, citation.section))
            return
        key = (citation.law_id, citation.section, citation.ledd, citation.letter)
        whole = (citation.law_id, citation.section, None, None)
        if key not in seen and whole not in seen:
            seen.add(key)
            ev.citations.append(citation)

    for ref in result.refs:
        law = corpus.laws[ref.law_id]
        if ref.status == "missing":
            ev.missing.append((law.short_name, ref.section, law.url))
        elif ref.status == "not_covered":
            if all(g.section != ref.section or g.law_id != ref.law_id for g in ev.gaps):
                ev.gaps.append(gap(corpus, ref.law_id, ref.section))
        else:
            add(law_citation(corpus, ref.law_id, ref.section, ledd=ref.ledd, letter=ref.letter))

    if result.lookup_only:
        ev.lookup = True
        return ev

    best = result.best_faq
    entry = corpus.faq[str(best.metadata["faq_id"])] if best is not None else None
    if (
        best is not None
        and entry is not None
        and (
            best.exact
            or best.score >= thresholds.faq_sure
            or (best.score >= thresholds.faq and shares_topic(set(stems(query)), entry))
        )
    ):
        ev.faq = entry
        for faq_ref in entry.refs:
            law = corpus.laws[faq_ref.law_id]
            if faq_ref.section in law.sections:
                ledd = faq_ref.ledd or best_ledd(
                    law.sections[faq_ref.section],
                    f"{entry.question} {entry.answer} {result.expansion.lexical}",
                )
                add(law_citation(corpus, faq_ref.law_id, faq_ref.section, ledd=ledd, letter=faq_ref.letter))
            elif all(g.section != faq_ref.section for g in ev.gaps):
                ev.gaps.append(gap(corpus, faq_ref.law_id, faq_ref.section))
        if not entry.refs and entry.kind == "faq":
            law_hit = result.best_law
            if law_hit is not None and not law_hit.exact and law_hit.score >= thresholds.law_extra:
                add(hit_citation(corpus, law_hit, query))
        return ev

    law_hit = result.best_law
    if law_hit is not None and not law_hit.exact and law_hit.score >= thresholds.law:
        add(hit_citation(corpus, law_hit, query))
    return ev


def faq_citation(entry: FaqEntry) -> FaqCitation:
    return FaqCitation(faq_id=entry.id, question=entry.question)

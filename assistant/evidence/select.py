"""Choose what an answer rests on: the law passages (as pinpoint citations), the FAQ entry, and the gaps.

The order of the decisions:
1. An exact reference is looked up; a § that does not exist is named and nothing else is said.
2. A question the sources cannot answer (course prices and dates, tax, insurance, other laws, an injection) is
   recognised from its words (assistant.question.scope), or by being much closer to a question the sources do
   not answer (corpus/out_of_scope.yaml) than to any they do, and abstains with a reason.
3. The law answers a law question: when the best law section is at least as close as the best FAQ entry and
   above its own floor (a lower one for English questions, whose cosines run lower across languages), the
   answer leads with that section's answering ledd; the FAQ entry follows only if it is also on the topic.
4. Otherwise an FAQ entry answers when it is close and about what is asked, with the law its answer rests on.

Both answerers use this: the extractive one quotes the evidence, an LLM one is only shown the evidence.
Thresholds are calibrated on the dev split (`python -m evals.calibrate`); see `Thresholds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.evidence.citations import LEDD_PREFIX, best_ledd, faq_citation, focused_ledd, gap, law_citation
from assistant.evidence.faq_match import COURSE_QUESTION, faq_answers, first_fitting, named, rests_on
from assistant.question.facts import FactKind, asked_fact, states
from assistant.question.scope import OutOfScope, classify
from assistant.question.scope_provider import ADDRESSED
from assistant.references.lookup import contents, format_ref
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.text import fold_letters, guess_language, stems
from assistant.types import Contents, FaqEntry, Gap, LawCitation

__all__ = [
    "LEDD_PREFIX",
    "Evidence",
    "Thresholds",
    "faq_citation",
    "format_ref",
    "law_citation",
    "select_evidence",
]

MAX_LAW_CITATIONS = 12  # an answer names at most this many law passages; the rest are counted, with a link
# ...and quotes at most this many characters of law. Each quote appears twice in the JSON answer (in the text and
# in its citation), so this keeps one answer under 64 KB: the rest are counted, with the link.
MAX_QUOTED_CHARS = 24_000
# Exemplar domains (corpus/out_of_scope.yaml) of questions only the course provider can answer
PROVIDER_DOMAINS = frozenset({"kurs-praktisk", "kursleverandørens-drift"})


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
    outside_margin: float = 0.02
    faq_situations: bool = True  # an entry about one situation answers only questions naming it (only_when)
    # a question put to the course provider ("sender dere …?", "your platform") is answered from an FAQ entry only
    # when the entry is this close; otherwise the provider is asked (0: never)
    provider_faq: float = 0.89
    provider_law: float = 0.875  # ...unless a law section is this close (a law question put to "dere")


@dataclass
class Evidence:
    faq: FaqEntry | None = None
    citations: list[LawCitation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (law name, what is missing, law url)
    lookup: bool = False
    law_first: bool = False  # the law answers; the FAQ entry, if any, follows
    unstated: FactKind | None = None  # the question asks for a fact no chosen source states
    out_of_scope: OutOfScope | None = None
    more_citations: int = 0  # law passages found beyond MAX_LAW_CITATIONS
    contents: Contents | None = None  # a law's or a chapter's table of contents (a lookup of the whole)

    @property
    def empty(self) -> bool:
        return self.faq is None and not self.citations and not self.gaps and self.contents is None

    def add(self, corpus: Corpus, citation: LawCitation) -> None:
        """Add a law citation once; a repealed § (nothing to quote) becomes a gap instead."""
        if not citation.quote.strip():
            self.add_gap(corpus, citation.law_id, citation.section)
            return
        keys = {(c.law_id, c.section, c.ledd, c.letter) for c in self.citations}
        if (citation.law_id, citation.section, citation.ledd, citation.letter) in keys or (
            citation.law_id,
            citation.section,
            None,
            None,
        ) in keys:
            return
        quoted = sum(len(c.quote) for c in self.citations)
        if len(self.citations) >= MAX_LAW_CITATIONS or (
            self.citations and quoted + len(citation.quote) > MAX_QUOTED_CHARS
        ):
            self.more_citations += 1
            return
        self.citations.append(citation)

    def add_gap(self, corpus: Corpus, law_id: str, section: str) -> None:
        if all(g.section != section or g.law_id != law_id for g in self.gaps):
            self.gaps.append(gap(corpus, law_id, section))


def select_evidence(
    corpus: Corpus, result: RetrievalResult, thresholds: Thresholds, *, query: str | None = None
) -> Evidence:
    """Pick the law passages and FAQ entry that answer the question, or nothing (abstain).

    A question that asks for a specific kind of fact (opening hours, a phone number...) keeps its evidence
    only if that evidence states such a fact; otherwise the answer says the sources do not hold it.
    """
    ev = _select(corpus, result, thresholds, query=query or f"{result.question} {result.expansion.lexical}")
    kind = None if ev.lookup or ev.out_of_scope else asked_fact(result.question)
    if kind is not None and (ev.faq is not None or ev.citations):
        text = " ".join([ev.faq.answer if ev.faq else "", *(c.quote for c in ev.citations)])
        if not states(kind, text):
            return Evidence(missing=ev.missing, gaps=ev.gaps, unstated=kind)
    return ev


def _exact(corpus: Corpus, result: RetrievalResult, ev: Evidence) -> None:
    for ref in result.refs:
        law = corpus.laws[ref.law_id]
        if ref.status == "missing":
            ev.missing.append((law.short_name, ref.missing, law.url))
        elif ref.status == "not_covered":
            ev.add_gap(corpus, ref.law_id, ref.section)
        elif ref.kind in ("law", "chapter"):
            if result.lookup_only and ev.contents is None:
                ev.contents = contents(corpus, ref.law_id, ref.chapter)
        else:
            citation = law_citation(
                corpus, ref.law_id, ref.section, ledd=ref.ledd, letter=ref.letter, punktum=ref.punktum
            )
            ev.add(corpus, citation)


def _select(corpus: Corpus, result: RetrievalResult, thresholds: Thresholds, *, query: str) -> Evidence:
    ev = Evidence()
    _exact(corpus, result, ev)
    if result.lookup_only or ev.missing:  # a lookup, or a question about a § that does not exist
        ev.lookup = result.lookup_only
        return ev
    ev.out_of_scope = (
        classify(result.question, known_laws=corpus.aliases) if thresholds.scope_signals else None
    ) or _outside(result, thresholds)
    if ev.out_of_scope is not None:
        if (
            ev.out_of_scope.reason == "injection"
        ):  # a § named inside an instruction is not quoted on its behalf
            ev.citations.clear()
            ev.gaps.clear()
            ev.more_citations = 0
        return ev
    faq_hit = first_fitting(corpus.faq, result, enabled=thresholds.faq_situations)
    law_hit = next((h for h in result.law if not h.exact), None)
    if _unstated_provider_fact(corpus, result, faq_hit, thresholds):
        ev.out_of_scope = OutOfScope("provider", "provider")
        return ev
    entry = corpus.faq[str(faq_hit.metadata["faq_id"])] if faq_hit is not None else None
    terms = set(stems(query))
    faq_ok = (
        entry is not None
        and faq_hit is not None
        and faq_answers(faq_hit, entry, terms, sure=thresholds.faq_sure, floor=thresholds.faq)
    )
    if ev.gaps and not any(ref.status == "found" for ref in result.refs):
        return _gap_only(corpus, result, ev, entry if faq_ok else None, thresholds, query=query)
    floor = thresholds.law_en if guess_language(result.question) == "en" else thresholds.law
    law_ok = law_hit is not None and law_hit.score >= floor
    about_course = faq_ok and (
        COURSE_QUESTION.search(result.question) is not None
        or (thresholds.faq_situations and named(entry, result.question))  # type: ignore[arg-type]
    )
    if (
        law_hit is not None
        and law_ok
        and not (faq_hit is not None and faq_hit.exact)
        and not about_course
        and (
            not faq_ok or law_hit.score + thresholds.law_margin >= faq_hit.score  # type: ignore[union-attr]
        )
    ):
        ev.law_first = True
        _add_law(corpus, ev, law_hit, query, thresholds)
        runner_up = next((h for h in result.law if not h.exact and h is not law_hit), None)
        if (
            runner_up is not None
            and thresholds.second_section
            and runner_up.score >= floor
            and (
                runner_up.score + runner_up.rerank
                >= law_hit.score + law_hit.rerank - thresholds.second_section
            )
        ):
            _add_law(corpus, ev, runner_up, query, thresholds)
        if (
            faq_ok
            and faq_hit.score >= thresholds.faq_follow  # type: ignore[union-attr]
            and rests_on(entry, law_hit)  # type: ignore[arg-type]
        ):
            _add_faq(corpus, ev, entry, result, law_hit=None, thresholds=thresholds, query=query)  # type: ignore[arg-type]
        return ev
    if faq_ok:
        _add_faq(corpus, ev, entry, result, law_hit=law_hit, thresholds=thresholds, query=query)  # type: ignore[arg-type]
    return ev


def _gap_only(
    corpus: Corpus,
    result: RetrievalResult,
    ev: Evidence,
    entry: FaqEntry | None,
    thresholds: Thresholds,
    *,
    query: str,
) -> Evidence:
    """The question names a § whose text the sources lack ("IK § 12 om årsrapport"): the answer says so and links
    it; no other § is quoted in its place. An FAQ entry that rests on that very § may answer."""
    wanted = {(g.law_id, g.section) for g in ev.gaps}
    if entry is not None and wanted & {(ref.law_id, ref.section) for ref in entry.law_basis}:
        _add_faq(corpus, ev, entry, result, law_hit=None, thresholds=thresholds, query=query)
    return ev


def _outside(result: RetrievalResult, thresholds: Thresholds) -> OutOfScope | None:
    """Out of scope by closeness: the question is much closer to a question the sources do not answer than to
    any they do. Never when it names a § we hold or is an FAQ question word for word."""
    match = result.outside
    if (
        match is None
        or not thresholds.outside_margin
        or match.margin < thresholds.outside_margin
        or any(ref.status == "found" for ref in result.refs)
        or any(h.exact for h in result.faq[:1])
    ):
        return None
    if match.domain in PROVIDER_DOMAINS:  # the course provider answers these: the answer points to it
        return OutOfScope("provider", "provider")
    return OutOfScope("other_domain", match.topic_nb, topic_en=match.topic_en)


def _unstated_provider_fact(
    corpus: Corpus, result: RetrievalResult, faq_hit: Hit | None, thresholds: Thresholds
) -> bool:
    """A question put to the course provider ("lagrer dere resultatene?", "what platform do you use?") whose
    closest fitting FAQ entry is not close, nor names the question (answers_when): the FAQ does not state it,
    and no law answers for the provider. A law question put politely to the provider ("kan dere si meg hva loven
    sier om overtid?") is close to a law section, and is answered."""
    if not thresholds.provider_faq or any(ref.status == "found" for ref in result.refs):
        return False
    if any(not h.exact and h.score >= thresholds.provider_law for h in result.law[:1]):
        return False
    if not (ADDRESSED.search(result.question) or ADDRESSED.search(fold_letters(result.question))):
        return False
    if faq_hit is None:
        return True
    entry = corpus.faq[str(faq_hit.metadata["faq_id"])]
    return not (faq_hit.exact or faq_hit.score >= thresholds.provider_faq or named(entry, result.question))


def _add_law(corpus: Corpus, ev: Evidence, hit: Hit, query: str, thresholds: Thresholds) -> None:
    law_id, number = str(hit.metadata["law_id"]), str(hit.metadata["section"])
    section = corpus.laws[law_id].sections[number]
    for ledd in focused_ledd(
        section, hit, query, second_within=thresholds.second_ledd, lexical_weight=thresholds.ledd_lexical
    ):
        ev.add(corpus, law_citation(corpus, law_id, number, ledd=ledd))


def _add_faq(
    corpus: Corpus,
    ev: Evidence,
    entry: FaqEntry,
    result: RetrievalResult,
    *,
    law_hit: Hit | None,
    thresholds: Thresholds,
    query: str,
) -> None:
    """The entry, the law its answer names or rests on (or a close law passage when it rests on none)."""
    ev.faq = entry
    hits = {h.key: h for h in result.law}
    for ref in entry.law_basis:
        law = corpus.laws[ref.law_id]
        if ref.section not in law.sections:
            ev.add_gap(corpus, ref.law_id, ref.section)
            continue
        hit = hits.get(f"{ref.law_id}:{ref.section}")
        ledd = ref.ledd
        if ledd is None:  # the ledd the question points to, or else the one sharing most words with the entry
            section = law.sections[ref.section]
            if hit is not None:
                ledd = focused_ledd(section, hit, f"{entry.question} {query}", second_within=0)[0]
            else:
                ledd = best_ledd(section, f"{entry.question} {entry.answer} {result.expansion.lexical}")
        ev.add(corpus, law_citation(corpus, ref.law_id, ref.section, ledd=ledd, letter=ref.letter))
    if (
        not entry.law_basis
        and entry.kind == "faq"
        and law_hit is not None
        and law_hit.score >= thresholds.law_with_faq
    ):
        _add_law(corpus, ev, law_hit, query, thresholds)

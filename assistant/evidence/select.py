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

import re
from dataclasses import dataclass, field

from assistant.evidence.citations import LEDD_PREFIX, best_ledd, faq_citation, focused_ledd, gap, law_citation
from assistant.evidence.decline import declined, unstated_provider_fact
from assistant.evidence.faq_match import COURSE_QUESTION, faq_answers, first_fitting, named, rests_on
from assistant.evidence.thresholds import Thresholds
from assistant.question.facts import FactKind, asked_fact, how_directly, states
from assistant.question.scope import OutOfScope
from assistant.references.lookup import contents, format_ref
from assistant.retrieval.hits import Hit, RetrievalResult
from assistant.sources.corpus import Corpus
from assistant.text import guess_language, stems
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

    def drop_quotes(self) -> None:
        self.citations.clear()
        self.gaps.clear()
        self.more_citations = 0

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
        # the passage that states the fact asked for leads (the short answer is drawn from it)
        ev.citations.sort(key=lambda c: how_directly(kind, c.quote))
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
    ev.out_of_scope = declined(corpus, result, thresholds)
    if ev.out_of_scope is not None:
        # a § named inside an instruction, or beside what the sources do not answer ('etter aml § 6-5 … skal vi
        # trekke forskuddsskatt?'), is not quoted for it; one asked about for itself ('hva sier aml § 14-9 om …
        # etter kommuneloven § 25?') is, beside another law's
        if ev.out_of_scope.reason != "other_law" or not _asked_for_itself(result):
            ev.drop_quotes()
        return ev
    faq_hit = first_fitting(corpus.faq, result, enabled=thresholds.faq_situations)
    law_hit = next((h for h in result.law if not h.exact), None)
    if unstated_provider_fact(corpus, result, faq_hit, thresholds):
        ev.out_of_scope = OutOfScope("provider", "provider")
        return ev
    entry = corpus.faq[str(faq_hit.metadata["faq_id"])] if faq_hit is not None else None
    terms = set(stems(query))
    faq_ok = (
        entry is not None
        and faq_hit is not None
        and faq_answers(faq_hit, entry, terms, sure=thresholds.faq_sure, floor=thresholds.faq)
    )
    if ev.gaps and not result.names_a_held_section:
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
        _lead_with_law(corpus, ev, result, law_hit, floor, thresholds, query)
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


def _asked_for_itself(result: RetrievalResult) -> bool:
    """The question asks what a § we hold says ('hva sier aml § 14-9 …', 'what does section 14-9 say')."""
    return any(
        ref.status == "found" and ASKS_WHAT_IT_SAYS.search(result.question[: ref.ref.span[0]])
        for ref in result.refs
    )


# the words right before a reference that ask what it says
ASKS_WHAT_IT_SAYS = re.compile(r"(hva (sier|står)( det)?( i)?|what (does|do)( the)?)\s*$", re.IGNORECASE)


def _lead_with_law(
    corpus: Corpus,
    ev: Evidence,
    result: RetrievalResult,
    law_hit: Hit,
    floor: float,
    thresholds: Thresholds,
    query: str,
) -> None:
    """The law answers: the leading section's ledd, and a second section when it ranks close behind."""
    ev.law_first = True
    _add_law(corpus, ev, law_hit, query, thresholds)
    runner_up = next((h for h in result.law if not h.exact and h is not law_hit), None)
    if (
        runner_up is not None
        and thresholds.second_section
        and runner_up.score >= floor
        and runner_up.score + runner_up.rerank >= law_hit.score + law_hit.rerank - thresholds.second_section
    ):
        _add_law(corpus, ev, runner_up, query, thresholds)


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

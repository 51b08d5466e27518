"""Citations cut from the corpus itself: a law passage (§, ledd, letter) with its verbatim quote, a gap (a §
whose text the corpus does not hold), an FAQ entry. A quote is always a substring of the section's text."""

from __future__ import annotations

import re

from assistant.formatting import REPEALED
from assistant.references.ledd_parts import list_items, sentences
from assistant.references.lookup import format_ref
from assistant.retrieval.hits import Hit
from assistant.sources.corpus import Corpus
from assistant.text import stems
from assistant.types import FaqCitation, FaqEntry, Gap, LawCitation, Section

LEDD_PREFIX = re.compile(r"^\(\d+\) ")
INFERRED_LETTER = (
    "Kilden vår viser ikke bokstavene i denne listen; bokstaven er talt etter rekkefølgen (a, b, c …)."
)


def law_citation(
    corpus: Corpus,
    law_id: str,
    section: str,
    *,
    ledd: int | None = None,
    letter: str | None = None,
    punktum: int | None = None,
    span: tuple[int, int] | None = None,
) -> LawCitation:
    """A citation whose quote is cut from the corpus text itself (so it is verbatim by construction): the whole
    §, a ledd, a lettered item of a ledd's list, or one sentence (punktum) of a ledd."""
    law = corpus.laws[law_id]
    sec = law.sections[section]
    if ledd is not None and sec.ledd_no(ledd) is None:
        ledd, letter, punktum = None, None, None
    note = sec.caution
    if letter and ledd is not None:
        item = next(i for i in list_items(sec.ledd_no(ledd)) if i[0] == letter)  # type: ignore[arg-type]
        quote = item[1]
        if item[2]:
            note = " ".join(filter(None, [note, INFERRED_LETTER]))
    elif punktum and ledd is not None:
        quote = sentences(sec.ledd_no(ledd).text)[punktum - 1]  # type: ignore[union-attr]
    elif ledd is not None:
        quote = LEDD_PREFIX.sub("", sec.ledd_no(ledd).text)  # type: ignore[union-attr]
    elif span is not None:
        quote = LEDD_PREFIX.sub("", sec.text[span[0] : span[1]])
    else:
        quote = sec.text
    letter = letter if ledd is not None else None
    punktum = punktum if ledd is not None and not letter else None
    ref = format_ref(corpus, law_id, section, ledd, letter) + (f" {punktum}. pkt." if punktum else "")
    return LawCitation(
        law_id=law_id,
        law_name=law.short_name,
        section=section,
        ledd=ledd,
        letter=letter,
        punktum=punktum,
        ref=ref,
        url=sec.url,
        quote=quote,
        version_date=sec.version_date,
        title=sec.title,
        note=note,
    )


# A ledd that only empowers the ministry to make regulations ("(6) Departementet kan gi forskrift om adgang til å
# avtale lengre prøvetid ...") answers no practical question; it is quoted only when the question asks about
# regulations.
DELEGATION = re.compile(
    r"^(\(\d+\)\s*)?(Departementet|Kongen)\b[^.]{0,80}?\bkan\b[^.]{0,40}?\b(gi|gis|fastsette)\b[^.]{0,60}?"
    r"\b(forskrift|forskrifter|regler)\b"
)
ASKS_ABOUT_REGULATIONS = re.compile(
    r"forskrift|departement|kongen|regulation|ministry|hjemmel", re.IGNORECASE
)


def best_ledd(section: Section, query: str) -> int | None:
    """For a multi-ledd section matched as a whole: the one ledd sharing most terms with the query."""
    if not section.numbered_ledd or len(section.ledd) < 2:
        return None
    terms = set(stems(query))
    delegating = _delegating(section, query)
    overlap = [
        (len(terms & set(stems(ledd.text))), ledd.number)
        for ledd in section.ledd
        if ledd.complete and ledd.number not in delegating
    ]
    overlap.sort(reverse=True)
    if not overlap or overlap[0][0] == 0 or (len(overlap) > 1 and overlap[0][0] == overlap[1][0]):
        return None
    return overlap[0][1]


def _delegating(section: Section, query: str) -> set[int]:
    """The ledd that only empower regulations, unless the question asks about those."""
    if ASKS_ABOUT_REGULATIONS.search(query):
        return set()
    return {ledd.number for ledd in section.ledd if DELEGATION.search(ledd.text)}


# A question that states how many work there ("vi er 6 ansatte", "we have 12 employees") asks which rule applies at
# that size: a ledd that sets a number of employees ("færre enn 5 arbeidstakere", "minst 50 arbeidstakere") is the
# one that answers it, not the ledd about the size of the company in general.
HEADCOUNT = re.compile(
    r"(?<![\w.,])\d{1,5} ?(ansatte|stk|stykker|arbeidstakere|medarbeidere|personer|folk|employees|staff|people|workers)\b"
    r"|\bvi er (\d{1,5}|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)\b",
    re.IGNORECASE,
)
SIZE_RULE = re.compile(r"\d+ arbeidstakere|\d+ ansatte", re.IGNORECASE)
HEADCOUNT_BONUS = 0.02

# A question that asks how long or how many days ("hvor mange dager kan jeg være hjemme med sykt barn?") is answered
# by the ledd that states a length of time ("inntil 10 dager for hvert kalenderår"), not the ledd that gives the
# right itself; the same bonus as a stated headcount.
TIME_UNITS = (
    r"(kalender|arbeids|virke)?(dag|dager|dagers|uke|uker|ukers|måned|måneder|måneders|time|timer|timers|år)"
)
DURATION_ASKED = re.compile(
    rf"\bhvor (mange|mye)( [\w-]+)? {TIME_UNITS}\b|\bhvor (lenge|lang tid|mye overtid)\b"
    r"|\bhvor lang(e)? (prøvetid|oppsigelsestid|permisjon|ferie|frist|varsel\w*)\b"
    r"|\bhow (many|much)( [\w-]+)? (days|weeks|months|hours|years|overtime)\b|\bhow long\b",
    re.IGNORECASE,
)
DURATION_RULE = re.compile(
    rf"(?<![\w§-])(\d+|en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|femten|tjue|tretti) {TIME_UNITS}\b",
    re.IGNORECASE,
)
# what the question asks -> what the ledd that answers it states; each pair met adds HEADCOUNT_BONUS to that ledd
ASKED_AND_STATED = ((HEADCOUNT, SIZE_RULE), (DURATION_ASKED, DURATION_RULE))


def _answering(section: Section, scores: dict[int, float], query: str) -> dict[int, float]:
    """The scores without the ledd that only empower regulations (all of them when no other ledd scored)."""
    delegating = _delegating(section, query)
    return {n: s for n, s in scores.items() if n not in delegating} or scores


def focused_ledd(
    section: Section, hit: Hit, query: str, *, second_within: float, lexical_weight: float = 0.0
) -> list[int | None]:
    """The ledd that answer the question, best first: the ledd scoring best on its passage and questions, and a
    second of the same § only when it scores within ``second_within`` of the first. [None]: the whole §."""
    whole = [ledd.number for ledd in section.ledd if ledd.complete]
    if not section.numbered_ledd or len(whole) < 2:
        return [None]
    scores = _answering(section, {n: s for n, s in hit.ledd_scores.items() if n in whole}, query)
    if not scores:  # the § was indexed whole (a short §): choose by shared terms
        return [best_ledd(section, query)]
    # ledd of one § score closely: the share of the question's terms each ledd uses decides
    if lexical_weight:
        terms = set(stems(query))
        for ledd in section.ledd:
            if ledd.number in scores and terms:
                scores[ledd.number] += lexical_weight * len(terms & set(stems(ledd.text))) / len(terms)
    for asked, stated in ASKED_AND_STATED:
        if asked.search(query):
            for ledd in section.ledd:
                if ledd.number in scores and stated.search(ledd.text):
                    scores[ledd.number] += HEADCOUNT_BONUS
    scored = sorted(((s, n) for n, s in scores.items()), reverse=True)
    chosen: list[int | None] = [scored[0][1]]
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - second_within:
        chosen.append(scored[1][1])
    return sorted(chosen, key=lambda n: n or 0)


def gap(corpus: Corpus, law_id: str, section: str) -> Gap:
    law = corpus.laws[law_id]
    repealed = section in law.sections and law.sections[section].repealed
    reason = law.not_covered.get(section, REPEALED if repealed else "Teksten finnes ikke i kildene.")
    return Gap(
        law_id=law_id, law_name=law.short_name, section=section, url=law.section_url(section), reason=reason
    )


def faq_citation(entry: FaqEntry) -> FaqCitation:
    return FaqCitation(faq_id=entry.id, question=entry.question)

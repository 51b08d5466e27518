"""Questions that ask for one specific kind of fact (a percentage, a measured limit, how often something must be
done, how long records must be kept) are only answered when the chosen source states such a fact (prices, course
dates, seats, opening hours and contact details are the course provider's facts: assistant.question.scope).
Otherwise the closest FAQ entry or § would be quoted in reply to a question it does not answer ("what does the
course cost?", "how often must the lift be inspected?": the § that says equipment must be safe states no interval)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FactKind:
    name: str
    asked: re.Pattern[str]  # the question asks for this kind of fact
    stated: re.Pattern[str]  # a source states one
    nb: str  # what the sources lack, in Norwegian
    en: str
    weakly: re.Pattern[str] | None = None  # states it less directly: enough to answer, ranked after `stated`


IGNORE_CASE = re.IGNORECASE
# a stated length of time ("seks måneder", "3 years"), which also answers "how often" ("not within six months")
PERIOD = r"\b(\d+|ett?|én|to|tre|fire|fem|seks|sju|syv|åtte|ti|tolv) (år|måned\w*|uke\w*|dag\w*|year|month|week|day)s?\b"
KEEPING = r"\b(oppbevar\w*|lagr\w*|slett\w*|ta vare på|arkiv\w*|keep|kept|stored?|retain\w*|delet\w*)"
FACT_KINDS = (
    FactKind(
        "percentage",
        re.compile(
            r"\b(hvor mange prosent|hvilken prosent\w*|prosentsats\w*|how many percent|what percentage)\b",
            IGNORE_CASE,
        ),
        re.compile(r"\d\s?(%|prosent)", IGNORE_CASE),
        "Kildene mine oppgir ingen prosentsats.",
        "My sources state no percentage.",
    ),
    FactKind(
        "amount",
        re.compile(r"\b(hvor mange kroner|i kroner|how many kroner|in kroner|in nok)\b", IGNORE_CASE),
        re.compile(r"\d\s?(kr\b|kroner|nok\b)", IGNORE_CASE),
        "Kildene mine oppgir ikke noe beløp i kroner.",
        "My sources state no amount in kroner.",
    ),
    FactKind(
        "measurement",
        re.compile(
            r"\b(desibel|decibel|db\b|grenseverdi\w*|kvadratmeter|kvm\b|meter høy|høyde|minimumstemperatur\w*|"
            r"maksimumstemperatur\w*|(laveste|høyeste|minste|minimum|maks|maksimal|maximum) temperatur\w*|"
            r"hvor mange grader|gradetall\w*|antall grader|lux|luxnivå\w*|(minimum|maximum|lowest|highest) temperature|how many degrees)\b",
            IGNORE_CASE,
        ),
        re.compile(r"\d\s?(db\b|desibel|decibel|kvm|m2|m²|meter|grader|°|lux)", IGNORE_CASE),
        "Kildene mine oppgir ingen slik grenseverdi eller måling.",
        "My sources state no such limit or measurement.",
    ),
    # how often something must be done (an inspection, a fire drill, a meeting): answered only by a source that
    # states a frequency, even a loose one ("regelmessig"), not by the § that says only that it must be done
    FactKind(
        "frequency",
        re.compile(
            r"\b(hvor ofte|hvor hyppig\w*|hvor mange ganger (i|per|pr\.?) (året|år|måneden|måned|uka|uken|uke)|"
            r"how often|how frequently|how many times (a|per) (year|month|week))\b",
            IGNORE_CASE,
        ),
        re.compile(
            r"\b((\d+|en|én|ett|to|tre|fire|fem|seks) gang(er)?|hver(t|e)? (år|måned|uke|dag|kvartal|\d+)|"
            r"årlig\w*|månedlig\w*|ukentlig\w*|daglig\w*|jevnlig\w*|regelmessig\w*|periodisk\w*|løpende|"
            r"every|once|twice|times|annual\w*|monthly|weekly|daily|regular\w*)\b",
            IGNORE_CASE,
        ),
        "Kildene mine oppgir ikke hvor ofte det skal gjøres.",
        "My sources do not state how often it must be done.",
        weakly=re.compile(PERIOD, IGNORE_CASE),
    ),
    # how long records must be kept: only a source that states a period answers it
    FactKind(
        "retention",
        re.compile(
            r"\b(hvor lenge (må|skal|bør|trenger|kan|har|får) (\w+ ){0,2}(lov til å )?(ta vare på|oppbevare\w*|lagre\w*|"
            r"arkivere\w*|beholde\w*|spare på)|oppbevaringstid\w*|lagringstid\w*|"
            r"how long (must|do|should|does|shall|can|may) (\w+ ){0,2}(keep|store|retain|archive))\b",
            IGNORE_CASE,
        ),
        # a period in the same sentence as keeping or deleting (not 'within four weeks' of a follow-up plan)
        re.compile(rf"{KEEPING}[^.]{{0,120}}{PERIOD}|{PERIOD}[^.]{{0,120}}{KEEPING}", IGNORE_CASE),
        "Kildene mine oppgir ingen oppbevaringstid for dette.",
        "My sources state no period for keeping these records.",
    ),
)


def asked_fact(question: str) -> FactKind | None:
    return next((kind for kind in FACT_KINDS if kind.asked.search(question)), None)


def how_directly(kind: FactKind, text: str) -> int:
    """0 when the text states the fact, 1 when it states it weakly, 2 when not at all: the order to quote in."""
    if kind.stated.search(text):
        return 0
    return 1 if kind.weakly is not None and kind.weakly.search(text) else 2


def states(kind: FactKind, text: str) -> bool:
    return how_directly(kind, text) < 2
